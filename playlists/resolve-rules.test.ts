import { describe, expect, it } from 'vitest';
import { RULE_REFS, resolve, segmentAt } from './resolve.ts';
import { SECOND, ids, local, manifest, playlist, schedule, slogan, walk } from './test-fixtures.ts';

// Saturday 03/10/2026 in Hanoi. Fallback fb: f1 f2 (10 s). Normal A: a1 a2 a3, B: b1 b2 (10 s).
const f = [slogan('f1'), slogan('f2')];
const a = [slogan('a1'), slogan('a2'), slogan('a3')];
const b = [slogan('b1'), slogan('b2')];
const fb = playlist('fb', ['f1', 'f2']);
const pa = playlist('pa', ['a1', 'a2', 'a3']);
const pb = playlist('pb', ['b1', 'b2']);
const base = { items: [...f, ...a, ...b], playlists: [fb, pa, pb] };
const SAT = '2026-10-03';
const main = (m: ReturnType<typeof manifest>, t: number) => resolve(m, t).main;

describe('[S1] emergency', () => {
  const e = slogan('e1', 20 * SECOND, { text: 'Cảnh báo' } as never);
  const emergency = schedule('E', 'pe', {
    tier: 'emergency',
    time: { startDate: SAT, startsAt: '2026-10-03T10:00:05+07:00', endsAt: '2026-10-03T10:30:00+07:00' },
  });
  const m = manifest({ items: [...base.items, e], playlists: [...base.playlists, playlist('pe', ['e1'])], schedules: [emergency] });

  it('[S1] cuts the item on screen at its start instant, mid-item', () => {
    const before = main(m, local(`${SAT}T10:00`) + 1 * SECOND);
    expect(before).toMatchObject({ item: { id: 'f1' }, since: local(`${SAT}T10:00`), until: local(`${SAT}T10:00`) + 5 * SECOND });
    expect(before.next).toEqual({ itemId: 'e1', at: local(`${SAT}T10:00`) + 5 * SECOND });
    expect(main(m, local(`${SAT}T10:00`) + 5 * SECOND)).toMatchObject({
      item: { id: 'e1' },
      since: local(`${SAT}T10:00`) + 5 * SECOND,
      reason: { tier: 'emergency', scheduleId: 'E', rule: 'emergency_override' },
    });
  });

  it('[S1] pre-empts priority and normal schedules that are active too', () => {
    const all = manifest({
      items: m.items,
      playlists: m.playlists,
      schedules: [emergency, schedule('A', 'pa'), schedule('P', 'pb', { tier: 'priority' })],
    });
    for (let t = local(`${SAT}T10:00`) + 5 * SECOND; t < local(`${SAT}T10:30`); t += 97 * SECOND) {
      expect(main(all, t).reason).toEqual({ tier: 'emergency', scheduleId: 'E', rule: 'emergency_override' });
    }
    expect(main(all, local(`${SAT}T10:30`)).reason.tier).toBe('priority');
  });

  it('[S1] ends by itself at its end time and the fallback restarts there', () => {
    expect(main(m, local(`${SAT}T10:29`) + 59 * SECOND)).toMatchObject({ item: { id: 'e1' }, until: local(`${SAT}T10:30`) });
    expect(main(m, local(`${SAT}T10:30`))).toMatchObject({
      item: { id: 'f1' },
      since: local(`${SAT}T10:30`),
      reason: { tier: 'fallback', rule: 'fallback_rotation' },
    });
  });
});

describe('[S2] priority', () => {
  // A's items last 7 s: 18:00 falls 15 s into a 21 s cycle, in the middle of a3.
  const a7 = a.map((i) => ({ ...i, durationMs: 7 * SECOND }));
  const m = manifest({
    items: [...f, ...a7, ...b],
    playlists: base.playlists,
    schedules: [schedule('A', 'pa'), schedule('P', 'pb', { tier: 'priority', time: { startDate: SAT, windows: [{ start: '18:00', end: '19:00' }] } })],
  });

  it('[S2] pre-empts normal at the start of its window, mid-item', () => {
    expect(main(m, local(`${SAT}T17:59`) + 59_500)).toMatchObject({
      item: { id: 'a3' },
      since: local(`${SAT}T17:59`) + 59 * SECOND,
      until: local(`${SAT}T18:00`),
      next: { itemId: 'b1', at: local(`${SAT}T18:00`) },
    });
    expect(main(m, local(`${SAT}T18:30`)).reason).toEqual({ tier: 'priority', scheduleId: 'P', rule: 'priority_window' });
  });

  it('[S2] gives the screen back to normal when its window ends, with a fresh rotation', () => {
    expect(main(m, local(`${SAT}T19:00`))).toMatchObject({ item: { id: 'a1' }, since: local(`${SAT}T19:00`), reason: { tier: 'normal', scheduleId: 'A' } });
  });
});

