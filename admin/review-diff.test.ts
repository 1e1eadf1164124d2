import { describe, expect, it } from 'vitest';
import type { ContentFields, MediaInfo } from '../playlists/index.ts';
import { fieldChanges } from './review-diff.ts';

describe('fieldChanges', () => {
  it('lists only the fields that differ, text first, with values as an approver reads them', () => {
    const onAir = { kind: 'slogan' as const, theme: 2, durationMs: 8_000, text: 'Học nghề hôm nay' };
    const submitted = { kind: 'slogan' as const, theme: 2, durationMs: 10_000, text: 'Học nghề hôm nay, vững nghề ngày mai', secondary: 'Dòng phụ' };
    expect(fieldChanges(onAir, submitted)).toEqual([
      { field: 'text', label: 'Nội dung khẩu hiệu', before: 'Học nghề hôm nay', after: 'Học nghề hôm nay, vững nghề ngày mai' },
      { field: 'secondary', label: expect.any(String), before: '(trống)', after: 'Dòng phụ' },
      { field: 'durationMs', label: 'Thời lượng (giây)', before: '8 giây', after: '10 giây' },
    ]);
  });

  it('shows every field of a new item as changed', () => {
    const changes = fieldChanges(null, { kind: 'clock', theme: 1, durationMs: 5_000 });
    expect(changes.map((c) => c.field)).toEqual(['kind', 'theme', 'durationMs']);
    expect(changes[0]).toMatchObject({ label: 'Loại nội dung', before: '(trống)', after: 'Đồng hồ' });
  });

  it('finds nothing when the versions are equal', () => {
    const item = { kind: 'slogan' as const, theme: 3, durationMs: 8_000, text: 'Giống nhau' };
    expect(fieldChanges(item, { ...item })).toEqual([]);
  });

  it('tells values in words: a theme by name, dates as dd/mm/yyyy, a picture by what it is, never JSON or an id', () => {
    const media = [
      { id: 'm_old', kind: 'image' as const, type: 'image/jpeg' as const, bytes: 1, width: 1920, height: 1080, durationMs: null, files: [] },
      { id: 'm_new', kind: 'image' as const, type: 'image/jpeg' as const, bytes: 1, width: 4000, height: 3000, durationMs: null, files: [] },
    ] as unknown as MediaInfo[];
    const onAir = { kind: 'story' as const, theme: 1, durationMs: 8_000, name: 'An', trade: 'Hàn', school: 'CĐ', outcome: 'Có việc', photo: 'm_old', validUntil: '2026-12-31T23:00:00+07:00' };
    const submitted = { ...onAir, theme: 3, photo: 'm_new', validUntil: '2027-01-15T08:30:00+07:00' };
    const changes = fieldChanges(onAir as unknown as ContentFields, submitted as unknown as ContentFields, media);
    const by = (f: string) => changes.find((c) => c.field === f)!;
    expect(by('photo')).toMatchObject({ before: 'ảnh 1920×1080', after: 'ảnh 4000×3000' });
    expect(by('theme').before).not.toMatch(/^\d+$/);
    expect(by('validUntil')).toMatchObject({ before: '23:00 31/12/2026', after: '08:30 15/01/2027' });
    for (const c of changes) expect(`${c.before} ${c.after}`).not.toMatch(/[{}"]|m_old|m_new/);
  });
});
