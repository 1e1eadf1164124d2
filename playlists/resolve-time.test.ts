import { afterEach, describe, expect, it } from 'vitest';
import { resolve } from './resolve.ts';
import { SECOND, ids, local, manifest, playlist, schedule, slogan, walk } from './test-fixtures.ts';

// 7 s, 11 s and 13 s make a 31 s cycle that divides no hour, so a wrong anchor shows.
const a = [slogan('a1', 7 * SECOND), slogan('a2', 11 * SECOND), slogan('a3', 13 * SECOND)];
const f = [slogan('f1'), slogan('f2')];
const parts = { items: [...a, ...f], playlists: [playlist('pa', ['a1', 'a2', 'a3']), playlist('fb', ['f1', 'f2'])] };
const main = (m: ReturnType<typeof manifest>, t: number) => resolve(m, t).main;

describe('[S9] anchored to the wall clock', () => {
  const saturdayEvenings = schedule('A', 'pa', { time: { startDate: '2026-10-01', weekdays: [6], windows: [{ start: '18:00', end: '20:00' }] } });
  const m = manifest({ ...parts, schedules: [saturdayEvenings] });

  it('[S9] says what plays at 18:30 on Saturday from the start of the window, without simulating', () => {
    // 1 800 s after 18:00 = 58 cycles of 31 s + 2 s: a1, which began 2 s earlier.
    expect(main(m, local('2026-10-03T18:30'))).toMatchObject({
      item: { id: 'a1' },
      since: local('2026-10-03T18:29') + 58 * SECOND,
      until: local('2026-10-03T18:30') + 5 * SECOND,
      next: { itemId: 'a2', at: local('2026-10-03T18:30') + 5 * SECOND },
      reason: { tier: 'normal', scheduleId: 'A', rule: 'normal_rotation' },
    });
    const walked = walk(m, local('2026-10-03T18:00'), local('2026-10-03T18:30') + 1);
    expect(walked.at(-1)).toMatchObject({ itemId: 'a1', since: local('2026-10-03T18:29') + 58 * SECOND });
  });

  it('[S9] cuts the last slot at the end of the window and hands over to the fallback', () => {
    // 7 200 s = 232 cycles + 8 s: a2 started at 19:59:59 and is cut at 20:00.
    expect(main(m, local('2026-10-03T20:00') - 1)).toMatchObject({
      item: { id: 'a2' },
      until: local('2026-10-03T20:00'),
      next: { itemId: 'f1', at: local('2026-10-03T20:00') },
    });
  });

  it('[S9] lays out slots back to back whose next is what then plays, across tiers and windows', () => {
    const busy = manifest({
      items: [...parts.items, slogan('p1', 9 * SECOND)],
      playlists: [...parts.playlists, playlist('pp', ['p1'])],
      schedules: [saturdayEvenings, schedule('P', 'pp', { tier: 'priority', time: { startDate: '2026-10-03', windows: [{ start: '18:45', end: '19:10' }] } })],
    });
    let t = local('2026-10-03T17:00');
    while (t < local('2026-10-03T21:00')) {
      const now = main(busy, t);
      const following = main(busy, now.until);
      expect(following.since).toBe(now.until);
      expect(following.item?.id ?? null).toBe(now.next.itemId);
      t = now.until;
    }
  });
});

