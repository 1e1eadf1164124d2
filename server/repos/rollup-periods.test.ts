import { describe, expect, it } from 'vitest';
import { dateOfDay, dayOf, dayOfDate, dayStart, monthOf, splitPeriod } from './rollup-periods.ts';

describe('report periods', () => {
  it('counts days and months in Hanoi time', () => {
    const justBeforeMidnight = Date.parse('2026-04-30T23:59:59+07:00');
    expect(dateOfDay(dayOf(justBeforeMidnight))).toBe('2026-04-30');
    expect(dateOfDay(dayOf(justBeforeMidnight + 1000))).toBe('2026-05-01');
    expect(monthOf(justBeforeMidnight)).toBe(2026 * 12 + 3);
    expect(dayStart(dayOfDate('2026-05-01'))).toBe(Date.parse('2026-05-01T00:00:00+07:00'));
  });

  it('splits a period into whole months and the days at its edges', () => {
    const d = dayOfDate;
    expect(splitPeriod(d('2025-11-01'), d('2026-04-30'))).toEqual({ months: [2025 * 12 + 10, 2026 * 12 + 3], days: [] });
    expect(splitPeriod(d('2025-12-15'), d('2026-12-14'))).toEqual({
      months: [2026 * 12 + 0, 2026 * 12 + 10],
      days: [[d('2025-12-15'), d('2025-12-31')], [d('2026-12-01'), d('2026-12-14')]],
    });
    expect(splitPeriod(d('2026-02-03'), d('2026-02-20'))).toEqual({ months: null, days: [[d('2026-02-03'), d('2026-02-20')]] });
  });
});
