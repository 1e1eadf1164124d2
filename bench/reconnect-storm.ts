/**
 * The reconnect storm and play ingest (issue 15, items 5 and 6), after the fan-out phases of
 * bench/fanout.ts, on the same data: a bangtin server on its own port, every screen connected
 * through bench/storm-generator.ts (players that reconnect by themselves, with the real player's
 * close rules and full-jitter backoff, player/retry.ts), then:
 *
 * 1. play ingest with a publish under it (bench/ingest-load.ts);
 * 2. the server is killed (SIGKILL: every socket drops at once, nothing is said to the players)
 *    and started again on the same data and port. `reconnectAllCurrentMs` is the time from the
 *    new server's "ready" line (it listens) to the moment the last screen, on a new socket, was
 *    told its version is current (`unchanged` to its hello — or acked a manifest);
 *    `reconnectDowntimeMs` the time from the kill to that line; `reconnectRefused` the sockets
 *    the server turned away for load (close 1013, server/hub/upgrade.ts), `reconnectAttempts` every
 *    connection attempt of the storm (refused ones while the server was down included),
 *    `reconnectServerCpuMs` the new server's CPU time from ready to the last screen current (what
 *    the machine's other work does not inflate) and `reconnectLoopDelayP99Ms` its event-loop delay;
 *    `reconnectFrames` the frames screens got meanwhile, by type (`unchanged`, not `manifest`).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { BENCH_STATS_PREFIX } from '../server/bench-stats.ts';
import { Api, linesStartingWith, spawnBangtinServer, type SeededData } from './bangtin-target.ts';
import { Generator } from './generator.ts';
import { collectCurrent, expectRound, runIngest, type ServerStats } from './ingest-load.ts';
import type { Options } from './options.ts';
import { freePort, log, stop, waitForLine, sleep } from './processes.ts';
import { summarize, wallNow } from './stats.ts';

const STORM_ROUND = 2_000;

interface Server {
  child: ChildProcess;
  /** Wall-clock time at which it printed that it listens. */
  readyAt: number;
  stats(): Promise<ServerStats>;
}

async function startServer(data: SeededData, port: number, password: string): Promise<Server> {
  const child = spawnBangtinServer(data, port, password);
  const lines = linesStartingWith(child, BENCH_STATS_PREFIX);
  await waitForLine(child, 'storm server', /^Demo player: /, 60_000);
  const readyAt = wallNow();
  return {
    child,
    readyAt,
    stats: async () => {
      const line = lines.next(10_000);
      child.kill('SIGUSR2');
      return JSON.parse(await line) as ServerStats;
    },
  };
}

