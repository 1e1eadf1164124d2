import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  formatLocalDate,
  formatLocalTime,
  localDaysBetween,
  localParts,
  localToInstant,
  parseInstant,
  startOfLocalDay,
  toLocalIso,
} from './time.ts';

const at = (iso: string) => Date.parse(iso);

describe('localParts', () => {
  it('puts 17:00Z at 00:00 on the next day in Hanoi', () => {
    expect(localParts(at('2026-10-03T17:00:00Z'))).toEqual({
      year: 2026,
      month: 10,
      day: 4,
      hour: 0,
      minute: 0,
      second: 0,
      weekday: 0,
    });
  });

  it('keeps 16:59:59Z on the same local day', () => {
    const p = localParts(at('2026-10-03T16:59:59Z'));
    expect([p.day, p.hour, p.minute, p.second, p.weekday]).toEqual([3, 23, 59, 59, 6]);
  });

  it('treats UTC midnight as 07:00 local on the same date', () => {
    const p = localParts(at('2026-10-04T00:00:00Z'));
    expect([p.year, p.month, p.day, p.hour]).toEqual([2026, 10, 4, 7]);
  });

  it('moves into the new year at local midnight while UTC is still on 31/12', () => {
    const p = localParts(at('2026-12-31T17:00:00Z'));
    expect([p.year, p.month, p.day, p.hour, p.weekday]).toEqual([2027, 1, 1, 0, 5]);
  });
});

describe('startOfLocalDay', () => {
  it('returns 17:00Z of the previous UTC day for any instant of the local day', () => {
    const midnight = at('2026-10-04T00:00:00+07:00');
    expect(midnight).toBe(at('2026-10-03T17:00:00Z'));
    expect(startOfLocalDay(midnight)).toBe(midnight);
    expect(startOfLocalDay(at('2026-10-04T06:59:59Z'))).toBe(midnight);
    expect(startOfLocalDay(at('2026-10-04T16:59:59.999Z'))).toBe(midnight);
  });

  it('starts a new day at 17:00Z, not at UTC midnight', () => {
    expect(startOfLocalDay(at('2026-10-04T17:00:00Z'))).toBe(at('2026-10-05T00:00:00+07:00'));
    expect(startOfLocalDay(at('2026-10-05T00:00:00Z'))).toBe(at('2026-10-05T00:00:00+07:00'));
  });

  it('crosses the year boundary at local midnight', () => {
    expect(startOfLocalDay(at('2026-12-31T23:59:59+07:00'))).toBe(at('2026-12-31T00:00:00+07:00'));
    expect(startOfLocalDay(at('2027-01-01T00:00:00+07:00'))).toBe(at('2026-12-31T17:00:00Z'));
  });
});

describe('localDaysBetween', () => {
  it('counts calendar days, not 24-hour periods', () => {
    expect(localDaysBetween(at('2026-10-03T23:59:00+07:00'), at('2026-10-04T00:01:00+07:00'))).toBe(1);
    expect(localDaysBetween(at('2026-10-03T00:01:00+07:00'), at('2026-10-03T23:59:00+07:00'))).toBe(0);
    expect(localDaysBetween(at('2026-10-02T23:30:00+07:00'), at('2026-10-04T00:00:00+07:00'))).toBe(2);
  });

  it('is negative when the second instant is on an earlier day', () => {
    expect(localDaysBetween(at('2026-10-05T00:00:00+07:00'), at('2026-10-04T23:59:59+07:00'))).toBe(-1);
  });

  it('sees two local days where UTC sees one', () => {
    // Both are 03/10 in UTC, but 16:30Z is 23:30 on 03/10 and 17:30Z is 00:30 on 04/10 in Hanoi.
    expect(localDaysBetween(at('2026-10-03T16:30:00Z'), at('2026-10-03T17:30:00Z'))).toBe(1);
  });

  it('counts across the year boundary', () => {
    expect(localDaysBetween(at('2026-12-31T12:00:00+07:00'), at('2027-01-01T00:00:00+07:00'))).toBe(1);
    expect(localDaysBetween(at('2026-10-05T00:00:00+07:00'), at('2027-10-04T08:00:00+07:00'))).toBe(364);
  });
});

