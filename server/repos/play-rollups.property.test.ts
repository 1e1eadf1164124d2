import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlayEvent } from '../../playlists/index.ts';
import { toLocalIsoMs } from '../../playlists/index.ts';
import { openDatabase, type Db } from '../db/connection.ts';
import { PlayRepo } from './plays.ts';
import { ScreenRepo } from './screens.ts';
import { dayOf, hourOf, monthOf } from './rollup-periods.ts';

const SCREENS = ['s_a', 's_b', 's_c'];
/** Around a month's end and a local midnight: 30/01/2026 to 02/03/2026, Hanoi time. */
const FROM = Date.parse('2026-01-30T00:00:00+07:00');
const TO = Date.parse('2026-03-02T00:00:00+07:00');

function freshDb(): Db {
  const db = openDatabase(':memory:');
  const screens = new ScreenRepo(db);
  for (const id of SCREENS) screens.insert({ id, name: id, ward: null, locationKind: 'park', tags: [] }, `hash-${id}`, 0);
  return db;
}

const event = fc.record({
  id: fc.integer({ min: 0, max: 60 }).map((n) => `play-${String(n).padStart(4, '0')}`),
  screen: fc.constantFrom(...SCREENS),
  itemId: fc.constantFrom('c_one', 'c_two', 'c_three'),
  theme: fc.integer({ min: 1, max: 7 }),
  tier: fc.constantFrom('fallback', 'normal', 'priority', 'emergency') as fc.Arbitrary<PlayEvent['tier']>,
  startedAt: fc.integer({ min: FROM, max: TO }),
  durationMs: fc.integer({ min: 0, max: 120_000 }),
  completed: fc.boolean(),
});
type Gen = typeof event extends fc.Arbitrary<infer T> ? T : never;

const toPlay = (g: Gen): PlayEvent => ({
  id: g.id, itemId: g.itemId, itemRevision: 1, playlistId: null, scheduleId: null, tier: g.tier, theme: g.theme,
  startedAt: toLocalIsoMs(g.startedAt), durationMs: g.durationMs, completed: g.completed,
});

type Raw = { screen_id: string; item_id: string; theme: number; tier: string; started_at: number; duration_ms: number; completed: number };

type Key = (r: Raw) => unknown[];
/** The raw table's sums per key, computed here rather than in SQL. */
function rawSums(db: Db, key: Key): Map<string, [number, number, number]> {
  const sums = new Map<string, [number, number, number]>();
  for (const r of db.prepare<[], Raw>('SELECT * FROM play_events').all()) {
    const k = key(r).join('|');
    const s = sums.get(k) ?? [0, 0, 0];
    sums.set(k, [s[0] + 1, s[1] + r.completed, s[2] + r.duration_ms]);
  }
  return sums;
}

function rollup(db: Db, table: string, columns: string[]): Map<string, [number, number, number]> {
  const rows = db.prepare<[], Record<string, number | string>>(`SELECT * FROM ${table}`).all();
  return new Map(rows.map((r) => [columns.map((c) => r[c]).join('|'), [r.plays, r.completed, r.airtime_ms] as [number, number, number]]));
}

/** Every rollup table, its key columns, and the same key over a raw row. */
const TABLES: [string, string[], Key][] = [
  ['play_rollup_hourly', ['hour_start', 'screen_id', 'item_id', 'theme', 'tier'], (r) => [hourOf(r.started_at), r.screen_id, r.item_id, r.theme, r.tier]],
  ['play_rollup_daily', ['day', 'screen_id', 'item_id', 'theme', 'tier'], (r) => [dayOf(r.started_at), r.screen_id, r.item_id, r.theme, r.tier]],
  ['play_rollup_monthly', ['month', 'screen_id', 'item_id', 'theme', 'tier'], (r) => [monthOf(r.started_at), r.screen_id, r.item_id, r.theme, r.tier]],
  ['play_rollup_screen_daily', ['day', 'screen_id'], (r) => [dayOf(r.started_at), r.screen_id]],
  ['play_rollup_screen_monthly', ['month', 'screen_id'], (r) => [monthOf(r.started_at), r.screen_id]],
  ['play_rollup_item_daily', ['day', 'item_id', 'theme'], (r) => [dayOf(r.started_at), r.item_id, r.theme]],
  ['play_rollup_item_monthly', ['month', 'item_id', 'theme'], (r) => [monthOf(r.started_at), r.item_id, r.theme]],
  ['play_rollup_city_daily', ['day'], (r) => [dayOf(r.started_at)]],
];

