/**
 * One measured fan-out against one target (bangtin or the bare ws reference): start the load
 * generators, connect every screen, then R publish→ack rounds and — where the target can send
 * one — an emergency publish→shown round.
 */
import type { ChildMessage, Samples } from './generator-protocol.ts';
import { Generator } from './generator.ts';
import type { Options } from './options.ts';
import { log, rssKb, sleep } from './processes.ts';
import { round, summarize, wallNow, type Summary } from './stats.ts';

/** An emergency through the target's API: send, read the stored receipts, cancel. */
export interface EmergencyApi {
  /** Sends an emergency to every screen; resolves with its schedule id once the server answered. */
  send(): Promise<string>;
  /** Screens the server holds a receipt for, waiting (within reason) until there are `expected`. */
  receipts(scheduleId: string, expected: number): Promise<number>;
  /** Ends the emergency on every screen. */
  cancel(scheduleId: string): Promise<void>;
}

export interface Target {
  name: string;
  wsUrl: string;
  /** Where generator `i` of `k` connects its screens, when not all to `wsUrl` (gateways). */
  wsUrlFor?: (i: number, k: number) => string;
  httpBase: string;
  pid: number;
  /** Every process that holds sockets, when not only `pid` (their RSS is added up). */
  pids?: number[];
  /** Everything before publish request `round` (signing in, editing). */
  prepare(round: number): Promise<void>;
  /** Sends the publish request; resolves once the server answered. */
  publish(): Promise<void>;
  /** Present where publish→shown of an emergency is measured (bangtin). */
  emergency?: EmergencyApi;
  /** The server's event-loop delay since the last call (bangtin, BANGTIN_BENCH_STATS). */
  loopStats?: () => Promise<{ loopDelayP99Ms: number }>;
  /** One admin request timed while the fan-out goes out (bangtin: the dashboard's GET /api/screens page), in ms. */
  adminProbe?: () => Promise<number>;
}

/**
 * Admin requests go back to back (the next as soon as the previous answered, after a timer's
 * turn), so the admin rounds time enough of them for a p99: a dashboard's pace (one every 100 ms)
 * in one round timed 3 in a whole run.
 */
const PROBE_GAP_MS = 0;

/**
 * Publish rounds with admin requests going, after the R rounds that time the fan-out alone (as
 * the bare server, which has no admin API, is timed): they give `adminDuringFanoutP99Ms` and
 * their loop delay, and their publish→ack times are reported apart (`adminRoundsP99Ms`).
 */
const ADMIN_ROUNDS = 3;

/** Runs `probe` again and again, PROBE_GAP_MS apart, until stopped; answers the times it took. */
function probing(probe: (() => Promise<number>) | undefined): () => Promise<number[]> {
  if (!probe) return async () => [];
  const times: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      times.push(await probe());
      if (!stopped) await sleep(PROBE_GAP_MS);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return times;
  };
}

export interface RoundResult extends Summary {
  /** Connected screens that did not ack this round's manifest. */
  missing: number;
  publishRequestMs: number;
  /** The server's event-loop delay p99 during the round (NaN where not measured). */
  loopDelayP99Ms: number;
  /** Admin requests timed during the round. */
  adminMs: number[];
  /** Frames the screens got in the round, by kind, and resyncs they asked for (playlists/PROTOCOL.md). */
  frames: { manifest: number; patch: number; resync: number };
  /** The largest patch frame of the round, in bytes (null: no patch). */
  patchBytes: number | null;
}

/** Publish→`shown` of one emergency: p50/p99/max over the screens that sent `shown`. */
export interface EmergencyResult extends Summary {
  scheduleId: string;
  /** Screens that acked the emergency's manifest. */
  acked: number;
  /** Connected screens that sent no `shown` for it. */
  missing: number;
  /** `shown` messages that named another schedule (none expected). */
  otherSchedule: number;
  /** Receipts the server stored for it, read back through its API. */
  receipts: number;
  requestMs: number;
}

