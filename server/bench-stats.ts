import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The line prefix bench/fanout.ts looks for on the server's stdout. */
export const BENCH_STATS_PREFIX = 'BENCH_STATS ';

/**
 * For the benchmark only (BANGTIN_BENCH_STATS=1): the event loop's delay, the process's memory
 * and its CPU time so far, printed as one line on SIGUSR2; each print starts a new measuring
 * period, so the bench brackets a fan-out with two signals and reads what happened in between.
 */
export function startBenchStats(): void {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
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
    };
    delay.reset();
    process.stdout.write(`${BENCH_STATS_PREFIX}${JSON.stringify(stats)}\n`);
  });
}
