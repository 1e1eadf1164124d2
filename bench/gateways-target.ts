/**
 * `npm run bench -- --gateways G --screens N` (bench/fanout.ts): bangtin scaled out (issue 16,
 * README "Scaling out") as a bench target, against the bare `ws` floor over as many processes.
 *
 * A redis-server of its own on a free port (server/testing/redis.ts), the control server
 * (`server/main.ts` with BANGTIN_REDIS_URL: admin API, SQLite, publishing) and G gateway
 * processes (`server/gateway/main.ts`, as `npm run gateway`). Each load generator connects its
 * screens to one gateway, so each gateway holds N/G of them. The same publish→ack rounds and
 * emergency→shown round as the single-process run (measure.ts), through control's real API.
 * Then G bare `ws` processes (bare-ws-server.ts) with N/G screens each: the floor at the same scale.
 *
 * Also read: the Redis hop (each gateway stamps the time from control's announce to the entry
 * in hand, `redisHopMs` in its BANGTIN_BENCH_STATS line: `redisHopP50Ms`), the gateways' and
 * control's event-loop delay, and presence at scale: GET /api/screens on control must count
 * every connected screen online (`onlineCounted`, read before each round), and what renewing
 * and reading presence costs (`presenceRenewP99Ms` on the gateways, `presenceReadP99Ms` on control).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { BENCH_STATS_PREFIX } from '../server/bench-stats.ts';
import { TestRedis } from '../server/testing/redis.ts';
import { Api, DASHBOARD_PAGE, editSlogan, emergencyApi, linesStartingWith, type SeededData } from './bangtin-target.ts';
import { bareKeys, emergencyKeys, measure, type PhaseResult, type Target } from './measure.ts';
import type { Options } from './options.ts';
import { ROOT, cpuProfileArgs, freePort, log, procLimitOpenFiles, sleep, spawnNode, stop, waitForLine } from './processes.ts';
import { round, summarize, wallNow } from './stats.ts';

interface Stats {
  loopDelayP99Ms: number;
  samples?: Record<string, number[]>;
}

interface Process {
  child: ChildProcess;
  base: string;
  ws: string;
  stats: { next(timeoutMs: number): Promise<string> } | null;
}

/** Generator `i` of `k` connects to process `floor(i·G/k)`: contiguous slices, N/G screens each. */
const spread = (procs: Process[]) => (i: number, k: number) => procs[Math.floor((i * procs.length) / k)]!.ws;

const loadAvg = () => loadavg().map((l) => round(l, 2));

async function startNode(name: string, script: string, env: Record<string, string>, ready: RegExp, stats: boolean): Promise<Process> {
  const port = await freePort();
  // BANGTIN_BENCH_CPU_PROF=DIR: each bangtin process writes a V8 CPU profile into DIR when it stops.
  const profile = stats ? cpuProfileArgs('BANGTIN_BENCH_CPU_PROF', name) : [];
  const child = spawnNode([...profile, '--import', 'tsx', join(ROOT, script)], { PORT: String(port), HOST: '127.0.0.1', ...env, ...(stats ? { BANGTIN_BENCH_STATS: '1' } : {}) }, false);
  const lines = stats ? linesStartingWith(child, BENCH_STATS_PREFIX) : null;
  await waitForLine(child, name, ready, 60_000);
  log(`${name}: pid ${child.pid} on 127.0.0.1:${port}, open-file limit (soft): ${procLimitOpenFiles(child.pid!)}`);
  return { child, base: `http://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${port}/ws/player`, stats: lines };
}

/** SIGUSR2 to each, and the stats line each prints (server/bench-stats.ts). */
async function statsOf(procs: Process[]): Promise<Stats[]> {
  return Promise.all(
    procs.map(async (p) => {
      const line = p.stats!.next(10_000);
      p.child.kill('SIGUSR2');
      return JSON.parse(await line) as Stats;
    }),
  );
}

/** Waits until every gateway's /healthz knows `screens` screens and holds a published state. */
async function gatewaysReady(gateways: Process[], screens: number): Promise<void> {
  const deadline = wallNow() + 120_000;
  for (;;) {
    const health = await Promise.all(gateways.map(async (g) => (await (await fetch(`${g.base}/healthz`)).json()) as { screensKnown: number; revision: number }));
    if (health.every((h) => h.screensKnown >= screens && h.revision >= 0)) return;
    if (wallNow() > deadline) throw new Error(`gateways did not learn the ${screens} screens within 120 s: ${JSON.stringify(health)}`);
    await sleep(250);
  }
}

