/**
 * Play ingest at city scale, for bench/reconnect-storm.ts: PLAY_SCREENS screens (5,000, or every
 * screen of a smaller run) each flush a backlog of queued plays — what a screen records over the
 * minutes it was offline, walked with the real resolver (bench/storm-generator.ts) — as the real
 * player does (player/play-sender.ts: one `plays` batch in flight, dropped on `playsAck`), each
 * starting at a random moment within SPREAD_MS, as screens come back one after the other; a
 * tenth of them sends its batch twice (an ack lost with the link). Meanwhile an edit is
 * published to every screen, and its publish→ack is timed under the ingest.
 *
 * The server's CPU time over the ingest (process.cpuUsage, from its BENCH_STATS line) divided by
 * the wall time gives `ingestCpuShare`; the stored rows are counted in the database afterwards:
 * each event sent must be stored exactly once (`playsStored` = `playsSent`).
 *
 * The play guard (server/hub/play-guard.ts) allows 10 events/s per screen with a burst of 6,000:
 * 5,000 screens may send 50,000 events/s sustained, so 20,000/s needs no loosening. What bounds a
 * backlog is the time it covers: plays of one zone may not overlap, must start after their
 * item's publish minus the clock tolerance (5 min) and end before now plus 5 min — here
 * EVENTS_PER_SCREEN plays of the demo rotation, starting 4½ minutes ago.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Api } from './bangtin-target.ts';
import type { Generator } from './generator.ts';
import { log, sleep } from './processes.ts';
import { round, summarize, wallNow } from './stats.ts';

export const PLAY_SCREENS = 5_000;
export const EVENTS_PER_SCREEN = 50;
export const SPREAD_MS = 10_000;
const RESEND_SHARE = 0.1;
const PUBLISH_ROUND = 1_000;

export interface ServerStats {
  loopDelayP99Ms: number;
  cpuUserMs: number;
  cpuSystemMs: number;
}

export interface IngestContext {
  gens: Generator[];
  /** Players per generator, in order. */
  playersPerGen: number[];
  api: Api;
  /** Signals the server for its stats line (server/bench-stats.ts). */
  stats(): Promise<ServerStats>;
  dataDir: string;
}

/** Every generator's `current` answer of `round`; one that does not finish within `budget` is asked to report. */
export function collectCurrent(gens: Generator[], round: number, budget: number) {
  return Promise.all(
    gens.map(async (g) => {
      const r = await g.nextOf('current', (m) => m.round === round, budget);
      if (r) return r;
      g.send({ cmd: 'stormReport', round });
      return g.nextOf('current', (m) => m.round === round, 10_000);
    }),
  );
}

export async function expectRound(gens: Generator[], round: number, mode: 'newVersion' | 'reconnect'): Promise<void> {
  gens.forEach((g) => g.send({ cmd: 'expect', round, mode }));
  const armed = await Promise.all(gens.map((g) => g.nextOf('expecting', (m) => m.round === round, 10_000)));
  if (armed.some((a) => !a)) throw new Error(`storm: a generator did not confirm round ${round}`);
}

/** Edits the slogan and publishes, as bench/bangtin-target.ts does for its rounds. */
async function editAndPublish(api: Api): Promise<number> {
  const list = (await api.expect('GET', '/api/content', 200)) as { items: { item: Record<string, unknown> & { id: string; kind: string } }[] };
  const slogan = list.items.find((e) => e.item.kind === 'slogan');
  if (!slogan) throw new Error('no slogan item in /api/content');
  const { id, ...fields } = slogan.item;
  await api.expect('PUT', `/api/content/${id}`, 200, { ...fields, text: `Edit under ingest, ${new Date().toISOString()}` });
  const t0 = wallNow();
  await api.expect('POST', '/api/publish', 201);
  return t0;
}

