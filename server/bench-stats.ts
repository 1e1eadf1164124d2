import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The line prefix bench/fanout.ts looks for on the server's stdout. */
export const BENCH_STATS_PREFIX = 'BENCH_STATS ';

/** How often the loop's delay is sampled, in ms. */
const RESOLUTION_MS = 10;

/**
 * For the benchmark only (BANGTIN_BENCH_STATS=1): the event loop's delay and the process's
 * memory, printed as one line on SIGUSR2; each print starts a new measuring period, so the
 * bench brackets a fan-out with two signals and reads what happened in between.
 */
export function startBenchStats(): void {
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  // The histogram holds the time between its timer's runs, the resolution included (an idle
  // loop reads 10 ms): the delay is what goes beyond it.
  const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100);
  process.on('SIGUSR2', () => {
    const memory = process.memoryUsage();
    const stats = {
      loopDelayP50Ms: ms(delay.percentile(50)),
      loopDelayP99Ms: ms(delay.percentile(99)),
      loopDelayMaxMs: ms(delay.max),
      heapUsedKb: Math.round(memory.heapUsed / 1024),
      externalKb: Math.round(memory.external / 1024),
      rssKb: Math.round(memory.rss / 1024),
    };
    delay.reset();
    process.stdout.write(`${BENCH_STATS_PREFIX}${JSON.stringify(stats)}\n`);
  });
}
