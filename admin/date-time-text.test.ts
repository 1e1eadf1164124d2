import { describe, expect, it } from 'vitest';
import {
  daysInMonth, formatDate, formatDateTime, formatFor, formatTime, parseDate, parseDateTime, parseFor, parseTime, segmentAt, stepValue,
} from './date-time-text.ts';

describe('parseDate', () => {
  it('reads day/month/year as an ISO date', () => {
    expect(parseDate('04/10/2026')).toEqual({ ok: true, value: '2026-10-04' });
    expect(parseDate(' 4/10/2026 ')).toEqual({ ok: true, value: '2026-10-04' });
    expect(parseDate('4.9.2026')).toEqual({ ok: true, value: '2026-09-04' });
    expect(parseDate('04-10-2026')).toEqual({ ok: true, value: '2026-10-04' });
  });

  it('never reads the month first', () => {
    // 10/04 is the tenth of April, not the fourth of October.
    expect(parseDate('10/04/2026')).toEqual({ ok: true, value: '2026-04-10' });
    expect(parseDate('02/14/2027')).toEqual({ ok: false, problem: 'no-such-date' });
  });

  it('reads a pasted ISO date', () => {
    expect(parseDate('2026-10-04')).toEqual({ ok: true, value: '2026-10-04' });
  });

  it('reads empty text as the empty value', () => {
    expect(parseDate('')).toEqual({ ok: true, value: '' });
    expect(parseDate('   ')).toEqual({ ok: true, value: '' });
  });

  it('refuses days that do not exist', () => {
    expect(parseDate('31/02/2026')).toEqual({ ok: false, problem: 'no-such-date' });
    expect(parseDate('29/02/2026')).toEqual({ ok: false, problem: 'no-such-date' });
    expect(parseDate('29/02/2028')).toEqual({ ok: true, value: '2028-02-29' });
    expect(parseDate('31/04/2026')).toEqual({ ok: false, problem: 'no-such-date' });
    expect(parseDate('00/01/2026')).toEqual({ ok: false, problem: 'no-such-date' });
    expect(parseDate('01/13/2026')).toEqual({ ok: false, problem: 'no-such-date' });
    expect(parseDate('2026-02-30')).toEqual({ ok: false, problem: 'no-such-date' });
  });

  it('refuses text it cannot read, and two-digit years', () => {
    for (const text of ['04/10/26', '04/10', 'hôm nay', '04/10-2026', '2026/10/04', '1/1/2026x']) {
      expect(parseDate(text)).toEqual({ ok: false, problem: 'format' });
    }
  });
});

describe('parseTime', () => {
  it('reads 24-hour times', () => {
    expect(parseTime('08:00')).toEqual({ ok: true, value: '08:00' });
    expect(parseTime('8:05')).toEqual({ ok: true, value: '08:05' });
    expect(parseTime('21:30')).toEqual({ ok: true, value: '21:30' });
    expect(parseTime('00:00')).toEqual({ ok: true, value: '00:00' });
    expect(parseTime('23:59')).toEqual({ ok: true, value: '23:59' });
  });

  it('reads the ways times are written by hand', () => {
    expect(parseTime('8h30')).toEqual({ ok: true, value: '08:30' });
    expect(parseTime('8h')).toEqual({ ok: true, value: '08:00' });
    expect(parseTime('17H')).toEqual({ ok: true, value: '17:00' });
    expect(parseTime('0730')).toEqual({ ok: true, value: '07:30' });
    expect(parseTime('7')).toEqual({ ok: true, value: '07:00' });
  });

  it('reads empty text as the empty value', () => {
    expect(parseTime('')).toEqual({ ok: true, value: '' });
  });

  it('refuses times of day that do not exist', () => {
    expect(parseTime('24:00')).toEqual({ ok: false, problem: 'no-such-time' });
    expect(parseTime('23:60')).toEqual({ ok: false, problem: 'no-such-time' });
    expect(parseTime('25')).toEqual({ ok: false, problem: 'no-such-time' });
  });

  it('refuses 12-hour clock text and other text', () => {
    for (const text of ['8:00 AM', '08:00 PM', '8:0', '8:000', 'tám giờ', ':30', '12345']) {
      expect(parseTime(text)).toEqual({ ok: false, problem: 'format' });
    }
  });
});