export async function runIngest(ctx: IngestContext): Promise<Record<string, unknown>> {
  const total = ctx.playersPerGen.reduce((a, b) => a + b, 0);
  const screens = Math.min(PLAY_SCREENS, total);
  // The same share of each generator's players.
  let left = screens;
  const shares = ctx.playersPerGen.map((n, i) => {
    const share = i === ctx.playersPerGen.length - 1 ? left : Math.min(n, Math.round((screens * n) / total));
    left -= share;
    return share;
  });
  const since = Date.now() - 4.5 * 60_000;
  const before = await ctx.stats();
  const t0 = wallNow();
  ctx.gens.forEach((g, i) =>
    g.send({ cmd: 'plays', screens: shares[i]!, events: EVENTS_PER_SCREEN, since, spreadMs: SPREAD_MS, resendShare: RESEND_SHARE, timeoutMs: 60_000 }),
  );
  const done = Promise.all(ctx.gens.map((g) => g.next('playsDone', 90_000)));

  // A publish a third of the way in: publish→ack of every screen while the plays pour in.
  await sleep(SPREAD_MS / 3);
  await expectRound(ctx.gens, PUBLISH_ROUND, 'newVersion');
  const publishedAt = await editAndPublish(ctx.api);
  const current = await collectCurrent(ctx.gens, PUBLISH_ROUND, 60_000);
  const latencies = current.flatMap((r) => r?.times.map((t) => t - publishedAt) ?? []);
  const fanout = summarize(latencies);
  const fanoutMissing = current.reduce((n, r, i) => n + (r ? r.missing : ctx.playersPerGen[i]!), 0);

  const results = await done;
  const t1 = wallNow();
  const after = await ctx.stats();
  if (results.some((r) => !r)) throw new Error('storm: a generator did not finish its plays');
  const rs = results.map((r) => r!);
  const sent = rs.reduce((n, r) => n + r.sent, 0);
  const acked = rs.reduce((n, r) => n + r.acked, 0);
  const resent = rs.reduce((n, r) => n + r.resent, 0);
  const short = rs.reduce((n, r) => n + r.short, 0);
  const firstSentAt = Math.min(...rs.map((r) => r.firstSentAt).filter((t) => t > 0));
  const lastAckAt = Math.max(...rs.map((r) => r.lastAckAt));

  const db = new Database(join(ctx.dataDir, 'bangtin.db'), { readonly: true, fileMustExist: true });
  let stored = 0;
  try {
    const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM play_events WHERE id LIKE ?');
    for (const r of rs) stored += count.get(`${r.idPrefix}-%`)!.n;
  } finally {
    db.close();
  }
  const cpuMs = after.cpuUserMs + after.cpuSystemMs - before.cpuUserMs - before.cpuSystemMs;
  const wallMs = t1 - t0;
  const figures = {
    playScreens: screens,
    playsSent: sent,
    playsResent: resent,
    playsAcked: acked,
    playsStored: stored,
    playsExactlyOnce: stored === sent && acked === sent,
    playEventsPerSec: Math.round(stored / ((lastAckAt - firstSentAt) / 1000)),
    ingestCpuShare: round(cpuMs / wallMs, 2),
    ingestCpuMs: cpuMs,
    // Per event received (resent ones included): what the machine's other work does not inflate.
    ingestCpuUsPerEvent: round((cpuMs * 1000) / (sent + resent), 1),
    ingestWallMs: Math.round(wallMs),
    ingestLoopDelayP99Ms: after.loopDelayP99Ms,
    fanoutUnderIngestP50Ms: fanout.p50Ms,
    fanoutUnderIngestP99Ms: fanout.p99Ms,
    fanoutUnderIngestMissing: fanoutMissing,
    ...(short ? { playsShortScreens: short } : {}),
  };
  log(
    `ingest: ${screens} screens sent ${sent} plays (+${resent} resent), ${acked} acked, ${stored} stored; ` +
      `${figures.playEventsPerSec} events/s over ${((lastAckAt - firstSentAt) / 1000).toFixed(1)} s; server CPU ${cpuMs} ms in ${(wallMs / 1000).toFixed(1)} s ` +
      `(${figures.ingestCpuShare} of a core); publish under ingest: p50 ${fanout.p50Ms} ms, p99 ${fanout.p99Ms} ms, ${fanoutMissing} missing`,
  );
  return figures;
}
