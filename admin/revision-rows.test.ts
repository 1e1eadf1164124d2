import { describe, expect, it } from 'vitest';
import type { RevisionChange } from '../playlists/index.ts';
import { NameBook } from './name-book.ts';
import { fieldRows, stateOf, titleOf } from './revision-rows.ts';

const book = new NameBook();
book.learn('item', 'c_1', 'Học nghề hôm nay');

const slogan = (text: string, theme: number, revision: number) =>
  ({ kind: 'slogan', id: 'c_1', revision, text, theme, durationMs: 8000 }) as Extract<RevisionChange, { kind: 'item' }>['after'];

describe('revision rows', () => {
  it('marks the fields that differ and names them in Vietnamese', () => {
    const change: RevisionChange = { kind: 'item', id: 'c_1', before: slogan('Học nghề', 1, 2), after: slogan('Học nghề hôm nay', 1, 3) };
    const rows = fieldRows(change, book);
    expect(rows.map((r) => r.name)).toEqual(['kind', 'text', 'theme', 'durationMs']);
    expect(rows.find((r) => r.name === 'text')).toEqual({ name: 'text', label: 'Nội dung khẩu hiệu', before: 'Học nghề', after: 'Học nghề hôm nay', differs: true });
    expect(rows.find((r) => r.name === 'durationMs')).toMatchObject({ before: '8 giây', after: '8 giây', differs: false });
    expect(rows.find((r) => r.name === 'kind')).toMatchObject({ label: 'Loại nội dung', before: 'Khẩu hiệu', differs: false });
    expect(rows.find((r) => r.name === 'theme')).toMatchObject({ label: 'Chủ đề', after: '1. Chủ trương, chính sách, pháp luật về GDNN' });
    expect(stateOf(change)).toBe('changed');
    expect(titleOf(change, book)).toBe('Học nghề hôm nay');
  });

  it('leaves the missing side empty for an added or removed object', () => {
    const added: RevisionChange = { kind: 'playlist', id: 'p_1', before: null, after: { id: 'p_1', name: 'Chính', itemIds: ['c_1', 'c_2'] } };
    expect(stateOf(added)).toBe('added');
    expect(fieldRows(added, book)).toEqual([
      { name: 'name', label: 'Tên', before: '', after: 'Chính', differs: true },
      { name: 'itemIds', label: 'Các nội dung (theo thứ tự phát)', before: '', after: '«Học nghề hôm nay» và «một nội dung đã xóa»', differs: true },
    ]);
    const removed: RevisionChange = { kind: 'playlist', id: 'p_1', before: added.after, after: null };
    expect(stateOf(removed)).toBe('removed');
    expect(fieldRows(removed, book).every((r) => r.after === '' && r.differs)).toBe(true);
  });
});