describe('localToInstant', () => {
  it('reads a date and time as Hanoi wall-clock time', () => {
    expect(localToInstant('2026-10-04', '08:00')).toBe(at('2026-10-04T08:00:00+07:00'));
    expect(localToInstant('2026-10-04', '08:00')).toBe(at('2026-10-04T01:00:00Z'));
  });

  it('defaults to local midnight, which is 17:00Z the day before', () => {
    expect(localToInstant('2026-10-04')).toBe(at('2026-10-03T17:00:00Z'));
  });

  it('puts local midnight of 01/01 in the previous UTC year', () => {
    expect(localToInstant('2027-01-01')).toBe(at('2026-12-31T17:00:00Z'));
    expect(localToInstant('2026-12-31', '23:59')).toBe(at('2026-12-31T16:59:00Z'));
  });

  it('rolls 29/02 of a common year over to 01/03', () => {
    expect(localToInstant('2027-02-29')).toBe(localToInstant('2027-03-01'));
  });
});

describe('toLocalIso, formatLocalDate and formatLocalTime', () => {
  it('write the local wall-clock time with a +07:00 offset', () => {
    expect(toLocalIso(at('2026-10-04T01:00:00Z'))).toBe('2026-10-04T08:00:00+07:00');
    expect(toLocalIso(at('2026-10-03T17:00:00Z'))).toBe('2026-10-04T00:00:00+07:00');
    expect(toLocalIso(at('2026-12-31T17:00:05Z'))).toBe('2027-01-01T00:00:05+07:00');
  });

  it('round-trip through Date.parse', () => {
    const ms = at('2026-07-15T09:05:07Z');
    expect(Date.parse(toLocalIso(ms))).toBe(ms);
  });

  it('format dates as dd/mm/yyyy on the local day', () => {
    expect(formatLocalDate(at('2026-10-03T16:59:59Z'))).toBe('03/10/2026');
    expect(formatLocalDate(at('2026-10-03T17:00:00Z'))).toBe('04/10/2026');
    expect(formatLocalDate(at('2026-12-31T17:00:00Z'))).toBe('01/01/2027');
  });

  it('format times as HH:MM on the local clock', () => {
    expect(formatLocalTime(at('2026-10-04T01:05:00Z'))).toBe('08:05');
    expect(formatLocalTime(at('2026-10-03T17:00:00Z'))).toBe('00:00');
  });
});

describe('parseInstant', () => {
  it('parses an ISO instant with offset', () => {
    expect(parseInstant('2026-10-04T08:00:00+07:00')).toBe(at('2026-10-04T01:00:00Z'));
  });

  it('throws a RangeError on anything else', () => {
    // Date.parse would read the first three in the process's time zone.
    for (const bad of ['04/10/2026', '2026-10-04T08:00:00', '2026-10-04', 'soon', '']) {
      expect(() => parseInstant(bad), bad).toThrow(RangeError);
    }
  });
});

describe('process time zone', () => {
  it('does not change any result', () => {
    const instants = [
      at('2026-10-03T16:59:59Z'),
      at('2026-10-03T17:00:00Z'),
      at('2026-10-04T00:00:00Z'),
      at('2026-12-31T17:00:00Z'),
      at('2026-03-08T07:30:00Z'), // a US daylight-saving switch day
    ];
    const compute = () =>
      instants.map((ms) => ({
        parts: localParts(ms),
        start: startOfLocalDay(ms),
        days: localDaysBetween(ms, ms + 3 * DAY_MS),
        iso: toLocalIso(ms),
        date: formatLocalDate(ms),
        instant: localToInstant('2026-03-08', '14:30'),
      }));

    const saved = process.env.TZ;
    const probe = at('2026-01-01T00:00:00Z');
    const hourBefore = new Date(probe).getHours();
    const inUtc = compute();
    try {
      process.env.TZ = 'America/New_York';
      // Make sure the switch took effect, or the comparison proves nothing.
      expect(new Date(probe).getHours()).toBe(19);
      expect(compute()).toEqual(inUtc);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    expect(new Date(probe).getHours()).toBe(hourBefore);
  });
});
