import { describe, expect, it } from 'vitest';
import { localToInstant, toLocalIso, type OperatingHours, type ZonePlay } from '../playlists/index.ts';
import { DailyReload, MIN_UPTIME_MS, lastOccurrence, reloadDue } from './daily-reload.ts';
import { HoursGate } from './hours.ts';
import { FakeTimers, MemoryStorage, slogan } from './test-fixtures.ts';
import { WATCHDOG, WatchdogReload } from './watchdog-reload.ts';

const HOUR = 3_600_000;
const at = (date: string, time: string) => localToInstant(date, time);
const play = (tier: ZonePlay['reason']['tier']): ZonePlay =>
  ({ item: slogan('a', 10_000), since: 0, until: 10_000, playlistId: 'p', reason: { tier, scheduleId: tier === 'emergency' ? 'sch_1' : null } }) as unknown as ZonePlay;
const HOURS: OperatingHours = { windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '06:00', to: '22:00' }], outside: 'black' };

describe('HoursGate', () => {
  it('closes and opens on time by its own timer, with no server contact', () => {
    const timers = new FakeTimers();
    timers.now = at('2026-11-26', '21:59');
    const changes: boolean[] = [];
    const gate = new HoursGate(() => timers.now, () => changes.push(gate.open), timers);
    gate.set(HOURS);
    expect(gate.mode(play('normal'))).toBe('open');
    timers.advance(59_999);
    expect(gate.open).toBe(true);
    timers.advance(1);
    expect(gate.mode(play('normal'))).toBe('black');
    expect(gate.hides(play('normal'))).toBe(true);
    timers.advance(8 * HOUR - 1);
    expect(gate.open).toBe(false);
    timers.advance(1);
    expect(toLocalIso(timers.now)).toBe('2026-11-27T06:00:00+07:00');
    expect(changes).toEqual([true, false, true]);
  });

  it('shows an emergency at any hour, and dims rather than hides when told to', () => {
    const timers = new FakeTimers();
    timers.now = at('2026-11-26', '23:00');
    const gate = new HoursGate(() => timers.now, () => undefined, timers);
    gate.set(HOURS);
    expect(gate.mode(play('emergency'))).toBe('open');
    expect(gate.hides(play('emergency'))).toBe(false);
    gate.set({ ...HOURS, outside: 'dim' });
    expect(gate.mode(play('normal'))).toBe('dim');
    expect(gate.hides(play('normal'))).toBe(false);
    gate.set(null);
    expect(gate.mode(play('normal'))).toBe('open');
    expect(timers.size).toBe(0);
  });

  it('follows a corrected clock that jumps', () => {
    let now = at('2026-11-26', '12:00');
    const gate = new HoursGate(() => now, () => undefined, new FakeTimers());
    gate.set(HOURS);
    now = at('2026-11-26', '23:00');
    gate.refresh();
    expect(gate.open).toBe(false);
  });
});

describe('daily reload', () => {
  it('finds the last quiet hour in Hanoi time', () => {
    expect(toLocalIso(lastOccurrence('03:30', at('2026-11-26', '09:00')))).toBe('2026-11-26T03:30:00+07:00');
    expect(toLocalIso(lastOccurrence('03:30', at('2026-11-26', '03:29')))).toBe('2026-11-25T03:30:00+07:00');
    expect(toLocalIso(lastOccurrence('03:30', at('2026-11-26', '03:30')))).toBe('2026-11-26T03:30:00+07:00');
  });

  it('is due once the quiet hour passed since boot, for a page at least an hour old', () => {
    const now = at('2026-11-26', '03:31');
    expect(reloadDue('03:30', now, 10 * HOUR, play('normal'))).toBe(true);
    // Booted after 03:30 (a reload just happened): not again until tomorrow.
    expect(reloadDue('03:30', now, 30_000, play('normal'))).toBe(false);
    expect(reloadDue('03:30', at('2026-11-26', '05:00'), 1.4 * HOUR, play('normal'))).toBe(false);
    // Booted at 03:00, under an hour old at 03:31: never a loop; later that day it is due.
    expect(reloadDue('03:30', now, 31 * 60_000, play('normal'))).toBe(false);
    expect(reloadDue('03:30', at('2026-11-26', '04:00'), MIN_UPTIME_MS, play('normal'))).toBe(true);
    expect(reloadDue('03:30', now, 10 * HOUR, play('emergency'))).toBe(false);
    expect(reloadDue(null, now, 10 * HOUR, play('normal'))).toBe(false);
  });

  it('reloads at an item boundary, not during an emergency', () => {
    const reloads: number[] = [];
    let now = at('2026-11-26', '03:00');
    const daily = new DailyReload({ now: () => now, uptime: () => 20 * HOUR, reloadAt: () => '03:30', reload: () => reloads.push(now) });
    expect(daily.boundary(play('normal'))).toBe(false);
    now = at('2026-11-26', '03:30');
    expect(daily.boundary(play('emergency'))).toBe(false);
    now = at('2026-11-26', '03:45');
    expect(daily.boundary(play('normal'))).toBe(true);
    expect(reloads).toEqual([now]);
  });
});

describe('watchdog reload', () => {
  it('reloads after five consecutive failures within ten minutes', () => {
    let now = 1_000_000;
    const dog = new WatchdogReload(new MemoryStorage(), () => now);
    for (let i = 1; i < WATCHDOG.failures; i++) {
      expect(dog.failed()).toBe(false);
      now += 60_000;
    }
    expect(dog.failed()).toBe(true);
  });

  it('does not count failures that a good item separates, or that are too far apart', () => {
    let now = 1_000_000;
    const dog = new WatchdogReload(new MemoryStorage(), () => now);
    for (let i = 0; i < 4; i++) dog.failed();
    dog.succeeded();
    expect(dog.failed()).toBe(false);
    for (let i = 0; i < 10; i++) {
      now += 3 * 60_000;
      expect(dog.failed()).toBe(false);
    }
  });

  it('reloads at most once per five minutes, remembered across the reload', () => {
    let now = 1_000_000;
    const session = new MemoryStorage();
    const fail5 = (dog: WatchdogReload) => {
      let reload = false;
      for (let i = 0; i < WATCHDOG.failures; i++) reload = dog.failed();
      return reload;
    };
    expect(fail5(new WatchdogReload(session, () => now))).toBe(true);
    // The reloaded page (a new instance, same tab storage) fails at once again.
    now += 30_000;
    const after = new WatchdogReload(session, () => now);
    expect(fail5(after)).toBe(false);
    now += WATCHDOG.backoffMs;
    expect(after.failed()).toBe(true);
  });
});