/** The last line's `bareWs` keys (bench/fanout.ts): the floor the run is set against. */
export function bareKeys(bare: PhaseResult) {
  return {
    p50Ms: bare.p50Ms,
    p99Ms: bare.p99Ms,
    maxMs: bare.maxMs,
    rssPerConnectionKb: round(bare.rssPerConnectionKb),
    connectMs: Math.round(bare.connectMs),
    acked: bare.count,
    missing: bare.missing,
    roundsP99Ms: bare.rounds.map((r) => r.p99Ms),
  };
}

/** The last line's emergency keys (bench/fanout.ts), its p99 set against the bare-ws floor's. */
export function emergencyKeys(emergency: EmergencyResult, bareP99Ms: number) {
  return {
    emergencyP50Ms: emergency.p50Ms,
    emergencyP99Ms: emergency.p99Ms,
    emergencyMaxMs: emergency.maxMs,
    emergencyShown: emergency.count,
    emergencyAcked: emergency.acked,
    emergencyMissing: emergency.missing,
    emergencyReceipts: emergency.receipts,
    emergencyRequestMs: round(emergency.requestMs),
    emergencyP99VsBareWs: round(emergency.p99Ms / bareP99Ms, 2),
  };
}

/** One target's figures: p50/p99/max and publishRequestMs are those of the median-p99 round. */
export interface PhaseResult extends RoundResult {
  rounds: RoundResult[];
  /** The publish rounds with admin requests going (after `rounds`; none where the target has no admin API). */
  adminRounds: RoundResult[];
  connected: number;
  failed: number;
  connectErrors: Record<string, number>;
  connectMs: number;
  closedAfterConnect: Record<string, number>;
  rssBeforeKb: number;
  rssAfterKb: number;
  rssPerConnectionKb: number;
  samples: Samples | null;
  manifestBytes: number | null;
  newManifest: string | null;
  emergency: EmergencyResult | null;
}

type Result = Extract<ChildMessage, { type: 'result' }>;