export async function runGateways(data: SeededData, opts: Options) {
  const redis = await TestRedis.start();
  // Whatever ends the bench (a failure's process.exit too) ends its Redis.
  const killRedis = () => {
    if (redis.pid) process.kill(redis.pid, 'SIGKILL');
  };
  process.once('exit', killRedis);
  log(`redis-server: pid ${redis.pid} on ${redis.url}`);
  const password = randomBytes(12).toString('base64url');
  const procs: Process[] = [];
  try {
    const control = await startNode('control', 'server/main.ts', { BANGTIN_DATA_DIR: data.dir, BANGTIN_ADMIN_PASSWORD: password, BANGTIN_REDIS_URL: redis.url }, /^Demo player: /, true);
    procs.push(control);
    const gateways: Process[] = [];
    for (let i = 1; i <= opts.gateways; i++) {
      const gateway = await startNode(`gateway g${i}`, 'server/gateway/main.ts', { BANGTIN_REDIS_URL: redis.url, BANGTIN_GATEWAY_ID: `g${i}` }, /listening on/, true);
      gateways.push(gateway);
      procs.push(gateway);
    }
    const t0 = wallNow();
    await gatewaysReady(gateways, data.tokens.length);
    log(`gateways: every one knows the ${data.tokens.length} screens (${((wallNow() - t0) / 1000).toFixed(1)} s)`);

    const api = new Api(control.base);
    const adminServerMs: number[] = [];
    const redisHopMs: number[] = [];
    const presenceRenewMs: number[] = [];
    const presenceReadMs: number[] = [];
    let controlLoopDelayP99Ms = 0;
    let emergencyLoopDelayP99Ms = Number.NaN;
    const onlineCounted: number[] = [];
    /** One stats line of each process: the gateways' hop samples kept; their loop delay answered. */
    const collect = async () => {
      const [, ...theirs] = await statsOf([control, ...gateways]);
      for (const s of theirs) redisHopMs.push(...(s.samples?.redisHopMs ?? []));
      return Math.max(...theirs.map((s) => s.loopDelayP99Ms));
    };
    const revisions = async () => Promise.all(gateways.map(async (g) => ((await (await fetch(`${g.base}/healthz`)).json()) as { revision: number }).revision));
    const emergency = emergencyApi(api);
    const target: Target = {
      name: `bangtin over ${opts.gateways} gateway(s)`,
      wsUrl: gateways[0]!.ws,
      wsUrlFor: spread(gateways),
      httpBase: control.base,
      pid: control.child.pid!,
      pids: gateways.map((g) => g.child.pid!),
      prepare: async (r) => {
        await editSlogan(api, password, r);
        // Presence at scale: control counts every screen the gateways hold online (the dashboard's counts).
        const page = (await api.expect('GET', '/api/screens?offset=0&limit=1&status=all', 200)) as { counts: { online: number } };
        onlineCounted.push(page.counts.online);
        log(`control counts ${page.counts.online} screens online (GET /api/screens), before round ${r}`);
      },
      publish: async () => {
        await api.expect('POST', '/api/publish', 201);
      },
      // The emergency round is bracketed by stats lines of its own, and its cancel's announce is
      // read once every gateway holds it: the stats line after the run would also hold the
      // 20,000 sockets closing (seconds of a gateway's loop that are the bench's, not the emergency's).
      emergency: {
        send: async () => {
          await collect();
          return emergency.send();
        },
        receipts: async (scheduleId, expected) => {
          const stored = await emergency.receipts(scheduleId, expected);
          emergencyLoopDelayP99Ms = await collect();
          return stored;
        },
        cancel: async (scheduleId) => {
          const before = await revisions();
          await emergency.cancel(scheduleId);
          const deadline = wallNow() + 10_000;
          while (!(await revisions()).every((r, i) => r !== before[i]) && wallNow() < deadline) await sleep(100);
          await collect();
        },
      },
      loopStats: async () => {
        const [own, ...theirs] = await statsOf([control, ...gateways]);
        controlLoopDelayP99Ms = Math.max(controlLoopDelayP99Ms, own!.loopDelayP99Ms);
        presenceReadMs.push(...(own!.samples?.presenceReadMs ?? []));
        for (const s of theirs) {
          redisHopMs.push(...(s.samples?.redisHopMs ?? []));
          presenceRenewMs.push(...(s.samples?.presenceRenewMs ?? []));
        }
        return { loopDelayP99Ms: Math.max(...theirs.map((s) => s.loopDelayP99Ms)) };
      },
      adminProbe: async () => {
        const start = wallNow();
        await api.expect('GET', DASHBOARD_PAGE, 200);
        if (api.serverMs !== null) adminServerMs.push(api.serverMs);
        return wallNow() - start;
      },
    };
    const result = await measure(target, data.tokens, opts);
    return { ...result, adminServerMs, redisHopMs, presenceRenewMs, presenceReadMs, controlLoopDelayP99Ms, emergencyLoopDelayP99Ms, onlineCounted };
  } finally {
    for (const p of procs.reverse()) await stop(p.child, 'bench process');
    await redis.stop();
    process.off('exit', killRedis);
  }
}

