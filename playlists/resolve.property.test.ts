import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PublishedItem } from './content.ts';
import { TIER_RANK, type Resolvable } from './prepare.ts';
import { isPlayable, resolve } from './resolve.ts';
import { Schedule, type Schedule as ScheduleT } from './schedule.ts';
import { SECOND, local, playlist, slogan, walk } from './test-fixtures.ts';
import { DAY_MS, localParts, toLocalIso } from './time.ts';

const FROM = local('2026-10-02T00:00');
const TO = local('2026-10-06T00:00');
const WARD = '00070';
const hhmm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const dateOf = (ms: number) => toLocalIso(ms).slice(0, 10);

const item = (id: string, withValidity: boolean) =>
  fc
    .record({
      seconds: fc.integer({ min: 2, max: 60 }),
      // Two items in three have no validity window; fallback items never do.
      from: withValidity
        ? fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: fc.integer({ min: FROM, max: TO }), weight: 1 })
        : fc.constant(undefined),
      span: fc.integer({ min: 60 * SECOND, max: 2 * DAY_MS }),
    })
    .map(({ seconds, from, span }) =>
      slogan(id, seconds * SECOND, from === undefined ? {} : { validFrom: toLocalIso(from), validUntil: toLocalIso(from + span) }),
    );

const scheduleArb = (id: string, playlists: number) =>
  fc
    .record({
      playlist: fc.integer({ min: 0, max: playlists - 1 }),
      tier: fc.constantFrom('normal', 'normal', 'priority', 'emergency'),
      ward: fc.boolean(),
      start: fc.integer({ min: -2, max: 3 }),
      length: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
      weekdays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
      windows: fc.oneof(
        fc.constant([] as { start: number; minutes: number }[]),
        fc.array(fc.record({ start: fc.integer({ min: 0, max: 1439 }), minutes: fc.integer({ min: 1, max: 900 }) }), { minLength: 1, maxLength: 2 }),
      ),
      clip: fc.oneof(
        { arbitrary: fc.constant(null), weight: 3 },
        { arbitrary: fc.record({ at: fc.integer({ min: FROM, max: TO }), span: fc.integer({ min: 1, max: 2 * DAY_MS }) }), weight: 1 },
      ),
    })
    .map((r) => {
      const startDate = dateOf(FROM + r.start * DAY_MS);
      const ward = r.ward && r.tier === 'normal';
      return Schedule.safeParse({
        id,
        name: id,
        playlistId: `p${r.playlist}`,
        tier: r.tier,
        target: ward ? { wards: [WARD] } : { all: true },
        ownerWard: ward ? WARD : null,
        time: {
          startDate,
          endDate: r.length === null ? null : dateOf(FROM + (r.start + r.length) * DAY_MS),
          weekdays: r.weekdays,
          windows: r.windows.map((w) => ({ start: hhmm(w.start), end: hhmm(w.start + w.minutes) })),
          ...(r.clip ? { startsAt: toLocalIso(r.clip.at), endsAt: toLocalIso(r.clip.at + r.clip.span) } : {}),
        },
      });
    })
    .filter((r) => r.success)
    .map((r) => r.data!);