function merge(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

/** Every generator's result of `round`; one that does not finish within `budget` is asked to report. */
function collect(gens: Generator[], round: number, budget: number): Promise<(Result | null)[]> {
  return Promise.all(
    gens.map(async (g) => {
      const r = await g.nextOf('result', (m) => m.round === round, budget);
      if (r) return r;
      g.send({ cmd: 'report' });
      return g.nextOf('result', (m) => m.round === round, 10_000);
    }),
  );
}

/** Every generator confirms the round before the request, so no ack can precede its `arm`. */
async function arm(target: Target, gens: Generator[], round: number, shown: boolean): Promise<void> {
  gens.forEach((g) => g.send({ cmd: 'arm', round, shown }));
  const armed = await Promise.all(gens.map((g) => g.nextOf('armed', (m) => m.round === round, 10_000)));
  if (armed.some((a) => !a)) throw new Error(`${target.name}: a load generator did not confirm round ${round}`);
}

export async function measure(target: Target, tokens: string[], opts: Options): Promise<PhaseResult> {
  const n = tokens.length;
  await sleep(1_000);
  const rss = () => (target.pids ?? [target.pid]).reduce((sum, pid) => sum + rssKb(pid), 0);
  const rssBeforeKb = rss();
  log(`${target.name}: idle RSS ${(rssBeforeKb / 1024).toFixed(1)} MB; starting ${opts.generators} load generator(s)`);

  const gens = Array.from({ length: opts.generators }, (_, i) => new Generator(i));
  try {
    for (const g of gens) {
      const ready = await g.next('ready', 30_000);
      if (!ready) throw new Error(`load generator ${g.index} did not start`);
      if (g.index === 0) log(`load generator open-file limit (soft): ${ready.openFilesSoft}`);
    }

    // Contiguous slices: generator i gets screens [i*per, (i+1)*per).
    const per = Math.ceil(n / gens.length);
    const connectStart = wallNow();
    gens.forEach((g, i) =>
      g.send({
        cmd: 'connect',
        url: target.wsUrlFor?.(i, gens.length) ?? target.wsUrl,
        tokens: tokens.slice(i * per, (i + 1) * per),
        concurrency: opts.concurrency,
        attemptTimeoutMs: 30_000,
        sample: i === 0,
      }),
    );
    const connectBudget = 20_000 + 10 * n;
    const ticker = setInterval(() => {
      const c = gens.reduce((s, g) => s + g.progress.connected, 0);
      const f = gens.reduce((s, g) => s + g.progress.failed, 0);
      log(`${target.name}: ${c}/${n} connected${f ? `, ${f} failed` : ''}`);
    }, 2_000);
    const stopTimer = setTimeout(() => {
      log(`${target.name}: connect budget of ${connectBudget / 1000} s ran out; stopping the generators' connecting`);
      for (const g of gens) g.send({ cmd: 'stopConnecting' });
    }, connectBudget);
    const connected = await Promise.all(gens.map((g) => g.next('connected', connectBudget + 60_000)));
    clearTimeout(stopTimer);
    clearInterval(ticker);
    const connectMs = wallNow() - connectStart;

    let connectedCount = 0;
    let failed = 0;
    const connectErrors: Record<string, number> = {};
    connected.forEach((c, i) => {
      if (!c) throw new Error(`load generator ${i} did not finish connecting`);
      connectedCount += c.connected;
      failed += c.failed;
      merge(connectErrors, c.errors);
    });
    const first = connected[0]!;
    log(
      `${target.name}: ${connectedCount}/${n} connected in ${(connectMs / 1000).toFixed(1)} s` +
        (failed ? `; ${failed} failed: ${JSON.stringify(connectErrors)}` : '') +
        (first.manifestBytes ? `; manifest frame ${first.manifestBytes} bytes` : ''),
    );
    if (connectedCount === 0) throw new Error(`${target.name}: no screen connected (${JSON.stringify(connectErrors)})`);
    try {
      const health = (await (await fetch(`${target.httpBase}/healthz`)).json()) as { connectedScreens?: number };
      log(`${target.name}: server counts ${health.connectedScreens} connected screens`);
    } catch (err) {
      log(`${target.name}: /healthz failed: ${(err as Error).message}`);
    }

    await sleep(2_000);
    const rssAfterKb = rss();
    const rssPerConnectionKb = (rssAfterKb - rssBeforeKb) / connectedCount;
    log(`${target.name}: RSS ${(rssAfterKb / 1024).toFixed(1)} MB with sockets, ${rssPerConnectionKb.toFixed(1)} KB per connection`);

    const rounds: RoundResult[] = [];
    const adminRounds: RoundResult[] = [];
    const allRounds = opts.rounds + (target.adminProbe ? ADMIN_ROUNDS : 0);
    let closedAfterConnect: Record<string, number> = {};
    let newManifest: string | null = null;
    const ackBudget = 30_000 + 3 * n;
    for (let round = 1; round <= allRounds; round++) {
      if (round > 1) await sleep(1_000);
      await target.prepare(round);
      await arm(target, gens, round, false);
      await target.loopStats?.();
      const t0 = wallNow();
      // Admin requests in the admin rounds only (ADMIN_ROUNDS).
      const admin = round > opts.rounds;
      const stopProbe = probing(admin ? target.adminProbe : undefined);
      await target.publish();
      const publishRequestMs = wallNow() - t0;

      const results = await collect(gens, round, ackBudget);
      const adminMs = await stopProbe();
      const loopDelayP99Ms = (await target.loopStats?.())?.loopDelayP99Ms ?? Number.NaN;
      const latencies: number[] = [];
      let missing = 0;
      const frames = { manifest: 0, patch: 0, resync: 0 };
      let patchBytes: number | null = null;
      results.forEach((r, i) => {
        if (!r) {
          missing += connected[i]!.connected;
          return;
        }
        for (const t of r.ackTimes) latencies.push(t - t0);
        missing += r.missing;
        for (const k of ['manifest', 'patch', 'resync'] as const) frames[k] += r.frames[k];
        if (r.patchBytes !== null) patchBytes = Math.max(patchBytes ?? 0, r.patchBytes);
        if (round === allRounds) merge(closedAfterConnect, r.closedAfterConnect);
        newManifest ??= r.newManifest;
      });
      const summary = summarize(latencies);
      (admin ? adminRounds : rounds).push({ ...summary, missing, publishRequestMs, loopDelayP99Ms, adminMs, frames, patchBytes });
      log(
        `${target.name} ${admin ? 'admin ' : ''}round ${round}/${allRounds}: publish answered in ${publishRequestMs.toFixed(1)} ms; ` +
          `${latencies.length}/${connectedCount} acked; p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, max ${summary.maxMs} ms` +
          `; frames: ${frames.manifest} whole, ${frames.patch} patches${patchBytes !== null ? ` (${patchBytes} B)` : ''}` +
          (frames.resync ? `, ${frames.resync} resyncs` : '') +
          (missing ? `; ${missing} did NOT ack within ${ackBudget / 1000} s` : '') +
          (target.loopStats ? `; loop delay p99 ${loopDelayP99Ms} ms` : '') +
          (adminMs.length ? `; ${adminMs.length} admin requests, slowest ${Math.max(...adminMs).toFixed(1)} ms` : ''),
      );
    }

    let emergency: EmergencyResult | null = null;
    if (target.emergency) {
      await sleep(1_000);
      const round = allRounds + 1;
      await arm(target, gens, round, true);
      const t0 = wallNow();
      const scheduleId = await target.emergency.send();
      const requestMs = wallNow() - t0;
      const results = await collect(gens, round, ackBudget);
      const latencies: number[] = [];
      let acked = 0;
      let missing = 0;
      let otherSchedule = 0;
      const frames = { manifest: 0, patch: 0, resync: 0 };
      closedAfterConnect = {};
      results.forEach((r, i) => {
        if (!r) {
          missing += connected[i]!.connected;
          return;
        }
        for (const t of r.shownTimes) latencies.push(t - t0);
        acked += r.ackTimes.length;
        missing += r.shownMissing;
        for (const [id, count] of Object.entries(r.shownSchedules)) if (id !== scheduleId) otherSchedule += count;
        for (const k of ['manifest', 'patch', 'resync'] as const) frames[k] += r.frames[k];
        merge(closedAfterConnect, r.closedAfterConnect);
      });
      const summary = summarize(latencies);
      log(
        `${target.name} emergency ${scheduleId}: request answered in ${requestMs.toFixed(1)} ms; ` +
          `${latencies.length}/${connectedCount} shown, ${acked} acked; p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, max ${summary.maxMs} ms` +
          `; frames: ${frames.manifest} whole, ${frames.patch} patches` + (frames.resync ? `, ${frames.resync} resyncs` : '') +
          (missing ? `; ${missing} did NOT show it within ${ackBudget / 1000} s` : '') +
          (otherSchedule ? `; ${otherSchedule} shown for another schedule` : ''),
      );
      const receipts = await target.emergency.receipts(scheduleId, latencies.length);
      log(`${target.name}: the server holds ${receipts} receipt(s) for ${scheduleId}`);
      await target.emergency.cancel(scheduleId);
      log(`${target.name}: emergency ${scheduleId} cancelled`);
      emergency = { ...summary, scheduleId, acked, missing, otherSchedule, receipts, requestMs };
    }

    if (Object.keys(closedAfterConnect).length) log(`${target.name}: sockets closed after connecting: ${JSON.stringify(closedAfterConnect)}`);
    // The round with the median p99 stands for the target: one noisy round cannot decide it.
    const chosen = [...rounds].sort((a, b) => a.p99Ms - b.p99Ms)[Math.floor((rounds.length - 1) / 2)]!;
    return {
      ...chosen,
      rounds,
      adminRounds,
      connected: connectedCount,
      failed,
      connectErrors,
      connectMs,
      missing: [...rounds, ...adminRounds].reduce((s, r) => s + r.missing, 0),
      closedAfterConnect,
      rssBeforeKb,
      rssAfterKb,
      rssPerConnectionKb,
      samples: first.samples,
      manifestBytes: first.manifestBytes,
      newManifest,
      emergency,
    };
  } finally {
    await Promise.all(gens.map((g) => g.close()));
  }
}