export async function runStorm(data: SeededData, opts: Options): Promise<Record<string, unknown>> {
  const port = await freePort();
  const password = randomBytes(12).toString('base64url');
  let server = await startServer(data, port, password);
  const base = `http://127.0.0.1:${port}`;
  const gens = Array.from({ length: opts.generators }, (_, i) => new Generator(i, 'bench/storm-generator.ts'));
  try {
    const api = new Api(base);
    await api.expect('POST', '/api/session', 200, { username: 'admin', password });
    for (const g of gens) if (!(await g.next('ready', 30_000))) throw new Error(`storm generator ${g.index} did not start`);
    const per = Math.ceil(data.tokens.length / gens.length);
    const slices = gens.map((_, i) => data.tokens.slice(i * per, (i + 1) * per));
    const connectStart = wallNow();
    gens.forEach((g, i) => g.send({ cmd: 'stormConnect', url: `ws://127.0.0.1:${port}/ws/player`, tokens: slices[i]!, concurrency: opts.concurrency, timeoutMs: 30_000 }));
    const connected = await Promise.all(gens.map((g) => g.next('stormConnected', 120_000 + 10 * data.tokens.length)));
    if (connected.some((c) => !c)) throw new Error('storm: a generator did not finish connecting');
    const failed = connected.reduce((n, c) => n + c!.failed, 0);
    log(`storm: ${data.tokens.length - failed}/${data.tokens.length} screens connected in ${((wallNow() - connectStart) / 1000).toFixed(1)} s`);

    const ingest = await runIngest({ gens, playersPerGen: slices.map((s) => s.length), api, stats: () => server.stats(), dataDir: data.dir });

    // The storm: every socket drops at once; the players back off and come back by themselves.
    await expectRound(gens, STORM_ROUND, 'reconnect');
    const killedAt = wallNow();
    // With BANGTIN_BENCH_CPU_PROF the server is stopped with SIGTERM (it closes every socket with
    // 1001, which players treat alike), so it writes its profile of the ingest.
    await stop(server.child, 'storm server', process.env.BANGTIN_BENCH_CPU_PROF ? 'SIGTERM' : 'SIGKILL');
    // A longer outage (--outage): the players' backoff grows to its cap meanwhile.
    if (opts.outageS) {
      log(`storm: the server stays down ${opts.outageS} s`);
      await sleep(opts.outageS * 1_000);
    }
    server = await startServer(data, port, password);
    const downtimeMs = server.readyAt - killedAt;
    const atReady = await server.stats();
    log(`storm: server killed and ready again after ${(downtimeMs / 1000).toFixed(1)} s; waiting for every screen`);
    const current = await collectCurrent(gens, STORM_ROUND, 90_000);
    // The server's own CPU time for the storm: what the machine's other work does not inflate.
    const atEnd = await server.stats();
    const serverCpuMs = atEnd.cpuUserMs + atEnd.cpuSystemMs - atReady.cpuUserMs - atReady.cpuSystemMs;
    const times = current.flatMap((r) => r?.times.map((t) => t - server.readyAt) ?? []);
    const missing = current.reduce((n, r, i) => n + (r ? r.missing : slices[i]!.length), 0);
    const closes: Record<string, number> = {};
    for (const r of current) for (const [code, n] of Object.entries(r?.closes ?? {})) closes[code] = (closes[code] ?? 0) + n;
    const frames: Record<string, number> = {};
    for (const r of current) for (const [type, n] of Object.entries(r?.frames ?? {})) frames[type] = (frames[type] ?? 0) + n;
    const versions = new Set(current.flatMap((r) => Object.keys(r?.versions ?? {})));
    const summary = summarize(times);
    // What the server adds: from the start of the attempt that got through to being current.
    const serve = summarize(current.flatMap((r) => r?.times.map((t, i) => t - r.attemptTimes[i]!) ?? []));
    // What the backoff alone imposes: when the last screen even tried again after the server was ready.
    const lastAttemptMs = Math.max(...current.flatMap((r) => r?.attemptTimes.map((t) => t - server.readyAt) ?? []));
    const figures = {
      reconnectAllCurrentMs: missing ? null : summary.maxMs,
      reconnectP50Ms: summary.p50Ms,
      reconnectP99Ms: summary.p99Ms,
      reconnectMissing: missing,
      reconnectLastAttemptMs: Math.round(lastAttemptMs),
      reconnectServeP99Ms: serve.p99Ms,
      reconnectServeMaxMs: serve.maxMs,
      reconnectDowntimeMs: Math.round(downtimeMs),
      reconnectRefused: closes['1013'] ?? 0,
      reconnectServerCpuMs: serverCpuMs,
      reconnectLoopDelayP99Ms: atEnd.loopDelayP99Ms,
      reconnectAttempts: current.reduce((n, r) => n + (r?.attempts ?? 0), 0),
      reconnectCloses: closes,
      // What the screens got back: `unchanged` for the version they hold, not the whole manifest.
      reconnectFrames: frames,
      reconnectVersions: versions.size,
    };
    log(
      `storm: ${times.length} screens current again, the last ${summary.maxMs} ms after the server was ready (p50 ${summary.p50Ms}, p99 ${summary.p99Ms}); ` +
        `the last attempt that got through started ${Math.round(lastAttemptMs)} ms after it; attempt→current p99 ${serve.p99Ms} ms, max ${serve.maxMs} ms` +
        `; ${missing} missing; ${figures.reconnectAttempts} attempts; closes ${JSON.stringify(closes)}; server CPU ${serverCpuMs} ms`,
    );
    return { stormConnectFailures: failed, ...ingest, ...figures };
  } finally {
    await Promise.all(gens.map((g) => g.close()));
    await stop(server.child, 'storm server');
  }
}
