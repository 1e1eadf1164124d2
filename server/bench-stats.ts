import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The line prefix bench/fanout.ts looks for on the server's stdout. */
export const BENCH_STATS_PREFIX = 'BENCH_STATS ';

/** Figures a process records for the bench (benchSample), by name; null until startBenchStats. */
let samples: Map<string, number[]> | null = null;

/** How often the loop's delay is sampled, in ms. */
const RESOLUTION_MS = 10;

/**
 * Records one figure for the bench (e.g. a gateway's `redisHopMs`: control's announce to the
 * gateway holding it); printed in the next stats line, under `samples`. Nothing without
 * BANGTIN_BENCH_STATS.
 */
export function benchSample(name: string, value: number): void {
  if (!samples) return;
  let values = samples.get(name);
  if (!values) samples.set(name, (values = []));
  if (values.length < 10_000) values.push(Math.round(value * 100) / 100);
}

/**
 * For the benchmark only (BANGTIN_BENCH_STATS=1): the event loop's delay, the process's memory
 * and its CPU time so far, printed as one line on SIGUSR2 with the samples recorded since the
 * last line (benchSample); each print starts a new measuring period, so the bench brackets a
 * fan-out with two signals and reads what happened in between.
 */
export function startBenchStats(): void {
  samples = new Map();
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  // The histogram holds the time between its timer's runs, the resolution included (an idle
  // loop reads 10 ms): the delay is what goes beyond it.
  const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100);
  process.on('SIGUSR2', () => {
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    const stats = {
      // Since the process started (not since the last signal): the bench takes differences.
      cpuUserMs: Math.round(cpu.user / 1000),
      cpuSystemMs: Math.round(cpu.system / 1000),
      loopDelayP50Ms: ms(delay.percentile(50)),
      loopDelayP99Ms: ms(delay.percentile(99)),
      loopDelayMaxMs: ms(delay.max),
      heapUsedKb: Math.round(memory.heapUsed / 1024),
      externalKb: Math.round(memory.external / 1024),
      rssKb: Math.round(memory.rss / 1024),
      samples: Object.fromEntries(samples!),
    };
    samples!.clear();
    delay.reset();
    process.stdout.write(`${BENCH_STATS_PREFIX}${JSON.stringify(stats)}\n`);
  });
}
