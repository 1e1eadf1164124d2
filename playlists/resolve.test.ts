import { describe, expect, it } from 'vitest';
import type { PublishedItem } from './content.ts';
import type { ManifestBody } from './manifest.ts';
import { isPlayable, resolve } from './resolve.ts';
import { DAY_MS } from './time.ts';

type Fixture = Pick<ManifestBody, 'items' | 'playlists' | 'fallback'>;

const at = (iso: string) => Date.parse(iso);
const SECOND = 1_000;

/** Local midnight that starts 04/10/2026 in Hanoi (17:00Z on 03/10). */
const midnight = at('2026-10-04T00:00:00+07:00');
const nextMidnight = at('2026-10-05T00:00:00+07:00');

function slogan(id: string, durationMs: number, extra: Partial<PublishedItem> = {}): PublishedItem {
  return { id, revision: 1, kind: 'slogan', theme: 1, durationMs, text: `Khẩu hiệu ${id}`, ...extra } as PublishedItem;
}

function countdown(id: string, durationMs: number, afterDays = 0): PublishedItem {
  return {
    id,
    revision: 1,
    kind: 'countdown',
    theme: 1,
    durationMs,
    title: 'Ngày Kỹ năng lao động Việt Nam',
    eventDate: '2026-10-04',
    eventTime: '08:00',
    annual: false,
    afterDays,
  };
}

/**
 * A fallback playlist of the given items, played in the given order. Durations 7 s, 11 s and
 * 13 s make a 31 s cycle, which divides neither a day nor the 7 h offset, so a rotation
 * anchored anywhere but local midnight shows.
 */
function manifest(items: PublishedItem[], itemIds = items.map((i) => i.id)): Fixture {
  return {
    items,
    playlists: [{ id: 'main', name: 'Mặc định', itemIds }],
    fallback: { playlistId: 'main' },
  };
}

const a = slogan('a', 7 * SECOND);
const b = slogan('b', 11 * SECOND);
const c = slogan('c', 13 * SECOND);
const abc = manifest([a, b, c]);

const playing = (m: Fixture, ms: number) => resolve(m, ms).main.item?.id ?? null;

describe('resolve, rotation', () => {
  it('plays the first item at local midnight', () => {
    expect(resolve(abc, midnight)).toEqual({
      at: midnight,
      main: {
        item: a,
        playlistId: 'main',
        since: midnight,
        until: midnight + 7 * SECOND,
        next: { itemId: 'b', at: midnight + 7 * SECOND },
        reason: { tier: 'fallback', scheduleId: null, rule: 'fallback_rotation' },
      },
    });
  });

  it('plays each item for its duration, then the next', () => {
    expect(playing(abc, midnight + 7 * SECOND - 1)).toBe('a');
    expect(playing(abc, midnight + 7 * SECOND)).toBe('b');
    expect(playing(abc, midnight + 18 * SECOND - 1)).toBe('b');
    const third = resolve(abc, midnight + 18 * SECOND).main;
    expect(third.item?.id).toBe('c');
    expect([third.since, third.until]).toEqual([midnight + 18 * SECOND, midnight + 31 * SECOND]);
    expect(third.next).toEqual({ itemId: 'a', at: midnight + 31 * SECOND });
  });

  it('repeats the cycle', () => {
    const cycle = 31 * SECOND;
    for (const k of [1, 2, 100]) {
      expect(resolve(abc, midnight + k * cycle).main).toMatchObject({ item: a, since: midnight + k * cycle });
      expect(playing(abc, midnight + k * cycle + 7 * SECOND)).toBe('b');
    }
  });

  it('is anchored to local midnight, not to UTC midnight', () => {
    // 00:00Z is 07:00 local: 25 200 s after local midnight, 28 s into the 813th cycle, so c,
    // which started 10 s earlier.
    const main = resolve(abc, at('2026-10-04T00:00:00Z')).main;
    expect(main.item?.id).toBe('c');
    expect(main.since).toBe(at('2026-10-04T06:59:50+07:00'));
    expect(main.until).toBe(at('2026-10-04T07:00:03+07:00'));
  });

  it('cuts the last slot before local midnight and names the first item of the next day', () => {
    // 86 400 s = 2 787 cycles + 3 s, so a starts 3 s before midnight and is cut.
    const main = resolve(abc, nextMidnight - 1).main;
    expect(main.item?.id).toBe('a');
    expect(main.since).toBe(nextMidnight - 3 * SECOND);
    expect(main.until).toBe(nextMidnight);
    expect(main.next).toEqual({ itemId: 'a', at: nextMidnight });
    expect(resolve(abc, nextMidnight).main).toMatchObject({ item: a, since: nextMidnight });
  });

  it('lays out back-to-back slots whose next matches what then plays', () => {
    const m = manifest([a, b, c, slogan('d', 5 * SECOND)], ['a', 'b', 'a', 'c', 'd']);
    let t = midnight;
    let slots = 0;
    while (t < nextMidnight) {
      const main = resolve(m, t).main;
      expect(main.since).toBe(t);
      const following = resolve(m, main.until).main;
      expect(following.since).toBe(main.until);
      expect(following.item?.id).toBe(main.next.itemId);
      t = main.until;
      slots += 1;
    }
    expect(t).toBe(nextMidnight);
    // 2 009 cycles of 43 s end 13 s before midnight: a, then b cut at midnight.
    expect(slots).toBe(2_009 * 5 + 2);
  });

  it('plays an item listed twice twice per cycle', () => {
    const m = manifest([a, b], ['a', 'b', 'a']);
    expect(playing(m, midnight)).toBe('a');
    expect(playing(m, midnight + 7 * SECOND)).toBe('b');
    expect(resolve(m, midnight + 18 * SECOND).main).toMatchObject({ item: a, since: midnight + 18 * SECOND });
    expect(playing(m, midnight + 25 * SECOND)).toBe('a');
  });

  it('skips item ids missing from items', () => {
    const m = manifest([a, b], ['ghost', 'a', 'gone', 'b']);
    expect(resolve(m, midnight).main).toMatchObject({ item: a, next: { itemId: 'b', at: midnight + 7 * SECOND } });
    expect(resolve(m, midnight + 7 * SECOND).main).toMatchObject({
      item: b,
      next: { itemId: 'a', at: midnight + 18 * SECOND },
    });
  });
});