/** The bare `ws` floor over `count` processes, N/count screens each, the same frames. */
export async function runBareProcesses(dir: string, frames: Record<string, string>, tokens: string[], opts: Options, count: number): Promise<PhaseResult> {
  const framesFile = join(dir, 'bare-frames.json');
  writeFileSync(framesFile, JSON.stringify(frames));
  const procs: Process[] = [];
  try {
    for (let i = 1; i <= count; i++) procs.push(await startNode(`bare ws ${i}`, 'bench/bare-ws-server.ts', { BARE_FRAMES: framesFile }, /^Bare ws listening on /, false));
    return await measure(
      {
        name: `bare ws over ${count} process(es)`,
        wsUrl: procs[0]!.ws,
        wsUrlFor: spread(procs),
        httpBase: procs[0]!.base,
        pid: procs[0]!.child.pid!,
        pids: procs.map((p) => p.child.pid!),
        prepare: async () => {
          await Promise.all(procs.map((p) => fetch(`${p.base}/healthz`).then((r) => r.text())));
        },
        publish: async () => {
          await Promise.all(
            procs.map(async (p) => {
              const res = await fetch(`${p.base}/publish`, { method: 'POST' });
              await res.text();
              if (res.status !== 201) throw new Error(`bare ws publish answered ${res.status}`);
            }),
          );
        },
      },
      tokens,
      opts,
    );
  } finally {
    for (const p of procs) await stop(p.child, 'bare ws server');
  }
}

/** The whole `--gateways` run: bangtin over gateways, then the bare floor; the last line's JSON and whether it passed. */
export async function gatewayBench(data: SeededData, opts: Options): Promise<{ report: Record<string, unknown>; ok: boolean }> {
  const loadBefore = loadAvg();
  const bangtin = await runGateways(data, opts);
  const samples = bangtin.samples;
  if (!samples?.welcome || !samples.screen || !samples.manifest) throw new Error('could not capture bangtin frames for the bare ws reference');
  const frames = { welcome: samples.welcome, screen: samples.screen, manifest: samples.manifest, nextManifest: bangtin.newManifest ?? samples.manifest };
  const bare = await runBareProcesses(data.dir, frames, data.tokens, opts, opts.gateways);
  const emergency = bangtin.emergency;
  if (!emergency) throw new Error('bangtin: the emergency was not measured');
  const hop = summarize(bangtin.redisHopMs);
  const report = {
    screens: opts.screens,
    gateways: opts.gateways,
    p50Ms: bangtin.p50Ms,
    p99Ms: bangtin.p99Ms,
    maxMs: bangtin.maxMs,
    rssPerConnectionKb: round(bangtin.rssPerConnectionKb),
    bareWs: { processes: opts.gateways, ...bareKeys(bare) },
    p99VsBareWs: round(bangtin.p99Ms / bare.p99Ms, 2),
    rssVsBareWs: round(bangtin.rssPerConnectionKb / bare.rssPerConnectionKb, 2),
    // Control's announce → the entry in a gateway's hands (frames fetched), over every announce and gateway.
    redisHopP50Ms: hop.p50Ms,
    redisHopP99Ms: hop.p99Ms,
    redisHopSamples: hop.count,
    redisHopMs: bangtin.redisHopMs.map((ms) => round(ms)),
    redisHopShareOfP50: round(hop.p50Ms / bangtin.p50Ms, 3),
    deltaBytes: bangtin.patchBytes,
    fullBytes: Buffer.byteLength(frames.nextManifest),
    roundsFrames: bangtin.rounds.map((r) => r.frames),
    loopDelayP99Ms: Math.max(...bangtin.rounds.map((r) => r.loopDelayP99Ms)),
    // The gateways' loop delay from the emergency's POST to its receipts stored (the worst gateway).
    emergencyLoopDelayP99Ms: bangtin.emergencyLoopDelayP99Ms,
    controlLoopDelayP99Ms: bangtin.controlLoopDelayP99Ms,
    adminDuringFanoutP99Ms: summarize(bangtin.rounds.flatMap((r) => r.adminMs)).p99Ms,
    adminServerP99Ms: summarize(bangtin.adminServerMs).p99Ms,
    ...emergencyKeys(emergency, bare.p99Ms),
    // Presence at scale: screens control counts online before each round, and what presence costs.
    onlineCounted: bangtin.onlineCounted,
    presenceRenewP99Ms: summarize(bangtin.presenceRenewMs).p99Ms,
    presenceReadP99Ms: summarize(bangtin.presenceReadMs).p99Ms,
    rounds: opts.rounds,
    roundsP99Ms: bangtin.rounds.map((r) => r.p99Ms),
    connectMs: Math.round(bangtin.connectMs),
    connected: bangtin.connected,
    acked: bangtin.count,
    missing: bangtin.missing,
    connectFailures: bangtin.failed,
    publishRequestMs: round(bangtin.publishRequestMs),
    manifestBytes: bangtin.manifestBytes,
    generators: opts.generators,
    loadAvgBefore: loadBefore,
    loadAvgAfter: loadAvg(),
  };
  const emergencyIncomplete = emergency.missing > 0 || emergency.otherSchedule > 0 || emergency.acked < bangtin.connected || emergency.receipts < emergency.count;
  const allOnline = bangtin.onlineCounted.every((n) => n >= bangtin.connected);
  return { report, ok: !(bangtin.missing || bare.missing || bangtin.failed || bare.failed || emergencyIncomplete || !allOnline) };
}