/** A manifest whose fallback always has a playable item, with up to 6 schedules. */
const manifestArb = fc
  .record({
    fallback: fc.array(item('f', false), { minLength: 1, maxLength: 4 }),
    lists: fc.array(fc.array(item('x', true), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
    share: fc.record({ everyCityItems: fc.integer({ min: 1, max: 6 }), maxPercent: fc.integer({ min: 0, max: 100 }) }),
  })
  .chain(({ fallback, lists, share }) =>
    fc.array(fc.nat(), { maxLength: 6 }).chain((seeds) =>
      fc.tuple(...seeds.map((_, i) => scheduleArb(`S${i}`, lists.length))).map((schedules): Resolvable => {
        const items: PublishedItem[] = [];
        const playlists = lists.map((list, p) => {
          list.forEach((it, i) => items.push({ ...it, id: `p${p}i${i}` }));
          return playlist(`p${p}`, list.map((_, i) => `p${p}i${i}`));
        });
        fallback.forEach((it, i) => items.push({ ...it, id: `f${i}` }));
        playlists.push(playlist('fb', fallback.map((_, i) => `f${i}`)));
        return { items, playlists, schedules, fallback: { playlistId: 'fb' }, wardShare: share };
      }),
    ),
  );

const instant = fc.integer({ min: FROM, max: TO - 1 });

/** Whether a schedule runs at `t`, evaluated naively from the rule's text ([S11]). */
function runsAt(s: ScheduleT, t: number): boolean {
  const r = s.time;
  if (r.startsAt && t < Date.parse(r.startsAt)) return false;
  if (r.endsAt && t >= Date.parse(r.endsAt)) return false;
  for (const back of [0, 1]) {
    const date = dateOf(t - back * DAY_MS);
    if (date < r.startDate || (r.endDate !== null && date >= r.endDate)) continue;
    const midnight = Date.parse(`${date}T00:00:00+07:00`);
    if (!r.weekdays.includes(localParts(midnight).weekday)) continue;
    const windows = r.windows.length ? r.windows : [{ start: '00:00', end: '00:00' }];
    for (const w of windows) {
      const start = Date.parse(`${date}T${w.start}:00+07:00`);
      let end = Date.parse(`${date}T${w.end}:00+07:00`);
      if (end <= start) end += DAY_MS;
      if (start <= t && t < end) return true;
    }
  }
  return false;
}

const hasPlayable = (m: Resolvable, playlistId: string, t: number) =>
  (m.playlists.find((p) => p.id === playlistId)?.itemIds ?? []).some((id) => {
    const it = m.items.find((i) => i.id === id);
    return it !== undefined && isPlayable(it, t);
  });

describe('resolve, properties', () => {
  it('[S7] never returns nothing when the fallback has a playable item', () => {
    fc.assert(fc.property(manifestArb, instant, (m, t) => {
      const main = resolve(m, t).main;
      expect(main.item).not.toBeNull();
      expect(isPlayable(main.item!, t)).toBe(true);
      expect(main.since).toBeLessThanOrEqual(t);
      expect(main.until).toBeGreaterThan(t);
      expect(main.until - main.since).toBeLessThanOrEqual(main.item!.durationMs);
    }), { numRuns: 300 });
  });

  it('[S1] [S2] [S6] plays from the highest tier that has a running schedule with something playable', () => {
    fc.assert(fc.property(manifestArb, instant, (m, t) => {
      const running = (m.schedules ?? []).filter((s) => runsAt(s, t) && hasPlayable(m, s.playlistId, t));
      const top = running.reduce((best, s) => Math.max(best, TIER_RANK[s.tier]), 0);
      const { reason, playlistId } = resolve(m, t).main;
      if (top >= TIER_RANK.priority) expect(TIER_RANK[reason.tier]).toBe(top);
      else if (top === TIER_RANK.normal) {
        const cityRuns = running.some((s) => s.ownerWard === null);
        // With only ward schedules running, their items go between fallback items ([S4]).
        expect(reason.tier).toBe(cityRuns ? 'normal' : reason.scheduleId === null ? 'fallback' : 'normal');
      } else expect(reason).toEqual({ tier: 'fallback', scheduleId: null, rule: 'fallback_rotation' });
      if (reason.scheduleId !== null) {
        const s = running.find((x) => x.id === reason.scheduleId);
        expect(s?.playlistId).toBe(playlistId);
      }
    }), { numRuns: 600 });
  });

  it('[S8] is deterministic: the same inputs give the same answer, and the manifest is not changed', () => {
    fc.assert(fc.property(manifestArb, fc.array(instant, { minLength: 1, maxLength: 5 }), (m, instants) => {
      const copy = structuredClone(m);
      const first = instants.map((t) => resolve(m, t));
      const again = [...instants].reverse().map((t) => resolve(structuredClone(copy), t)).reverse();
      expect(again).toEqual(first);
      expect(m).toEqual(copy);
    }), { numRuns: 100 });
  });

  it('[S9] names as next exactly what plays when the current slot ends', () => {
    fc.assert(fc.property(manifestArb, instant, (m, t) => {
      const now = resolve(m, t).main;
      const following = resolve(m, now.until).main;
      expect(now.next.at).toBe(now.until);
      expect(following.since).toBe(now.until);
      expect(following.item?.id ?? null).toBe(now.next.itemId);
    }), { numRuns: 300 });
  });

  it('[S4] keeps ward items within their share of airtime over six hours', () => {
    const durations = fc.array(fc.integer({ min: 2, max: 30 }), { minLength: 1, maxLength: 3 });
    fc.assert(fc.property(durations, durations, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 20, max: 100 }), (city, ward, every, maxPercent) => {
      const items = [...city.map((s, i) => slogan(`c${i}`, s * SECOND)), ...ward.map((s, i) => slogan(`w${i}`, s * SECOND))];
      const schedules = [
        Schedule.parse({ id: 'C', name: 'C', playlistId: 'pc', target: { all: true }, time: { startDate: '2026-10-01' } }),
        Schedule.parse({ id: 'W', name: 'W', playlistId: 'pw', target: { wards: [WARD] }, ownerWard: WARD, time: { startDate: '2026-10-01' } }),
      ];
      const m: Resolvable = {
        items,
        playlists: [playlist('pc', city.map((_, i) => `c${i}`)), playlist('pw', ward.map((_, i) => `w${i}`)), playlist('fb', ['c0'])],
        schedules,
        fallback: { playlistId: 'fb' },
        wardShare: { everyCityItems: every, maxPercent },
      };
      const from = local('2026-10-03T00:00');
      const window = 6 * 3_600 * SECOND;
      const played = walk(m, from, from + window);
      const wardMs = played.filter((p) => p.scheduleId === 'W').reduce((sum, p) => sum + Math.min(p.until, from + window) - p.since, 0);
      // The block pattern repeats within 9 local items, so a partial repeat adds at most 9 of them.
      expect(wardMs).toBeLessThanOrEqual((maxPercent / 100) * window + 9 * Math.max(...ward) * SECOND);
      expect(played.filter((p) => p.scheduleId === 'W').length).toBeGreaterThan(0);
    }), { numRuns: 40 });
  });
});