describe('parseDateTime', () => {
  it('reads a date and a time', () => {
    expect(parseDateTime('04/10/2026 08:00')).toEqual({ ok: true, value: '2026-10-04T08:00' });
    expect(parseDateTime('4/10/2026, 8h')).toEqual({ ok: true, value: '2026-10-04T08:00' });
    expect(parseDateTime('04/10/2026 lúc 21:15')).toEqual({ ok: true, value: '2026-10-04T21:15' });
    expect(parseDateTime('2026-10-04T08:00')).toEqual({ ok: true, value: '2026-10-04T08:00' });
    expect(parseDateTime('')).toEqual({ ok: true, value: '' });
  });

  it('says which part is wrong', () => {
    expect(parseDateTime('31/02/2026 08:00')).toEqual({ ok: false, problem: 'no-such-date' });
    expect(parseDateTime('04/10/2026 24:00')).toEqual({ ok: false, problem: 'no-such-time' });
    expect(parseDateTime('04/10/2026')).toEqual({ ok: false, problem: 'format' });
    expect(parseDateTime('08:00')).toEqual({ ok: false, problem: 'format' });
    expect(parseDateTime('10/04/2026 08:00 AM')).toEqual({ ok: false, problem: 'format' });
  });
});

describe('formatting', () => {
  it('shows ISO values day first and in 24 hours', () => {
    expect(formatDate('2026-10-04')).toBe('04/10/2026');
    expect(formatTime('08:00')).toBe('08:00');
    expect(formatTime('21:30:15')).toBe('21:30');
    expect(formatDateTime('2026-10-04T20:05')).toBe('04/10/2026 20:05');
  });

  it('shows nothing for empty or unreadable values', () => {
    expect(formatDate('')).toBe('');
    expect(formatDate('04/10/2026')).toBe('');
    expect(formatTime('24:00')).toBe('');
    expect(formatTime('')).toBe('');
    expect(formatDateTime('2026-10-04')).toBe('');
  });

  it('round-trips through the kind of field', () => {
    for (const [kind, value] of [['date', '2028-02-29'], ['time', '00:00'], ['datetime-local', '2026-12-31T23:59']] as const) {
      expect(parseFor(kind, formatFor(kind, value))).toEqual({ ok: true, value });
    }
  });

  it('knows the length of months', () => {
    expect([2024, 2026, 2100, 2000].map((y) => daysInMonth(y, 2))).toEqual([29, 28, 28, 29]);
  });
});

describe('stepValue', () => {
  it('steps the part under the caret, each part wrapping on its own', () => {
    expect(stepValue('date', '2026-10-04', 0, 1)).toBe('2026-10-05');
    expect(stepValue('date', '2026-10-31', 1, 1)).toBe('2026-10-01');
    expect(stepValue('date', '2026-10-04', 4, -1)).toBe('2026-09-04');
    expect(stepValue('date', '2026-12-04', 3, 1)).toBe('2026-01-04');
    expect(stepValue('date', '2026-10-04', 10, 1)).toBe('2027-10-04');
    expect(stepValue('time', '23:59', 0, 1)).toBe('00:59');
    expect(stepValue('time', '08:00', 5, -1)).toBe('08:59');
    expect(stepValue('datetime-local', '2026-10-04T08:00', 12, 1)).toBe('2026-10-04T09:00');
    expect(stepValue('datetime-local', '2026-10-04T08:00', 16, 1)).toBe('2026-10-04T08:01');
  });

  it('keeps the day within its month', () => {
    expect(stepValue('date', '2026-01-31', 3, 1)).toBe('2026-02-28');
    expect(stepValue('date', '2028-02-29', 8, 1)).toBe('2029-02-28');
    expect(stepValue('date', '2026-02-28', 0, 1)).toBe('2026-02-01');
  });

  it('leaves empty and unreadable values alone', () => {
    expect(stepValue('date', '', 0, 1)).toBe('');
    expect(stepValue('time', '24:00', 0, 1)).toBe('24:00');
  });

  it('finds the part under the caret', () => {
    expect(segmentAt('date', 2).segment).toBe('day');
    expect(segmentAt('date', 3).segment).toBe('month');
    expect(segmentAt('datetime-local', 11).segment).toBe('hour');
    expect(segmentAt('time', 99).segment).toBe('minute');
  });
});