describe('[S3] interleaving', () => {
  it('[S3] interleaves two normal schedules item by item, each going on through its playlist', () => {
    const m = manifest({ ...base, schedules: [schedule('B', 'pb'), schedule('A', 'pa')] });
    const day = local(`${SAT}T00:00`);
    expect(ids(walk(m, day, day + 80 * SECOND))).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b1', 'a1', 'b2']);
    expect(main(m, day).reason).toEqual({ tier: 'normal', scheduleId: 'A', rule: 'normal_rotation' });
  });

  it('[S3] gives each schedule the same number of turns over a day', () => {
    const m = manifest({ items: [...base.items, slogan('c1', 25 * SECOND)], playlists: [...base.playlists, playlist('pc', ['c1'])], schedules: [schedule('A', 'pa'), schedule('C', 'pc')] });
    const played = walk(m, local(`${SAT}T06:00`), local(`${SAT}T09:00`));
    const turns = (id: string) => played.filter((p) => p.scheduleId === id).length;
    expect(Math.abs(turns('A') - turns('C'))).toBeLessThanOrEqual(1);
  });

  it('[S3] interleaves two priority schedules too', () => {
    const m = manifest({ ...base, schedules: [schedule('P1', 'pa', { tier: 'priority' }), schedule('P2', 'pb', { tier: 'priority' })] });
    expect(ids(walk(m, local(`${SAT}T00:00`), local(`${SAT}T00:00`) + 40 * SECOND))).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('[S3] gives no turn to a schedule with nothing playable', () => {
    const expired = slogan('x1', 10 * SECOND, { validUntil: '2026-01-01T00:00:00+07:00' });
    const m = manifest({
      items: [...base.items, expired],
      playlists: [...base.playlists, playlist('px', ['x1'])],
      schedules: [schedule('A', 'pa'), schedule('AA', 'px'), schedule('B', 'pb')],
    });
    const day = local(`${SAT}T00:00`);
    expect(ids(walk(m, day, day + 40 * SECOND))).toEqual(['a1', 'b1', 'a2', 'b2']);
  });
});

describe('[S4] ward share', () => {
  const ward = '00070';
  const w = [slogan('w1'), slogan('w2')];
  const pw = playlist('pw', ['w1', 'w2']);
  const wardSchedule = schedule('W', 'pw', { ownerWard: ward, target: { wards: [ward] } });
  const build = (maxPercent: number, schedules = [schedule('A', 'pa'), wardSchedule], extra = {}) =>
    manifest({ items: [...base.items, ...w], playlists: [...base.playlists, pw], schedules, wardShare: { everyCityItems: 2, maxPercent }, ...extra });
  const day = local(`${SAT}T00:00`);

  it('[S4] inserts one local item after every N city items', () => {
    const played = walk(build(50), day, day + 90 * SECOND);
    expect(ids(played)).toEqual(['a1', 'a2', 'w1', 'a3', 'a1', 'w2', 'a2', 'a3', 'w1']);
    expect(played[2]).toMatchObject({ tier: 'normal', scheduleId: 'W', rule: 'ward_share' });
    expect(segmentAt(build(50), 'main', day).wardOverShare).toBe(false);
  });

  it('[S4] spaces local items further apart when they would pass the cap, and flags it', () => {
    // Every 2 would give local items 1/3 of the airtime; 20 % needs 4 city items between them.
    const played = walk(build(20), day, day + 100 * SECOND);
    expect(ids(played)).toEqual(['a1', 'a2', 'a3', 'a1', 'w1', 'a2', 'a3', 'a1', 'a2', 'w2']);
    expect(segmentAt(build(20), 'main', day).wardOverShare).toBe(true);
  });

  it('[S4] holds long local items to the cap by airtime, not by count', () => {
    const long = [slogan('w1', 30 * SECOND), slogan('w2', 30 * SECOND)];
    const m = manifest({ items: [...base.items, ...long], playlists: [...base.playlists, pw], schedules: [schedule('A', 'pa'), wardSchedule], wardShare: { everyCityItems: 3, maxPercent: 30 } });
    const played = walk(m, day, day + 3_600 * SECOND);
    const localMs = played.filter((p) => p.rule === 'ward_share').reduce((s, p) => s + p.until - p.since, 0);
    expect(localMs / (3_600 * SECOND)).toBeCloseTo(0.3, 2);
  });

  it('[S4] plays no local item at a cap of 0 %', () => {
    expect(walk(build(0), day, day + 600 * SECOND).some((p) => p.rule === 'ward_share')).toBe(false);
  });

  it('[S4] inserts local items into the fallback when no city schedule runs', () => {
    const played = walk(build(50, [wardSchedule]), day, day + 60 * SECOND);
    expect(ids(played)).toEqual(['f1', 'f2', 'w1', 'f1', 'f2', 'w2']);
    expect(played[0]).toMatchObject({ tier: 'fallback', rule: 'fallback_rotation' });
  });

  it('[S4] plays local items alone when there is no city item, and flags it', () => {
    const m = build(30, [wardSchedule], { fallback: null });
    expect(ids(walk(m, day, day + 30 * SECOND))).toEqual(['w1', 'w2', 'w1']);
    expect(segmentAt(m, 'main', day).wardOverShare).toBe(true);
  });
});

describe('[S5] validity', () => {
  it('[S5] drops an item when it expires and restarts the rotation at that instant', () => {
    const items = [...base.items.filter((i) => i.id !== 'a2'), slogan('a2', 10 * SECOND, { validUntil: '2026-10-03T12:00:05+07:00' })];
    const m = manifest({ items, playlists: base.playlists, schedules: [schedule('A', 'pa')] });
    const noon = local(`${SAT}T12:00`);
    expect(main(m, noon + 1 * SECOND)).toMatchObject({ item: { id: 'a1' }, until: noon + 5 * SECOND });
    expect(ids(walk(m, noon + 5 * SECOND, noon + 45 * SECOND))).toEqual(['a1', 'a3', 'a1', 'a3']);
  });

  it('[S5] lets a higher tier take over when its item becomes valid', () => {
    const items = [...base.items, slogan('p1', 10 * SECOND, { validFrom: '2026-10-03T12:00:03+07:00' })];
    const m = manifest({ items, playlists: [...base.playlists, playlist('pp', ['p1'])], schedules: [schedule('A', 'pa'), schedule('P', 'pp', { tier: 'priority' })] });
    const noon = local(`${SAT}T12:00`);
    expect(main(m, noon)).toMatchObject({ reason: { tier: 'normal' }, until: noon + 3 * SECOND, next: { itemId: 'p1' } });
    expect(main(m, noon + 3 * SECOND).reason.tier).toBe('priority');
  });
});

describe('[S6] and [S7] falling through', () => {
  const expired = slogan('x1', 10 * SECOND, { validUntil: '2026-01-01T00:00:00+07:00' });
  const parts = { items: [...base.items, expired], playlists: [...base.playlists, playlist('px', ['x1'])] };
  const t = local(`${SAT}T08:00`);

  it('[S6] falls from an empty emergency to priority, from an empty priority to normal, then to the fallback', () => {
    const m = (schedules: ReturnType<typeof schedule>[]) => manifest({ ...parts, schedules });
    const e = schedule('E', 'px', { tier: 'emergency' });
    const p = schedule('P', 'pb', { tier: 'priority' });
    const emptyP = schedule('P', 'px', { tier: 'priority' });
    const n = schedule('N', 'pa');
    const emptyN = schedule('N', 'missing-playlist');
    expect(main(m([e, p, n]), t).reason.tier).toBe('priority');
    expect(main(m([e, emptyP, n]), t).reason.tier).toBe('normal');
    expect(main(m([e, emptyP, emptyN]), t).reason).toEqual({ tier: 'fallback', scheduleId: null, rule: 'fallback_rotation' });
  });

  it('[S7] resolves the fallback whenever no schedule is active', () => {
    const m = manifest({ ...parts, schedules: [schedule('A', 'pa', { time: { startDate: '2027-01-01' } })] });
    expect(main(m, t)).toMatchObject({ item: { id: 'f1' }, reason: { tier: 'fallback', rule: 'fallback_rotation' } });
  });

  it('[S7] answers nothing_to_play, never an error, when even the fallback is empty', () => {
    const m = manifest({ ...parts, schedules: [schedule('E', 'px', { tier: 'emergency' })], fallback: 'px' });
    expect(main(m, t)).toMatchObject({ item: null, reason: { tier: 'fallback', rule: 'nothing_to_play' } });
  });
});

describe('rule codes', () => {
  it('cites a numbered rule for every code', () => {
    expect(RULE_REFS).toEqual({
      emergency_override: 'S1',
      priority_window: 'S2',
      normal_rotation: 'S3',
      ward_share: 'S4',
      fallback_rotation: 'S7',
      nothing_to_play: 'S7',
    });
  });
});
