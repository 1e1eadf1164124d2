import { describe, expect, it } from 'vitest';
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
});
