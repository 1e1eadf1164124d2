import { describe, expect, it } from 'vitest';
import { resolve } from './resolve.ts';
import { SECOND, local, manifest, playlist, schedule, slogan, walk } from './test-fixtures.ts';
import { timeline } from './timeline.ts';
import { HOUR_MS } from './time.ts';

const WARD = '00070';
const items = [
  slogan('f1', 10 * SECOND), slogan('f2', 13 * SECOND),
  slogan('a1', 7 * SECOND), slogan('a2', 11 * SECOND),
  slogan('b1', 9 * SECOND),
  slogan('p1', 8 * SECOND), slogan('p2', 12 * SECOND),
  slogan('w1', 15 * SECOND),
];
const playlists = [
  playlist('fb', ['f1', 'f2']), playlist('pa', ['a1', 'a2']), playlist('pb', ['b1']),
  playlist('pp', ['p1']), playlist('pq', ['p2']), playlist('pw', ['w1']),
];
const saturday = local('2026-10-03T00:00');
const m = manifest({
  items,
  playlists,
  schedules: [
    schedule('A', 'pa', { time: { startDate: '2026-10-01', windows: [{ start: '06:00', end: '12:30' }] } }),
    schedule('B', 'pb', { time: { startDate: '2026-10-01', windows: [{ start: '11:00', end: '14:00' }] } }),
    schedule('P', 'pp', { tier: 'priority', time: { startDate: '2026-10-01', windows: [{ start: '18:00', end: '19:00' }] } }),
    schedule('Q', 'pq', { tier: 'priority', time: { startDate: '2026-10-01', windows: [{ start: '18:30', end: '20:00' }] } }),
    schedule('W', 'pw', { ownerWard: WARD, target: { wards: [WARD] }, time: { startDate: '2026-10-01', windows: [{ start: '08:00', end: '09:00' }] } }),
  ],
  wardShare: { everyCityItems: 1, maxPercent: 25 },
});

describe('timeline', () => {
  const day = timeline(m, saturday, 24);

  it('gives each hour the airtime of what resolve plays in it, slot by slot', () => {
    const played = walk(m, saturday, saturday + 24 * HOUR_MS);
    for (const block of day) {
      const expected = new Map<string, number>();
      for (const p of played) {
        const ms = Math.min(p.until, block.end) - Math.max(p.since, block.start);
        if (ms <= 0) continue;
        const key = `${p.scheduleId}|${p.rule}`;
        expected.set(key, (expected.get(key) ?? 0) + ms);
      }
      const got = new Map(block.plays.map((p) => [`${p.scheduleId}|${p.rule}`, p.airtimeMs]));
      expect(got).toEqual(expected);
    }
  });

  it('fills every hour exactly', () => {
    expect(day).toHaveLength(24);
    for (const block of day) expect(block.plays.reduce((s, p) => s + p.airtimeMs, 0)).toBe(HOUR_MS);
  });

  it('says what is on screen as each hour starts, as resolve does', () => {
    const sixPm = day[18]!;
    const main = resolve(m, sixPm.start).main;
    expect(sixPm.first).toEqual({ itemId: main.item!.id, since: main.since, reason: main.reason });
    expect(sixPm.first.reason).toEqual({ tier: 'priority', scheduleId: 'P', rule: 'priority_window' });
  });

  it('flags hours where only the fallback plays', () => {
    expect(day[3]!.flags).toEqual(['fallback_only']);
    expect(day[7]!.flags).toEqual([]);
    expect(day[14]!.flags).toEqual(['fallback_only']);
  });

  it('flags overlapping priority schedules', () => {
    expect(day[18]!.flags).toContain('priority_overlap');
    expect(day[19]!.flags).not.toContain('priority_overlap');
  });

  it('flags a ward held back by its share', () => {
    // One local 15 s item after every 7 s / 11 s city item would be about 60 %: capped at 25 %.
    expect(day[8]!.flags).toEqual(['ward_over_share']);
    const ward = day[8]!.plays.find((p) => p.scheduleId === 'W')!;
    expect(ward.rule).toBe('ward_share');
    expect(ward.airtimeMs / HOUR_MS).toBeLessThanOrEqual(0.26);
  });

  it('flags hours in which nothing is playable', () => {
    const empty = manifest({ items: [], playlists: [], fallback: null });
    expect(timeline(empty, saturday, 1)[0]).toMatchObject({ flags: ['nothing_to_play'], plays: [{ rule: 'nothing_to_play', airtimeMs: HOUR_MS }] });
  });

  it('answers a week of hours quickly', () => {
    const started = performance.now();
    const week = timeline(m, saturday, 168);
    expect(week).toHaveLength(168);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('resolve, speed', () => {
  it('answers one instant in well under a millisecond for a typical manifest', () => {
    const many = manifest({
      items: [...items, ...Array.from({ length: 60 }, (_, i) => slogan(`x${i}`, (5 + (i % 7)) * SECOND))],
      playlists: [...playlists, ...Array.from({ length: 6 }, (_, p) => playlist(`px${p}`, Array.from({ length: 10 }, (_, i) => `x${p * 10 + i}`)))],
      schedules: [
        ...(m.schedules ?? []),
        ...Array.from({ length: 6 }, (_, p) => schedule(`X${p}`, `px${p}`, { time: { startDate: '2026-10-01', windows: [{ start: `${String(6 + p).padStart(2, '0')}:00`, end: '23:00' }] } })),
      ],
    });
    const n = 5_000;
    const started = performance.now();
    for (let i = 0; i < n; i++) resolve(many, saturday + i * 17_321);
    const each = (performance.now() - started) / n;
    expect(each).toBeLessThan(0.2);
  });
});
