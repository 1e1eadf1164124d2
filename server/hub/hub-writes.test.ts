import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlayEvent } from '../../playlists/index.ts';
import { connectPlayer, createTestApp, type FakePlayer, type TestApp } from '../testing/helpers.ts';
import { hashToken } from '../ids.ts';
import { HubWrites } from './hub-writes.ts';
import { WRITES_HOLD_MS, WRITES_RECHECK_MS } from '../storage/write-hold.ts';

// What the hub writes as screens talk (hub-writes.ts): play events batched per flush and
// acknowledged only once stored, and what a failing disk must not take down (issue 11).

const SECOND_TOKEN = 'second-screen-token-0123456789';

/** A play whose place in the screen's sequence is the id's number, so plays never overlap. */
const play = (id: string, itemId: string): PlayEvent => ({
  id,
  itemId,
  itemRevision: 1,
  playlistId: null,
  scheduleId: null,
  tier: 'fallback',
  theme: 3,
  startedAt: `2026-11-26T08:59:${String(8 * Number(id.slice(-2))).padStart(2, '0')}+07:00`,
  durationMs: 8_000,
  completed: true,
});

const acks = (p: FakePlayer) => p.socket.messages.filter((m) => m.type === 'playsAck');

describe('Hub writes', () => {
  let t: TestApp;
  let itemId: string;
  let warnings: string[];
  beforeEach(async () => {
    // A long batching delay: the tests flush by hand.
    t = await createTestApp({ admin: false, hub: { playsFlushMs: 60_000 } });
    itemId = t.services.content.list()[0]!.item.id;
    t.services.screens.insert({ id: 's_second', name: 'Bến xe Giáp Bát', ward: null, locationKind: 'station', tags: [] }, hashToken(SECOND_TOKEN), t.clock.now());
    warnings = [];
    vi.spyOn(console, 'warn').mockImplementation((line: string) => void warnings.push(line));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    t.hub.stop();
  });

  /** The database refuses every write from now on, as a read-only disk does (a real SQLite error). */
  const refuseWrites = () => t.db.pragma('query_only = ON');
  const allowWrites = () => t.db.pragma('query_only = OFF');

  it('writes the play events of several screens in one transaction per flush, and acknowledges them only then', () => {
    const a = connectPlayer(t);
    const b = connectPlayer(t, { token: SECOND_TOKEN });
    const batches = vi.spyOn(t.services.plays, 'insertBatches');
    a.send({ type: 'plays', events: [play('play-a-000001', itemId), play('play-a-000002', itemId)] });
    b.send({ type: 'plays', events: [play('play-b-000001', itemId)] });
    a.send({ type: 'plays', events: [play('play-a-000003', itemId)] });
    expect(t.services.plays.count()).toBe(0);
    expect(acks(a)).toEqual([]);

    t.hub.flush();
    expect(batches).toHaveBeenCalledTimes(1);
    expect(batches.mock.calls[0]![0]).toHaveLength(3);
    expect(t.services.plays.count()).toBe(4);
    expect(acks(a)).toEqual([{ type: 'playsAck', ids: ['play-a-000001', 'play-a-000002'] }, { type: 'playsAck', ids: ['play-a-000003'] }]);
    expect(acks(b)).toEqual([{ type: 'playsAck', ids: ['play-b-000001'] }]);
  });

  it('writes by itself once the batching delay has passed', async () => {
    vi.useFakeTimers();
    try {
      const u = await createTestApp({ admin: false, hub: { playsFlushMs: 500 } });
      const a = connectPlayer(u);
      a.send({ type: 'plays', events: [play('play-a-000001', u.services.content.list()[0]!.item.id)] });
      vi.advanceTimersByTime(499);
      expect(u.services.plays.count()).toBe(0);
      vi.advanceTimersByTime(1);
      expect(u.services.plays.count()).toBe(1);
      expect(acks(a)).toEqual([{ type: 'playsAck', ids: ['play-a-000001'] }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not acknowledge play events a failing disk refused, and stores them when the player sends them again', () => {
    const a = connectPlayer(t);
    refuseWrites();
    const events = [play('play-a-000001', itemId)];
    a.send({ type: 'plays', events });
    expect(() => t.hub.flush()).not.toThrow();
    expect(acks(a)).toEqual([]);

    allowWrites();
    // The player resends what was not acknowledged.
    a.send({ type: 'plays', events });
    t.hub.flush();
    expect(acks(a)).toEqual([{ type: 'playsAck', ids: ['play-a-000001'] }]);
    expect(t.services.plays.count()).toBe(1);
  });

  it('keeps sightings and receipts a failing disk refused, logs once, and writes them at a later flush', () => {
    const a = connectPlayer(t);
    t.hub.flush();
    const screenId = t.services.screens.byTokenHash(hashToken(t.demoToken))!.id;
    refuseWrites();
    t.clock.advance(30_000);
    a.send({ type: 'heartbeat', playing: null, manifestVersion: null, uptimeMs: 30_000 });
    a.send({ type: 'shown', scheduleId: 'sch_flood', at: '2026-11-26T09:00:30+07:00' });
    for (let i = 0; i < 10; i++) expect(() => t.hub.flush()).not.toThrow();
    expect(t.services.storage.reasons).toEqual(['storage_read_only']);
    // One line for the state, one per kind of write: not one per flush.
    expect(warnings.filter((w) => w.startsWith('storage:'))).toEqual([
      expect.stringMatching(/degraded: the data disk is read-only/),
      expect.stringMatching(/emergency receipts not saved/),
      expect.stringMatching(/screen sightings not saved/),
    ]);

    allowWrites();
    t.hub.flush();
    expect(t.services.screens.get(screenId)!.lastSeenAt).toBe(t.clock.now());
    expect(t.services.receipts.forSchedule('sch_flood')).toMatchObject([{ screenId, shownAt: Date.parse('2026-11-26T09:00:30+07:00') }]);
    expect(t.services.storage.reasons).toEqual([]);
  });

  it('acknowledges the other screens\' events when one batch cannot be stored', () => {
    const a = connectPlayer(t);
    const b = connectPlayer(t, { token: SECOND_TOKEN });
    a.send({ type: 'plays', events: [play('play-a-000001', itemId)] });
    b.send({ type: 'plays', events: [play('play-b-000001', itemId)] });
    // The second screen is deleted before the flush: its events can no longer be stored.
    t.db.prepare("DELETE FROM screens WHERE id = 's_second'").run();
    t.hub.flush();
    expect(acks(a)).toEqual([{ type: 'playsAck', ids: ['play-a-000001'] }]);
    expect(acks(b)).toEqual([]);
    expect(t.services.plays.count()).toBe(1);
    expect(warnings.join('\n')).toMatch(/play events of screen s_second not stored: FOREIGN KEY/);
  });
});

describe('Hub writes during a push', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** HubWrites over a recording play store, with a push going out while `pushing.now`. */
  function writes() {
    const written: string[][] = [];
    const receipts: string[][] = [];
    const pushing = { now: false };
    const deps = {
      plays: { insertBatches: (batches: { events: PlayEvent[] }[]) => (written.push(batches.flatMap((b) => b.events.map((e) => e.id))), batches.map(() => null)) },
      receipts: { recordMany: (rs: { screenId: string }[]) => void receipts.push(rs.map((r) => r.screenId)) },
      storage: { background: (_what: string, write: () => void) => (write(), true) },
    };
    const hubWrites = new HubWrites(deps as unknown as ConstructorParameters<typeof HubWrites>[0], 500, () => pushing.now);
    const acked: string[] = [];
    const send = (id: string) => hubWrites.plays({ screenId: 's_a', events: [play(id, 'c_item')] } as Parameters<HubWrites['plays']>[0], () => acked.push(id));
    const show = (screenId: string) => hubWrites.receipt({ scheduleId: 'sch_a', screenId, shownAt: 1, receivedAt: 2 });
    return { written, receipts, pushing, acked, send, show, hubWrites };
  }

  it('waits for a push to go out before writing due play events, then writes and acknowledges them', () => {
    vi.useFakeTimers();
    const w = writes();
    w.pushing.now = true;
    w.send('play-a-000001');
    vi.advanceTimersByTime(500 + 300);
    expect(w.written).toEqual([]);
    expect(w.acked).toEqual([]);
    w.pushing.now = false;
    vi.advanceTimersByTime(WRITES_RECHECK_MS);
    expect(w.written).toEqual([['play-a-000001']]);
    expect(w.acked).toEqual(['play-a-000001']);
  });

  it('waits WRITES_HOLD_MS at most, whatever the pushes', () => {
    vi.useFakeTimers();
    const w = writes();
    w.pushing.now = true;
    w.send('play-a-000001');
    vi.advanceTimersByTime(500 + WRITES_HOLD_MS - WRITES_RECHECK_MS);
    expect(w.written).toEqual([]);
    vi.advanceTimersByTime(2 * WRITES_RECHECK_MS);
    expect(w.written).toEqual([['play-a-000001']]);
  });

  it('holds an emergency\'s receipts while its fan-out goes out, then writes them in one transaction', () => {
    vi.useFakeTimers();
    const w = writes();
    w.pushing.now = true;
    w.show('s_a');
    vi.advanceTimersByTime(100 + 300);
    w.show('s_b');
    vi.advanceTimersByTime(300);
    expect(w.receipts).toEqual([]);
    w.pushing.now = false;
    vi.advanceTimersByTime(WRITES_RECHECK_MS);
    expect(w.receipts).toEqual([['s_a', 's_b']]);
  });

  it('writes everything at once on a forced flush (shutdown), push or not; the timed flush waits', () => {
    vi.useFakeTimers();
    const w = writes();
    w.pushing.now = true;
    w.send('play-a-000001');
    w.show('s_a');
    w.hubWrites.flushDue();
    expect(w.written).toEqual([]);
    expect(w.receipts).toEqual([]);
    w.hubWrites.flush();
    expect(w.written).toEqual([['play-a-000001']]);
    expect(w.receipts).toEqual([['s_a']]);
    vi.advanceTimersByTime(WRITES_HOLD_MS);
    expect(w.written).toHaveLength(1);
    expect(w.receipts).toHaveLength(1);
  });
});