describe('[S9] what restarts a rotation', () => {
  it('[S9] an item that stops being valid restarts only a rotation that draws from it, not one long after its run', () => {
    // Found by the property test: B's run (Saturday) had ended two days before an item of its
    // playlist stopped being valid (Monday 20:41:07). That instant restarted A's Monday rotation
    // until midnight, when B's run fell out of the days looked at; A's last slot before midnight
    // then promised an end the slot after it did not keep.
    const valid = { ...slogan('v1', 6 * SECOND), validUntil: '2026-10-05T20:41:07+07:00' };
    const mondays = schedule('A', 'pa', { time: { startDate: '2026-10-01', weekdays: [1], windows: [{ start: '12:47', end: '00:01' }] } });
    const saturday = schedule('B', 'pv', { time: { startDate: '2026-10-03', endDate: '2026-10-04' } });
    const m = manifest({ items: [...parts.items, valid], playlists: [...parts.playlists, playlist('pv', ['v1'])], schedules: [mondays, saturday] });
    let t = local('2026-10-05T20:30');
    while (t < local('2026-10-06T00:01')) {
      const now = main(m, t);
      const following = main(m, now.until);
      expect(following.since).toBe(now.until);
      expect(following.item?.id ?? null).toBe(now.next.itemId);
      t = now.until;
    }
    // Anchored at 12:47 all along: 11 h 13 min = 1 302 cycles of 31 s + 18 s, so a2 began at 23:59:49.
    expect(main(m, local('2026-10-05T23:59') + 55 * SECOND)).toMatchObject({ item: { id: 'a2' }, since: local('2026-10-05T23:59') + 49 * SECOND });
  });
});

describe('[S11] time rules', () => {
  it('[S11] runs a window that crosses midnight into the next day, anchored where it started', () => {
    const fridayNights = schedule('A', 'pa', { time: { startDate: '2026-10-01', weekdays: [5], windows: [{ start: '22:00', end: '02:00' }] } });
    const m = manifest({ ...parts, schedules: [fridayNights] });
    // Midnight is 7 200 s = 232 cycles + 8 s after 22:00 Friday: a2 began at 23:59:59 and runs on.
    expect(main(m, local('2026-10-03T00:00'))).toMatchObject({
      item: { id: 'a2' },
      since: local('2026-10-02T23:59') + 59 * SECOND,
      until: local('2026-10-03T00:00') + 10 * SECOND,
    });
    // It belongs to Friday: it runs on Saturday at 01:59, though Saturday is not listed.
    expect(main(m, local('2026-10-03T01:59')).reason.scheduleId).toBe('A');
    expect(main(m, local('2026-10-03T02:00')).reason.tier).toBe('fallback');
    expect(main(m, local('2026-10-03T22:30')).reason.tier).toBe('fallback');
    expect(main(m, local('2026-10-02T21:59')).reason.tier).toBe('fallback');
  });

  it('[S11] plays on the last day of a date range and stops at the exclusive end date', () => {
    const m = manifest({ ...parts, schedules: [schedule('A', 'pa', { time: { startDate: '2026-10-01', endDate: '2026-10-05' } })] });
    expect(main(m, local('2026-09-30T23:59')).reason.tier).toBe('fallback');
    expect(main(m, local('2026-10-01T00:00')).reason.scheduleId).toBe('A');
    const last = main(m, local('2026-10-05T00:00') - 1);
    expect(last).toMatchObject({ reason: { scheduleId: 'A' }, until: local('2026-10-05T00:00'), next: { itemId: 'f1' } });
    expect(main(m, local('2026-10-05T00:00')).reason.tier).toBe('fallback');
  });

  it('[S11] lets the last day\'s window that crosses midnight run into the end date', () => {
    const m = manifest({ ...parts, schedules: [schedule('A', 'pa', { time: { startDate: '2026-10-01', endDate: '2026-10-05', windows: [{ start: '22:00', end: '02:00' }] } })] });
    expect(main(m, local('2026-10-05T01:00')).reason.scheduleId).toBe('A');
    expect(main(m, local('2026-10-05T02:00')).reason.tier).toBe('fallback');
    expect(main(m, local('2026-10-05T22:30')).reason.tier).toBe('fallback');
  });

  it('[S11] restarts an all-day rotation at each local midnight', () => {
    const m = manifest({ ...parts, schedules: [schedule('A', 'pa')] });
    expect(main(m, local('2026-10-04T00:00'))).toMatchObject({ item: { id: 'a1' }, since: local('2026-10-04T00:00') });
  });

  it('[S11] runs several windows a day, each a run of its own', () => {
    const m = manifest({ ...parts, schedules: [schedule('A', 'pa', { time: { startDate: '2026-10-01', windows: [{ start: '07:00', end: '08:00' }, { start: '17:00', end: '17:30' }] } })] });
    expect(main(m, local('2026-10-03T07:00')).item?.id).toBe('a1');
    expect(main(m, local('2026-10-03T12:00')).reason.tier).toBe('fallback');
    expect(main(m, local('2026-10-03T17:00'))).toMatchObject({ item: { id: 'a1' }, since: local('2026-10-03T17:00') });
    expect(main(m, local('2026-10-03T17:30')).reason.tier).toBe('fallback');
  });

  describe('whatever the process time zone', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      process.env.TZ = saved;
    });

    it('[S11] evaluates rules in Asia/Ho_Chi_Minh with TZ=UTC and with another TZ', () => {
      const m = manifest({ ...parts, schedules: [schedule('A', 'pa', { time: { startDate: '2026-10-01', weekdays: [6], windows: [{ start: '06:00', end: '07:00' }] } })] });
      const probe = [local('2026-10-03T06:00'), local('2026-10-02T23:30'), local('2026-10-03T06:59')];
      process.env.TZ = 'UTC';
      const utc = probe.map((t) => main(m, t));
      process.env.TZ = 'America/New_York';
      expect(probe.map((t) => main(manifest({ ...parts, schedules: m.schedules }), t))).toEqual(utc);
      expect(utc.map((p) => p.reason.tier)).toEqual(['normal', 'fallback', 'normal']);
    });
  });
});

