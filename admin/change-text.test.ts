import { describe, expect, it } from 'vitest';
import type { RevisionChange, Schedule } from '../playlists/index.ts';
import { changeSentences, learnNames } from './change-text.ts';
import { NameBook } from './name-book.ts';

const ENGLISH = /\b(send|cancel|emergency|media|normal|priority|main|ticker|true|false|null)\b/;

function book(): NameBook {
  const b = new NameBook();
  b.learn('item', 'c_1qYaPp9EQt-7', 'Học nghề hôm nay');
  b.learn('item', 'c_2', 'Vững tay nghề');
  b.learn('playlist', 'p_tet', 'Chào Xuân');
  b.learn('playlist', 'p_main', 'Danh sách chính');
  b.learn('ward', '00070', 'Phường Hoàn Kiếm');
  b.learn('screen', 's_1', 'Bảng tin Hồ Gươm');
  return b;
}

const tet = (windows: { start: string; end: string }[], extra: Partial<Schedule> = {}): Schedule => ({
  id: 'sch_1', name: 'Tết', playlistId: 'p_tet', tier: 'normal', zone: 'main', ownerWard: null,
  target: { all: false, wards: ['00070'], locationKinds: ['park'], tags: [], screenIds: ['s_1'] },
  time: { startDate: '2027-02-01', endDate: '2027-02-11', weekdays: [0, 1, 2, 3, 4, 5, 6], windows },
  ...extra,
});

describe('change sentences', () => {
  it('tells a schedule\'s new hours with its name', () => {
    const change: RevisionChange = { kind: 'schedule', id: 'sch_1', before: tet([{ start: '07:00', end: '21:00' }]), after: tet([{ start: '06:00', end: '22:00' }]) };
    expect(changeSentences(change, book())).toEqual(['Lịch «Tết»: 07:00–21:00 → 06:00–22:00']);
  });

  it('names playlists, wards and screens, never their ids, and has no English words', () => {
    const b = book();
    const change: RevisionChange = {
      kind: 'schedule', id: 'sch_1',
      before: tet([]),
      after: tet([], { playlistId: 'p_main', tier: 'emergency', time: { startDate: '2027-02-01', endDate: null, weekdays: [1, 2, 3, 4, 5], windows: [] } }),
    };
    const text = changeSentences(change, b).join('\n');
    expect(text).toContain('Lịch «Tết»: danh sách phát «Chào Xuân» → «Danh sách chính»');
    expect(text).toContain('Lịch «Tết»: mức ưu tiên Thông thường → Khẩn cấp');
    expect(text).toContain('Lịch «Tết»: ngày từ 01/02/2027 đến hết 10/02/2027 → từ 01/02/2027');
    expect(text).toContain('Lịch «Tết»: các ngày trong tuần mọi ngày → T2, T3, T4, T5, T6');
    expect(text).not.toMatch(ENGLISH);
    expect(text).not.toMatch(/p_main|p_tet|sch_1/);
    const added = changeSentences({ kind: 'schedule', id: 'sch_1', before: null, after: tet([{ start: '22:00', end: '02:00' }]) }, b);
    expect(added).toEqual(['Thêm lịch «Tết»: từ 01/02/2027 đến hết 10/02/2027, mọi ngày, 22:00–02:00']);
  });

  it("tells a playlist's items by their names, and an item's fields in words", () => {
    const b = book();
    const playlist: RevisionChange = {
      kind: 'playlist', id: 'p_main',
      before: { id: 'p_main', name: 'Danh sách chính', itemIds: ['c_1qYaPp9EQt-7', 'c_gone'] },
      after: { id: 'p_main', name: 'Danh sách chính', itemIds: ['c_2', 'c_1qYaPp9EQt-7'] },
    };
    expect(changeSentences(playlist, b)).toEqual([
      'Danh sách phát «Danh sách chính»: thêm «Vững tay nghề»',
      'Danh sách phát «Danh sách chính»: bỏ «một nội dung đã xóa»',
    ]);
    const item: RevisionChange = {
      kind: 'item', id: 'c_1qYaPp9EQt-7',
      before: { kind: 'slogan', id: 'c_1qYaPp9EQt-7', revision: 2, text: 'Học nghề', theme: 1, durationMs: 8_000 },
      after: { kind: 'slogan', id: 'c_1qYaPp9EQt-7', revision: 3, text: 'Học nghề hôm nay', theme: 1, durationMs: 10_000, image: 'm_abc' },
    };
    learnNames(b, [item]);
    expect(changeSentences(item, b)).toEqual([
      'Khẩu hiệu «Học nghề hôm nay»: nội dung khẩu hiệu «Học nghề» → «Học nghề hôm nay»',
      'Khẩu hiệu «Học nghề hôm nay»: thời lượng 8 giây → 10 giây',
      expect.stringMatching(/^Khẩu hiệu «Học nghề hôm nay»: .+ \(trống\) → một tệp trong thư viện$/),
    ]);
    expect(changeSentences({ kind: 'defaultPlaylist', id: 'defaultPlaylist', before: 'p_tet', after: 'p_main' }, b))
      .toEqual(['Danh sách phát mặc định: «Chào Xuân» → «Danh sách chính»']);
  });
});
