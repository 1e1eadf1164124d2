import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashToken } from '../ids.ts';
import { connectPlayer, createTestApp } from '../testing/helpers.ts';
import { WRITES_HOLD_MS, WRITES_RECHECK_MS } from '../storage/write-hold.ts';
import type { Session } from './session.ts';
import { Sightings } from './sightings.ts';

const SCREENS = 2_500;
const seenCount = (t: Awaited<ReturnType<typeof createTestApp>>) =>
  (t.db.prepare("SELECT count(*) AS n FROM screens WHERE id LIKE 's_sight_%' AND last_seen_at IS NOT NULL").get() as { n: number }).n;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('Hub.flush (sightings)', () => {
  it('writes a thousand sightings per turn of the event loop, the rest on the next turns', async () => {
    const t = await createTestApp({ admin: false });
    t.db.transaction(() => {
      for (let i = 0; i < SCREENS; i++) {
        t.services.screens.insert({ id: `s_sight_${i}`, name: `Màn hình ${i}`, ward: null, locationKind: 'park', tags: [] }, hashToken(`sight-${i}`), t.clock.now());
      }
    })();
    for (let i = 0; i < SCREENS; i++) connectPlayer(t, { token: `sight-${i}` });
    t.hub.flush();
    expect(seenCount(t)).toBe(1_000);
    await nextTurn();
    expect(seenCount(t)).toBe(2_000);
    await nextTurn();
    expect(seenCount(t)).toBe(SCREENS);
  });

  it('writes every sighting at once when the hub stops', async () => {
    const t = await createTestApp({ admin: false });
    t.db.transaction(() => {
      for (let i = 0; i < SCREENS; i++) {
        t.services.screens.insert({ id: `s_sight_${i}`, name: `Màn hình ${i}`, ward: null, locationKind: 'park', tags: [] }, hashToken(`sight-${i}`), t.clock.now());
      }
    })();
    for (let i = 0; i < SCREENS; i++) connectPlayer(t, { token: `sight-${i}` });
    t.hub.stop();
    expect(seenCount(t)).toBe(SCREENS);
  });
});

describe('Sightings during a push', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Sightings over a recording screen store, with a push going out while `pushing.now`. */
  function sightings() {
    const written: string[][] = [];
    const pushing = { now: false };
    const deps = {
      screens: { recordSightings: (rows: { id: string }[]) => void written.push(rows.map((r) => r.id)) },
      storage: { background: (_what: string, write: () => void) => (write(), true) },
    };
    const s = new Sightings(deps, () => pushing.now);
    const seen = (id: string) =>
      s.add({ screen: { id }, lastSeenAt: 1, ackedVersion: null, playerVersion: null, viewport: null, report: { device: null } } as unknown as Session);
    return { s, written, pushing, seen };
  }

  it('waits for a push to go out before the timed write, then writes', () => {
    vi.useFakeTimers();
    const w = sightings();
    w.seen('s_a');
    w.pushing.now = true;
    w.s.flush();
    vi.advanceTimersByTime(500);
    expect(w.written).toEqual([]);
    w.pushing.now = false;
    vi.advanceTimersByTime(WRITES_RECHECK_MS);
    expect(w.written).toEqual([['s_a']]);
  });

  it('waits WRITES_HOLD_MS at most, and writes everything at once on shutdown', () => {
    vi.useFakeTimers();
    const w = sightings();
    w.seen('s_a');
    w.pushing.now = true;
    w.s.flush();
    vi.advanceTimersByTime(WRITES_HOLD_MS + WRITES_RECHECK_MS);
    expect(w.written).toEqual([['s_a']]);
    w.seen('s_b');
    w.s.flush();
    w.s.flushAll();
    expect(w.written).toEqual([['s_a'], ['s_b']]);
  });
});
