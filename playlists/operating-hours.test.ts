import { describe, expect, it } from 'vitest';
import { OperatingHours, ScreenHours, isOpen, nextChange, openedAt, type OperatingHours as Hours } from './operating-hours.ts';
import { localToInstant, toLocalIso } from './time.ts';

const at = (date: string, time: string) => localToInstant(date, time);
const iso = (ms: number | null) => (ms === null ? null : toLocalIso(ms));
const ALL = [1, 2, 3, 4, 5, 6, 7];
// 2026-11-23 is a Monday, 2026-11-29 a Sunday.
const daytime: Hours = { windows: [{ days: ALL, from: '06:00', to: '22:00' }], outside: 'black' };
const night: Hours = { windows: [{ days: [5], from: '22:00', to: '02:00' }], outside: 'clock' };

describe('operating hours', () => {
  it('is always open without hours', () => {
    expect(isOpen(null, at('2026-11-23', '03:00'))).toBe(true);
    expect(nextChange(null, at('2026-11-23', '03:00'))).toBeNull();
  });

  it('opens at the start inclusive and closes at the end exclusive, in Hanoi time', () => {
    expect(isOpen(daytime, at('2026-11-23', '05:59'))).toBe(false);
    expect(isOpen(daytime, at('2026-11-23', '06:00'))).toBe(true);
    expect(isOpen(daytime, at('2026-11-23', '21:59') + 59_999)).toBe(true);
    expect(isOpen(daytime, at('2026-11-23', '22:00'))).toBe(false);
    // 23:30 UTC on the 22nd is 06:30 on the 23rd in Hanoi: open, whatever the process TZ.
    expect(isOpen(daytime, Date.UTC(2026, 10, 22, 23, 30))).toBe(true);
    expect(isOpen(daytime, Date.UTC(2026, 10, 22, 22, 30))).toBe(false);
  });

  it('gives a window crossing midnight to the weekday it starts on', () => {
    // Friday 27/11 22:00 to Saturday 02:00.
    expect(isOpen(night, at('2026-11-27', '21:59'))).toBe(false);
    expect(isOpen(night, at('2026-11-27', '23:00'))).toBe(true);
    expect(isOpen(night, at('2026-11-28', '01:59'))).toBe(true);
    expect(isOpen(night, at('2026-11-28', '02:00'))).toBe(false);
    // Friday's early hours belong to Thursday's window, which does not exist.
    expect(isOpen(night, at('2026-11-27', '01:00'))).toBe(false);
    expect(isOpen(night, at('2026-11-28', '23:00'))).toBe(false);
  });

  it('finds the next change, across midnight and days without hours', () => {
    expect(iso(nextChange(daytime, at('2026-11-23', '12:00')))).toBe('2026-11-23T22:00:00+07:00');
    expect(iso(nextChange(daytime, at('2026-11-23', '22:00')))).toBe('2026-11-24T06:00:00+07:00');
    expect(iso(nextChange(daytime, at('2026-11-23', '03:00')))).toBe('2026-11-23T06:00:00+07:00');
    expect(iso(nextChange(night, at('2026-11-23', '12:00')))).toBe('2026-11-27T22:00:00+07:00');
    expect(iso(nextChange(night, at('2026-11-27', '23:00')))).toBe('2026-11-28T02:00:00+07:00');
    expect(iso(nextChange(night, at('2026-11-28', '02:00')))).toBe('2026-12-04T22:00:00+07:00');
  });

  it('tells when the open period began, including one that began the day before', () => {
    expect(iso(openedAt(daytime, at('2026-11-23', '12:00')))).toBe('2026-11-23T06:00:00+07:00');
    expect(openedAt(daytime, at('2026-11-23', '23:00'))).toBeNull();
    expect(iso(openedAt(night, at('2026-11-28', '01:00')))).toBe('2026-11-27T22:00:00+07:00');
    expect(openedAt(null, at('2026-11-28', '01:00'))).toBeNull();
  });

  it('joins windows that touch, so the change is where the state really flips', () => {
    const split: Hours = { windows: [{ days: ALL, from: '06:00', to: '12:00' }, { days: ALL, from: '12:00', to: '18:00' }], outside: 'dim' };
    expect(isOpen(split, at('2026-11-23', '12:00'))).toBe(true);
    expect(iso(nextChange(split, at('2026-11-23', '07:00')))).toBe('2026-11-23T18:00:00+07:00');
    expect(iso(openedAt(split, at('2026-11-23', '15:00')))).toBe('2026-11-23T06:00:00+07:00');
  });

  it('never changes when the windows cover the whole week', () => {
    const always: Hours = { windows: [{ days: ALL, from: '00:00', to: '00:00' }], outside: 'black' };
    expect(isOpen(always, at('2026-11-23', '00:00'))).toBe(true);
    expect(isOpen(always, at('2026-11-29', '23:59'))).toBe(true);
    expect(nextChange(always, at('2026-11-23', '10:00'))).toBeNull();
  });

  it('refuses hours an operator cannot mean', () => {
    const bad = [
      { windows: [], outside: 'black' },
      { windows: [{ days: [0], from: '06:00', to: '22:00' }], outside: 'black' },
      { windows: [{ days: [1, 1], from: '06:00', to: '22:00' }], outside: 'black' },
      { windows: [{ days: [1], from: '6:00', to: '22:00' }], outside: 'black' },
      { windows: [{ days: [1], from: '06:00', to: '24:00' }], outside: 'black' },
      { windows: [{ days: [1], from: '06:00', to: '22:00' }], outside: 'off' },
      { windows: Array.from({ length: 8 }, () => ({ days: [1], from: '06:00', to: '22:00' })), outside: 'black' },
    ];
    for (const hours of bad) expect(OperatingHours.safeParse(hours).success, JSON.stringify(hours)).toBe(false);
    expect(ScreenHours.safeParse({ hours: null, dailyReloadAt: '03:30' }).success).toBe(true);
    expect(ScreenHours.safeParse({ hours: null, dailyReloadAt: null }).success).toBe(true);
    expect(ScreenHours.safeParse({ hours: null, dailyReloadAt: '3:30' }).success).toBe(false);
    expect(ScreenHours.safeParse({ hours: null }).success).toBe(false);
  });
});
