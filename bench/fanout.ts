/**
 * `npm run bench [-- --screens N] [--generators K] [--concurrency C] [--rounds R] [--storm 0] [--outage S] [--reports 0] [--gateways G]`
 *
 * Publish→ack fan-out: opens N simulated players over loopback (default 1,000), publishes an
 * edit and measures, for every screen, the time from the publish request to the screen's ack of
 * the new manifest; also the server's RSS per connection (idle vs. all sockets connected). In
 * the same run, one after the other, it measures the same fan-out over a bare `ws` server
 * (bench/bare-ws-server.ts), the floor on this machine, and reports bangtin's p99 over the bare
 * p99, a figure that survives a noisy machine.
 *
 * The simulated players ask for manifest patches (playlists/PROTOCOL.md [P4]) as a real player in
 * a secure context does, so a one-item edit reaches bangtin's screens as a patch; `deltaBytes` is
 * that frame's size, `fullBytes` the whole manifest frame it stands for, which is what the bare
 * server sends (`roundsFrames` counts each round's whole manifests, patches and resyncs).
 *
 * Each target gets R publishes (default 3, a second apart, same sockets); its p50/p99/max are
 * those of the round with the median p99, so one burst of noise from elsewhere on the machine
 * does not decide the figure. `roundsP99Ms` lists every round.
 *
 * Then, on bangtin only, an emergency to every screen through the real API (`POST
 * /api/emergencies` as admin): each simulated player applies the manifest that carries it, sends
 * `shown {scheduleId, at}` and its `ack`; `emergencyP50Ms`/`emergencyP99Ms`/`emergencyMaxMs` are
 * shown-send time minus the time just before the POST (DESIGN.md: benchmarks measure
 * publish→`shown` for emergencies). The receipts the server stored are read back through
 * `GET /api/emergencies` (`emergencyReceipts`), and the emergency is cancelled.
 *
 * During each publish round the server's event-loop delay is measured (server/bench-stats.ts,
 * BANGTIN_BENCH_STATS=1: `loopDelayP99Ms`, the worst round). After the R rounds, bangtin gets 3
 * admin rounds, publishes during which the fleet dashboard's page request
 * (GET /api/screens?offset=0&limit=50&status=all) is timed back to back while the fan-out goes
 * out (`adminDuringFanoutP99Ms` over `adminRequests`; their publish→ack p99s `adminRoundsP99Ms`; the server's own time for them, from Server-Timing:
 * `adminServerP99Ms`, and its CPU time, `adminServerCpuP99Ms`, which the machine's other work does not inflate); `rssVsBareWs` is bangtin's RSS
 * per connection over the bare server's.
 *
 * Then (skipped with `--storm 0`) play ingest and the reconnect storm, on bangtin only, against a
 * fresh server on the same data (bench/reconnect-storm.ts, bench/ingest-load.ts, simulated
 * players in bench/storm-generator.ts that reconnect by themselves with the real player's close
 * rules and full-jitter backoff, player/retry.ts; `--outage S` keeps the server down S seconds
 * more before it starts again, so the backoff reaches its cap):
 * - ingest: 5,000 screens (or all of a smaller run) each flush a backlog of 50 plays in one
 *   `plays` batch, starting at random within 10 s, a tenth of them twice (a lost ack); an edit is
 *   published a third of the way in. `playEventsPerSec` (events stored / first batch sent → last
 *   ack), `ingestCpuShare` (server CPU time, process.cpuUsage via BENCH_STATS, over the ingest's
 *   wall time; the publish's fan-out included; `ingestCpuUsPerEvent` the same CPU time per event
 *   received, which a busy machine does not inflate), `playsSent`/`playsResent`/`playsAcked`/
 *   `playsStored` (rows counted in the database; `playsExactlyOnce`), `ingestLoopDelayP99Ms`,
 *   `fanoutUnderIngestP50Ms`/`fanoutUnderIngestP99Ms` (publish→ack of the edit) and
 *   `fanoutUnderIngestVsBareWs` (over the bare ws p99 above).
 * - storm: the server is killed (SIGKILL; SIGTERM when profiling, so it writes its profile) and
 *   started again on the same data and port. `reconnectAllCurrentMs`: from the new server's ready
 *   line to the last screen told on a new socket that its version is current (`unchanged` to its
 *   hello, or a manifest acked; null if some never were); `reconnectP50Ms`/`reconnectP99Ms`;
 *   `reconnectLastAttemptMs`: when the last screen's successful attempt started (what the backoff
 *   alone imposes); `reconnectServeP99Ms`/`reconnectServeMaxMs`: that attempt → current (what the
 *   server adds); `reconnectDowntimeMs` (kill → ready); `reconnectRefused` (sockets the server
 *   turned away for load with 1013); `reconnectAttempts`, `reconnectCloses` (by code);
 *   `reconnectServerCpuMs` (the new server's CPU time until every screen is current),
 *   `reconnectLoopDelayP99Ms`, and `reconnectFrames` (frames screens got, by type: `unchanged`
 *   answers a hello with the current version, no whole `manifest` is sent again).
 *
 * Then (skipped with `--reports 0`) the reports benchmark, bench/reports.ts: `reportMs` (a yearly
 * report over 5,000 screens × a year of rollups), `playoutCsvRowsPerSec`, and the raw plays'
 * retention (`retentionMaxBatchMs`).
 *
 * `BANGTIN_BENCH_CPU_PROF=DIR` makes the server write a V8 CPU profile into DIR when it stops.
 *
 * Progress goes to stderr; the LAST line on stdout is one JSON object:
 *   {"screens":…,"p50Ms":…,"p99Ms":…,"maxMs":…,"rssPerConnectionKb":…,
 *    "bareWs":{"p50Ms":…,"p99Ms":…,"maxMs":…,"rssPerConnectionKb":…},"p99VsBareWs":…,
 *    "emergencyP50Ms":…,"emergencyP99Ms":…,"emergencyMaxMs":…,"emergencyShown":…, …}
 * (on failure `{"screens":…,"error":"…"}`). Exit status 1 on failure, or when a screen failed to
 * connect, to ack or to show the emergency, or the server stored fewer receipts than were sent,
 * or a play was not stored exactly once, or a screen did not come back after the storm (the JSON
 * line still comes, with `connectFailures`, `missing`, `emergencyMissing`, `emergencyReceipts`,
 * `playsExactlyOnce`, `reconnectMissing`).
 *
 * Simulated players run in K load-generator processes (≤ 5,000 sockets each). Every child is
 * started as `sh -c 'ulimit -Sn <limit>; exec node …'`: Node cannot raise its own open-file
 * limit, and the hard limit (20,000 per process here) cannot be raised at all, so one server
 * process holds at most ~19,700 screens.
 *
 * BANGTIN_BENCH_CPU_PROF=DIR makes the bangtin server write a V8 CPU profile into DIR when it stops.
 *
 * `--gateways G` (G ≥ 1) runs bangtin scaled out instead (bench/gateways-target.ts, issue 16):
 * a redis-server of its own on a free port, the control server (BANGTIN_REDIS_URL) and G
 * gateway processes (`server/gateway/main.ts`, as `npm run gateway`); the generators are a
 * multiple of G and each connects its screens to one gateway, so each gateway holds N/G (20,000
 * over 2 fits the 20,000 open files of a process). The same publish→ack rounds and emergency
 * through control's API; the floor is G bare ws processes with N/G screens each. Its last line
 * has the same fan-out keys plus `gateways`, `redisHopP50Ms` (control's announce → the entry in a
 * gateway's hands, stamped by the gateways: `redisHopMs` in their BANGTIN_BENCH_STATS lines),
 * `controlLoopDelayP99Ms` (`loopDelayP99Ms` is the gateways'), `emergencyLoopDelayP99Ms` (the
 * gateways' from the emergency's POST to its receipts stored; the hop samples cover the
 * emergency's and its cancel's announces, not the sockets closing after the run), `onlineCounted` (what GET
 * /api/screens on control counts online before each round: presence across gateways),
 * `presenceRenewP99Ms`/`presenceReadP99Ms` and `loadAvgBefore`/`loadAvgAfter` (the machine's
 * load: figures from a busy machine are not comparable). No reports bench in that run.
 * `rssPerConnectionKb` there is the gateways' together; their idle RSS already holds the screen
 * directory's garbage, so it reads low.
 *
 * Files: options.ts (arguments), processes.ts (children, limits, cleanup), generator.ts and
 * load-generator.ts (the simulated players), measure.ts (one measured fan-out),
 * bangtin-target.ts and bare-target.ts (the two servers), gateways-target.ts (scaled out, and
 * the bare floor over several processes), stats.ts (percentiles).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBangtin, seed } from './bangtin-target.ts';
import { runBare } from './bare-target.ts';
import { bareKeys, emergencyKeys } from './measure.ts';
import { gatewayBench } from './gateways-target.ts';
import { parseArgs, type Options } from './options.ts';
import { SERVER_FD_HEADROOM, WANTED_OPEN_FILES, cleanup, fail, hardOpenFileLimit, log, run } from './processes.ts';
import { round, summarize, wallNow } from './stats.ts';
import { runReportBench } from './reports.ts';
import { runStorm } from './reconnect-storm.ts';

const HARD_TIMEOUT_MS = 9 * 60_000;

async function main(): Promise<void> {
  let opts: Options;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    return fail((err as Error).message);
  }
  run.screens = opts.screens;
  const hardTimer = setTimeout(() => fail(`hard timeout: the run took over ${HARD_TIMEOUT_MS / 1000} s`), HARD_TIMEOUT_MS);

  const hard = hardOpenFileLimit();
  const openFilesLimit = (run.openFilesLimit = Math.min(WANTED_OPEN_FILES, hard));
  // With --gateways G, each gateway process holds N/G screens.
  const serverNeeds = Math.ceil(opts.screens / Math.max(1, opts.gateways)) + SERVER_FD_HEADROOM;
  if (serverNeeds > openFilesLimit) {
    fail(
      `${opts.screens} screens need about ${serverNeeds} open files in the one server process, but the hard limit (ulimit -Hn) is ${hard} ` +
        `and a process cannot go above it (root cannot raise it here either); run with --screens ${Math.max(1, openFilesLimit - SERVER_FD_HEADROOM)} or fewer`,
    );
  }
  log(
    `${opts.screens} screens, ${opts.generators} load generator(s), ${opts.concurrency} handshakes in flight per generator; ` +
      `children start with ulimit -Sn ${openFilesLimit} (hard limit ${hard})`,
  );

  const tempDir = (run.tempDir = mkdtempSync(join(tmpdir(), 'bangtin-bench-')));
  const seedStart = wallNow();
  const data = await seed(tempDir, opts.screens);
  log(`seeded ${opts.screens} screens in ${((wallNow() - seedStart) / 1000).toFixed(1)} s (${tempDir})`);

  if (opts.gateways > 0) {
    // Scaled out over Redis: control + G gateway processes, against G bare ws processes.
    const { report, ok } = await gatewayBench(data, opts);
    clearTimeout(hardTimer);
    run.finished = true;
    cleanup();
    process.stdout.write(`${JSON.stringify({ ...report, wallMs: Math.round(wallNow() - run.startedAt) })}\n`);
    process.exit(ok ? 0 : 1);
  }

  const bangtin = await runBangtin(data, opts);
  const samples = bangtin.samples;
  if (!samples?.welcome || !samples.screen || !samples.manifest) {
    return fail('could not capture bangtin frames for the bare ws reference');
  }
  const frames = {
    welcome: samples.welcome,
    screen: samples.screen,
    manifest: samples.manifest,
    nextManifest: bangtin.newManifest ?? samples.manifest,
  };
  const bare = await runBare(tempDir, frames, data.tokens, opts);
  const emergency = bangtin.emergency;
  if (!emergency) return fail('bangtin: the emergency was not measured');

  const ratio = bangtin.p99Ms / bare.p99Ms;
  // Reconnect storm and play ingest (issue 15, items 5 and 6), on bangtin only.
  const storm = opts.storm ? await runStorm(data, opts) : null;
  // Reports over 5,000 screens × a year of rollups, whatever --screens says (issue 14).
  const reports = opts.reports ? await runReportBench() : null;
  const report = {
    screens: opts.screens,
    p50Ms: bangtin.p50Ms,
    p99Ms: bangtin.p99Ms,
    maxMs: bangtin.maxMs,
    rssPerConnectionKb: round(bangtin.rssPerConnectionKb),
    bareWs: bareKeys(bare),
    p99VsBareWs: round(ratio, 2),
    // A one-item edit (playlists/PROTOCOL.md [P4]): the patch frame screens got, and the whole
    // manifest frame it stands for (what the bare ws reference sends).
    deltaBytes: bangtin.patchBytes,
    fullBytes: Buffer.byteLength(frames.nextManifest),
    roundsFrames: bangtin.rounds.map((r) => r.frames),
    rssVsBareWs: round(bangtin.rssPerConnectionKb / bare.rssPerConnectionKb, 2),
    // Over every round, admin rounds included: the loop delay of the worst one; admin requests
    // timed during the admin rounds (bench/measure.ts ADMIN_ROUNDS), whose publish→ack p99s follow.
    loopDelayP99Ms: Math.max(...[...bangtin.rounds, ...bangtin.adminRounds].map((r) => r.loopDelayP99Ms)),
    adminDuringFanoutP99Ms: summarize(bangtin.adminRounds.flatMap((r) => r.adminMs)).p99Ms,
    adminRequests: bangtin.adminRounds.reduce((n, r) => n + r.adminMs.length, 0),
    adminRoundsP99Ms: bangtin.adminRounds.map((r) => r.p99Ms),
    adminRoundsLoopDelayP99Ms: bangtin.adminRounds.map((r) => r.loopDelayP99Ms),
    // The same requests' own time in the server (Server-Timing): building the page, without the
    // wait for an event loop busy with the fan-out (or for a CPU the machine's other work holds).
    adminServerP50Ms: summarize(bangtin.adminServerMs).p50Ms,
    adminServerP99Ms: summarize(bangtin.adminServerMs).p99Ms,
    adminServerCpuP99Ms: summarize(bangtin.adminServerCpuMs).p99Ms,
    ...emergencyKeys(emergency, bare.p99Ms),
    rounds: opts.rounds,
    roundsP99Ms: bangtin.rounds.map((r) => r.p99Ms),
    roundsLoopDelayP99Ms: bangtin.rounds.map((r) => r.loopDelayP99Ms),
    connectMs: Math.round(bangtin.connectMs),
    connected: bangtin.connected,
    acked: bangtin.count,
    missing: bangtin.missing,
    connectFailures: bangtin.failed,
    publishRequestMs: round(bangtin.publishRequestMs),
    manifestBytes: bangtin.manifestBytes,
    generators: opts.generators,
    ...(storm ?? {}),
    ...(storm ? { fanoutUnderIngestVsBareWs: round((storm.fanoutUnderIngestP99Ms as number) / bare.p99Ms, 2) } : {}),
    ...(reports ?? {}),
    wallMs: Math.round(wallNow() - run.startedAt),
  };
  clearTimeout(hardTimer);
  run.finished = true;
  cleanup();
  process.stdout.write(`${JSON.stringify(report)}\n`);
  const emergencyIncomplete =
    emergency.missing > 0 || emergency.otherSchedule > 0 || emergency.acked < bangtin.connected || emergency.receipts < emergency.count;
  const stormIncomplete = storm !== null && (storm.reconnectMissing !== 0 || storm.playsExactlyOnce !== true || storm.fanoutUnderIngestMissing !== 0);
  process.exit(bangtin.missing || bare.missing || bangtin.failed || bare.failed || emergencyIncomplete || stormIncomplete ? 1 : 0);
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