describe('resolve, validity', () => {
  const noon = at('2026-10-04T12:00:00+07:00');

  it('drops an item when its validUntil passes and re-anchors the rotation at that instant', () => {
    const m = manifest([a, slogan('b', 11 * SECOND, { validUntil: '2026-10-04T12:00:00+07:00' }), c]);
    // 43 195 s after midnight: the cycle started at 11:59:43, b at 11:59:50; it is cut at noon.
    const before = resolve(m, at('2026-10-04T11:59:55+07:00')).main;
    expect(before.item?.id).toBe('b');
    expect(before.since).toBe(at('2026-10-04T11:59:50+07:00'));
    expect(before.until).toBe(noon);
    expect(before.next).toEqual({ itemId: 'a', at: noon });

    expect(resolve(m, noon).main).toMatchObject({
      item: a,
      since: noon,
      until: noon + 7 * SECOND,
      next: { itemId: 'c', at: noon + 7 * SECOND },
    });
    expect(resolve(m, noon + 7 * SECOND).main).toMatchObject({ item: c, since: noon + 7 * SECOND });
    expect(resolve(m, noon + 20 * SECOND).main).toMatchObject({ item: a, since: noon + 20 * SECOND });
    for (let t = noon; t < nextMidnight; t += 997 * SECOND) expect(playing(m, t)).not.toBe('b');
  });

  it('does not play an item before its validFrom, then re-anchors when it starts', () => {
    const m = manifest([a, b, slogan('c', 13 * SECOND, { validFrom: '2026-10-04T12:00:00+07:00' })]);
    for (let t = midnight; t < noon; t += 1_009 * SECOND) expect(playing(m, t)).not.toBe('c');
    for (let t = noon - 60 * SECOND; t < noon; t += SECOND) expect(playing(m, t)).not.toBe('c');

    const last = resolve(m, noon - 1).main;
    expect(last.until).toBe(noon);
    expect(last.next).toEqual({ itemId: 'a', at: noon });
    expect(resolve(m, noon).main).toMatchObject({ item: { id: 'a' }, since: noon });
    expect(resolve(m, noon + 18 * SECOND).main).toMatchObject({ item: { id: 'c' }, since: noon + 18 * SECOND });
  });

  it('does not play an item valid only from a later day', () => {
    const later = slogan('c', 13 * SECOND, { validFrom: '2026-10-06T00:00:00+07:00' });
    const m = manifest([a, b, later]);
    expect(resolve(m, midnight + 18 * SECOND).main).toMatchObject({ item: a, since: midnight + 18 * SECOND });
    expect(isPlayable(later, at('2026-10-05T23:59:59+07:00'))).toBe(false);
    expect(resolve(m, at('2026-10-06T00:00:18+07:00')).main.item?.id).toBe('c');
  });

  it('takes an expired one-shot countdown out of rotation from local midnight', () => {
    const m = manifest([a, countdown('cd', 10 * SECOND)]);
    expect(playing(m, midnight + 7 * SECOND)).toBe('cd');
    expect(playing(m, at('2026-10-04T20:00:02+07:00'))).toBe('cd'); // after the event time

    // 86 400 s = 5 082 cycles of 17 s + 6 s: a is cut at midnight, and only a plays after it.
    const last = resolve(m, nextMidnight - 1).main;
    expect(last).toMatchObject({ item: a, until: nextMidnight, next: { itemId: 'a', at: nextMidnight } });
    for (let t = nextMidnight; t < nextMidnight + DAY_MS; t += 977 * SECOND) {
      expect(resolve(m, t).main).toMatchObject({ item: a, since: t - ((t - nextMidnight) % (7 * SECOND)) });
    }
  });

  it('keeps a one-shot countdown for its afterDays', () => {
    const m = manifest([a, countdown('cd', 10 * SECOND, 2)]);
    expect(playing(m, at('2026-10-06T00:00:07+07:00'))).toBe('cd');
    expect(playing(m, at('2026-10-07T00:00:07+07:00'))).toBe('a');
  });

  it('plays nothing once every item has expired', () => {
    const m = manifest([countdown('cd', 10 * SECOND)]);
    expect(playing(m, nextMidnight - 1)).toBe('cd');
    expect(resolve(m, nextMidnight).main).toMatchObject({ item: null, reason: { rule: 'nothing_to_play' } });
  });
});

