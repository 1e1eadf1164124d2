import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../playlists/index.ts';
import { auditChangeLines, auditSentence, objectText } from './audit-text.ts';
import { NameBook } from './name-book.ts';

const ENGLISH = /\b(send|cancel|emergency|media|approved|draft|outdoor|content_item)\b/;
const entry = (fields: Partial<AuditEntry>): AuditEntry => ({
  id: 1, at: '2026-11-26T09:00:00+07:00', userId: 1, username: 'admin', address: '127.0.0.1',
  action: 'update', objectType: 'schedule', objectId: 'sch_1qYaPp9EQt', wardCode: null, before: null, after: null, ...fields,
} as AuditEntry);

describe('audit text', () => {
  const book = new NameBook();
  book.learn('playlist', 'p_tet', 'Chào Xuân');
  const users = new Map([['7', 'phuong.hoankiem']]);

  it('tells an emergency sent and cancelled, and media uploaded, in Vietnamese with names', () => {
    const sent = entry({ action: 'send', objectType: 'emergency', after: { text: 'Bão số 3: hạn chế ra đường', wards: [] } });
    expect(auditSentence(sent, book, users)).toBe('Phát tin khẩn cấp «Bão số 3: hạn chế ra đường»');
    expect(auditSentence(entry({ action: 'cancel', objectType: 'emergency' }), book, users)).toBe('Hủy tin khẩn cấp');
    const media = entry({ action: 'create', objectType: 'media', objectId: 'm_abc', after: { name: 'thuc-hanh.jpg', kind: 'image' } });
    expect(auditSentence(media, book, users)).toBe('Tạo ảnh, video «thuc-hanh.jpg»');
    expect(objectText(entry({ objectType: 'user', objectId: '7' }), book, users)).toBe('Tài khoản «phuong.hoankiem»');
    expect(auditSentence(entry({ action: 'restore', objectType: 'revision', objectId: '14', after: { restoredFrom: 3 } }), book, users)).toBe('Khôi phục phiên bản 3 thành phiên bản 14');
  });

  it("tells a schedule's change as the revision diff does, and codes in words", () => {
    const time = (start: string, end: string) => ({ startDate: '2027-02-01', endDate: null, weekdays: [0, 1, 2, 3, 4, 5, 6], windows: [{ start, end }] });
    const base = { name: 'Tết', playlistId: 'p_tet', tier: 'normal', zone: 'main', ownerWard: null, target: { all: true, wards: [], locationKinds: [], tags: [], screenIds: [] } };
    const changed = entry({ before: { ...base, time: time('07:00', '21:00') }, after: { ...base, time: time('06:00', '22:00') } });
    expect(auditSentence(changed, book, users)).toBe('Sửa lịch phát «Tết»');
    expect(auditChangeLines(changed, book)).toEqual(['Lịch «Tết»: 07:00–21:00 → 06:00–22:00']);
    const review = entry({ action: 'approve', objectType: 'content_item', before: { review: 'submitted' }, after: { review: 'approved' } });
    const lines = auditChangeLines(review, book).join('\n');
    expect(lines).toContain('Chờ duyệt → Đã duyệt');
    expect(lines).not.toMatch(ENGLISH);
    const layout = entry({ action: 'update_layout', objectType: 'screen', before: { theme: 'indoor' }, after: { theme: 'outdoor' } });
    expect(auditChangeLines(layout, book).join('\n')).not.toMatch(ENGLISH);
  });

  it('tells a screen retired, and moved to another ward with its label, in Vietnamese with names', () => {
    const retired = entry({ action: 'retire', objectType: 'screen', objectId: 's_1', before: { name: 'Cổng chợ Đồng Xuân', wardCode: '00070' } });
    expect(auditSentence(retired, book, users)).toBe('Ngừng sử dụng màn hình «Cổng chợ Đồng Xuân»');
    const wards = new NameBook();
    wards.learn('ward', '00070', 'Phường Hoàn Kiếm');
    wards.learn('ward', '00004', 'Phường Ba Đình');
    const moved = entry({ objectType: 'screen', objectId: 's_1',
      before: { name: 'Cổng chợ', ward: 'Phường Hoàn Kiếm', wardCode: '00070', locationKind: 'park', tags: [] },
      after: { name: 'Cổng chợ', ward: 'Phường Ba Đình', wardCode: '00004', locationKind: 'park', tags: [] } });
    expect(auditChangeLines(moved, wards)).toEqual([
      'Tên xã, phường hiển thị: Phường Hoàn Kiếm → Phường Ba Đình',
      'Xã, phường: Phường Hoàn Kiếm → Phường Ba Đình',
    ]);
  });
});