describe('play rollups', () => {
  it('equal the raw sums in every rollup table after random batches with duplicates, replays and late events', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(event, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (batches, replays) => {
          const db = freshDb();
          const plays = new PlayRepo(db);
          // Whole batches sent again (a player that missed its playsAck), in between the others.
          const sent = [...batches];
          for (const r of replays) sent.splice(r % (sent.length + 1), 0, batches[r % batches.length]!);
          for (const batch of sent) {
            const byScreen = new Map<string, PlayEvent[]>();
            for (const g of batch) byScreen.set(g.screen, [...(byScreen.get(g.screen) ?? []), toPlay(g)]);
            // With a batch of a screen deleted meanwhile among them: rolled back alone, counted nowhere.
            const stored = [...byScreen].map(([screenId, events]) => ({ screenId, events, receivedAt: TO }));
            stored.splice(1, 0, { screenId: 's_gone', events: batch.map((g) => ({ ...toPlay(g), id: `gone-${g.id}` })), receivedAt: TO });
            const results = plays.insertBatches(stored);
            expect(results.filter((r) => r !== null)).toHaveLength(1);
          }
          for (const [table, columns, key] of TABLES) expect(rollup(db, table, columns), table).toEqual(rawSums(db, key));
          db.close();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('counts each play id exactly once, whatever comes again', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 40 }), (events) => {
        const db = freshDb();
        const plays = new PlayRepo(db);
        // Every event twice: once in order, once again in reverse (a resend after a reconnect).
        for (const g of [...events, ...[...events].reverse()]) plays.insertBatches([{ screenId: g.screen, events: [toPlay(g)], receivedAt: TO }]);
        const firstById = new Map<string, Gen>();
        for (const g of events) if (!firstById.has(g.id)) firstById.set(g.id, g);
        const total = db.prepare<[], { n: number | null; a: number | null }>('SELECT sum(plays) AS n, sum(airtime_ms) AS a FROM play_rollup_daily').get()!;
        expect(total.n ?? 0).toBe(firstById.size);
        expect(total.a ?? 0).toBe([...firstById.values()].reduce((s, g) => s + g.durationMs, 0));
        db.close();
      }),
      { numRuns: 60 },
    );
  });

  it('puts a play in the Hanoi day and month it started in', () => {
    const db = freshDb();
    const plays = new PlayRepo(db);
    // 23:59:59 on 31/01 in Hanoi is still January there (16:59:59 UTC).
    const late = { ...toPlay({ id: 'play-late-jan', screen: 's_a', itemId: 'c_one', theme: 3, tier: 'normal', startedAt: Date.parse('2026-01-31T23:59:59+07:00'), durationMs: 10_000, completed: true }) };
    const next = { ...late, id: 'play-early-feb', startedAt: '2026-02-01T00:00:00+07:00' };
    plays.insertBatches([{ screenId: 's_a', events: [next, late], receivedAt: TO }]);
    const months = db.prepare<[], { month: number; plays: number }>('SELECT month, plays FROM play_rollup_monthly ORDER BY month').all();
    expect(months).toEqual([{ month: 2026 * 12 + 0, plays: 1 }, { month: 2026 * 12 + 1, plays: 1 }]);
    db.close();
  });
});
