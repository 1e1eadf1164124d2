import { describe, expect, it } from 'vitest';
import { clockFace } from './clock-format.ts';

describe('clockFace', () => {
  it('shows Vietnamese weekday, dd/mm/yyyy and HH:MM in Asia/Ho_Chi_Minh', () => {
    expect(clockFace(Date.parse('2026-11-26T08:05:00+07:00'))).toEqual({ weekday: 'Thứ Năm', date: '26/11/2026', time: '08:05' });
    expect(clockFace(Date.parse('2026-11-29T00:00:00+07:00'))).toEqual({ weekday: 'Chủ nhật', date: '29/11/2026', time: '00:00' });
  });

  it('turns the day over at local midnight, not at UTC midnight', () => {
    // 16:59 UTC is 23:59 in Hà Nội; a minute later it is already the next day there.
    expect(clockFace(Date.parse('2026-11-28T16:59:00Z'))).toEqual({ weekday: 'Thứ Bảy', date: '28/11/2026', time: '23:59' });
    expect(clockFace(Date.parse('2026-11-28T17:00:00Z'))).toEqual({ weekday: 'Chủ nhật', date: '29/11/2026', time: '00:00' });
    // And UTC midnight is 07:00 the same local day.
    expect(clockFace(Date.parse('2026-12-31T23:59:00Z'))).toEqual({ weekday: 'Thứ Sáu', date: '01/01/2027', time: '06:59' });
  });

  it('names all seven days', () => {
    const names = new Set(
      Array.from({ length: 7 }, (_, i) => clockFace(Date.parse('2026-11-23T12:00:00+07:00') + i * 86_400_000).weekday),
    );
    expect([...names]).toEqual(['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật']);
  });
});
