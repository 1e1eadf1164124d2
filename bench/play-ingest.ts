// How many play events per second the hub stores, through the real hub and a database file on
// disk, with synchronous=NORMAL and FULL, writing each `plays` message in its own transaction
// (as before issue 11) or batching all of them into one transaction per flush (hub-writes.ts).
// Not a test: `npx tsx bench/play-ingest.ts [--seconds 8] [--screens 200] [--events 10]`.
// Last line: one JSON object.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlayEvent } from '../playlists/index.ts';
import { toLocalIso } from '../playlists/index.ts';
import { createHub } from '../server/app.ts';
import { seedDemo } from '../server/seed/bootstrap.ts';
import { manualClock } from '../server/clock.ts';
import { openDatabase } from '../server/db/connection.ts';
import { hashToken } from '../server/ids.ts';
import { createServices } from '../server/services.ts';
import { helloFrame, openSocket } from '../server/testing/helpers.ts';

const arg = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || fallback;
const SECONDS = arg('seconds', 8);
const SCREENS = arg('screens', 200);
const EVENTS = arg('events', 10);

interface Mode {
  name: string;
  synchronous: 'NORMAL' | 'FULL';
  /** 0: each message in its own transaction; otherwise the hub's batching delay. */
  playsFlushMs: number;
}

const MODES: Mode[] = [
  { name: 'normalPerMessage', synchronous: 'NORMAL', playsFlushMs: 0 },
  { name: 'fullPerMessage', synchronous: 'FULL', playsFlushMs: 0 },
  { name: 'fullBatched', synchronous: 'FULL', playsFlushMs: 500 },
  { name: 'normalBatched', synchronous: 'NORMAL', playsFlushMs: 500 },
];

/** The published item the events name, so the play guard (hub/play-guard.ts) accepts them. */
interface Played { itemId: string; itemRevision: number; theme: number; durationMs: number }

const play = (id: string, item: Played, startedAt: number): PlayEvent => ({
  id, itemId: item.itemId, itemRevision: item.itemRevision, playlistId: null, scheduleId: null, tier: 'fallback', theme: item.theme as PlayEvent['theme'],
  startedAt: toLocalIso(startedAt), durationMs: item.durationMs, completed: true,
});

async function run(mode: Mode): Promise<{ eventsPerSec: number; acked: number; stored: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bangtin-play-bench-'));
  try {
    const db = openDatabase(join(dir, 'bangtin.db'));
    db.pragma(`synchronous = ${mode.synchronous}`);
    const clock = manualClock(Date.parse('2026-11-26T09:00:00+07:00'));
    const services = createServices(db, clock, { mediaDir: join(dir, 'media') });
    // Published demo content: events name a real item, played back to back on server time.
    await seedDemo(services);
    const first = services.revisions.latest().snapshot.items[0]!;
    const item: Played = { itemId: first.id, itemRevision: first.revision, theme: first.theme, durationMs: first.durationMs };
    const hub = createHub(services, { playsFlushMs: mode.playsFlushMs });
    const players = Array.from({ length: SCREENS }, (_, i) => {
      const token = `bench-screen-token-${String(i).padStart(6, '0')}`;
      services.screens.insert({ id: `s_bench${i}`, name: `Bench ${i}`, ward: null, locationKind: 'park', tags: [] }, hashToken(token), clock.now());
      const player = openSocket(hub);
      player.send(helloFrame(token));
      return player;
    });
    let n = 0;
    const started = performance.now();
    const end = started + SECONDS * 1000;
    while (performance.now() < end) {
      // Each round of messages covers the next EVENTS plays of every screen; the clock moves past them.
      const from = clock.now();
      clock.advance(EVENTS * item.durationMs);
      for (const player of players) {
        const events = Array.from({ length: EVENTS }, (_, k) => play(`bench-${String(n++).padStart(10, '0')}`, item, from + k * item.durationMs));
        player.send({ type: 'plays', events });
      }
      // Lets the batching timer run, as the event loop does between socket reads.
      await new Promise((r) => setImmediate(r));
    }
    hub.stop();
    const elapsed = (performance.now() - started) / 1000;
    const stored = services.plays.count();
    const acked = players.reduce((sum, p) => sum + p.socket.messages.filter((m) => m.type === 'playsAck').reduce((s, m) => s + (m.type === 'playsAck' ? m.ids.length : 0), 0), 0);
    db.close();
    return { eventsPerSec: Math.round(stored / elapsed), acked, stored };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const results: Record<string, number> = {};
for (const mode of MODES) {
  const r = await run(mode);
  console.log(`${mode.name}: ${r.eventsPerSec} events/s stored (${r.stored} stored, ${r.acked} acknowledged; synchronous=${mode.synchronous}, ${mode.playsFlushMs ? `one transaction per ${mode.playsFlushMs} ms flush` : 'one transaction per message'})`);
  results[`${mode.name}EventsPerSec`] = r.eventsPerSec;
}
console.log(JSON.stringify({ seconds: SECONDS, screens: SCREENS, eventsPerMessage: EVENTS, ...results }));