describe('[S8] determinism', () => {
  it('[S8] gives the same sequence whatever the order of schedules in the manifest', () => {
    const b = [slogan('b1', 9 * SECOND), slogan('b2', 5 * SECOND)];
    const schedules = [schedule('A', 'pa'), schedule('B', 'pb', { time: { startDate: '2026-10-01', windows: [{ start: '09:00', end: '09:10' }] } })];
    const items = [...parts.items, ...b];
    const playlists = [...parts.playlists, playlist('pb', ['b1', 'b2'])];
    const one = walk(manifest({ items, playlists, schedules }), local('2026-10-03T08:59'), local('2026-10-03T09:11'));
    const two = walk(manifest({ items: [...items].reverse(), playlists: [...playlists].reverse(), schedules: [...schedules].reverse() }), local('2026-10-03T08:59'), local('2026-10-03T09:11'));
    expect(two).toEqual(one);
    expect(ids(one.filter((p) => p.since >= local('2026-10-03T09:00'))).slice(0, 4)).toEqual(['a1', 'b1', 'a2', 'b2']);
  });
});

describe('[S13] zones', () => {
  const t = [slogan('t1', 20 * SECOND)];
  const ticker = schedule('T', 'pt', { zone: 'ticker', time: { startDate: '2026-10-01', windows: [{ start: '08:00', end: '09:00' }] } });
  const m = manifest({ items: [...parts.items, ...t], playlists: [...parts.playlists, playlist('pt', ['t1'])], schedules: [schedule('A', 'pa'), ticker] });

  it('[S13] resolves the ticker on its own, leaving the main zone as it was', () => {
    const r = resolve(m, local('2026-10-03T08:30'));
    expect(r.ticker).toMatchObject({ item: { id: 't1' }, reason: { scheduleId: 'T' } });
    expect(r.main).toEqual(resolve(manifest({ ...parts, schedules: [schedule('A', 'pa')] }), local('2026-10-03T08:30')).main);
  });

  it('[S13] shows nothing in the ticker outside its schedules; it has no fallback', () => {
    expect(resolve(m, local('2026-10-03T10:00')).ticker).toMatchObject({ item: null, reason: { rule: 'nothing_to_play' } });
  });

  it('[S13] leaves the ticker out when nothing is scheduled for it', () => {
    expect(resolve(manifest(parts), local('2026-10-03T10:00'))).not.toHaveProperty('ticker');
  });
});