describe('resolve, nothing to play', () => {
  const nothing = (playlistId: string | null) => ({
    item: null,
    playlistId,
    since: midnight,
    until: nextMidnight,
    next: { itemId: null, at: nextMidnight },
    reason: { tier: 'fallback', scheduleId: null, rule: 'nothing_to_play' },
  });
  const noon = at('2026-10-04T12:00:00+07:00');

  it('gives no item when the fallback playlist is missing', () => {
    const m: Fixture = { items: [a], playlists: [], fallback: { playlistId: 'main' } };
    expect(resolve(m, noon).main).toEqual(nothing(null));
  });

  it('gives no item when there is no fallback playlist', () => {
    const m: Fixture = { items: [a], playlists: [{ id: 'main', name: 'x', itemIds: ['a'] }], fallback: { playlistId: null } };
    expect(resolve(m, noon).main).toEqual(nothing(null));
  });

  it('gives no item when the fallback playlist is empty or names only missing items', () => {
    expect(resolve(manifest([a], []), noon).main).toEqual(nothing('main'));
    expect(resolve(manifest([], ['ghost']), noon).main).toEqual(nothing('main'));
  });

  it('names the item that becomes playable next', () => {
    const m = manifest([slogan('a', 7 * SECOND, { validFrom: '2026-10-04T18:00:00+07:00' })]);
    expect(resolve(m, noon).main).toMatchObject({
      item: null,
      since: midnight,
      until: at('2026-10-04T18:00:00+07:00'),
      next: { itemId: 'a', at: at('2026-10-04T18:00:00+07:00') },
    });
  });
});

describe('resolve, determinism', () => {
  it('gives the same output for the same inputs, in any order, without changing the manifest', () => {
    const m = manifest([a, slogan('b', 11 * SECOND, { validUntil: '2026-10-04T12:00:00+07:00' }), c, countdown('cd', 9 * SECOND)]);
    const copy = structuredClone(m);
    const instants = [midnight, at('2026-10-04T11:59:59+07:00'), at('2026-10-04T12:00:00+07:00'), nextMidnight - 1, nextMidnight];
    const first = instants.map((t) => resolve(m, t));
    const second = [...instants].reverse().map((t) => resolve(structuredClone(m), t)).reverse();
    expect(second).toEqual(first);
    expect(m).toEqual(copy);
  });
});
