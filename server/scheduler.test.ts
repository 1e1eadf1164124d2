import { describe, expect, it } from 'vitest';
import { manualClock } from './clock.ts';
import { ManualScheduler, NodeScheduler, nextDaily } from './scheduler.ts';

const at = (iso: string) => Date.parse(iso);

describe('nextDaily', () => {
  it('finds the next local time of day, in Hanoi whatever the TZ', () => {
    const five = { hour: 0, minute: 0, second: 5 };
    expect(nextDaily(five, at('2026-11-26T09:00:00+07:00'))).toBe(at('2026-11-27T00:00:05+07:00'));
    expect(nextDaily(five, at('2026-11-27T00:00:05+07:00'))).toBe(at('2026-11-27T00:00:05+07:00'));
    expect(nextDaily({ hour: 18, minute: 30 }, at('2026-11-26T12:00:00Z'))).toBe(at('2026-11-27T18:30:00+07:00'));
  });
});

describe('ManualScheduler', () => {
  it('runs a daily job when the clock reaches its time, once a day', () => {
    const clock = manualClock(at('2026-11-26T09:00:00+07:00'));
    const scheduler = new ManualScheduler(clock);
    const runs: number[] = [];
    scheduler.daily('refresh', { hour: 0, minute: 0, second: 5 }, () => runs.push(clock.now()));
    clock.set(at('2026-11-27T00:00:04+07:00'));
    expect(scheduler.runDue()).toEqual([]);
    clock.set(at('2026-11-27T00:00:05+07:00'));
    expect(scheduler.runDue()).toEqual(['refresh']);
    expect(scheduler.runDue()).toEqual([]);
    expect(scheduler.pending).toEqual({ refresh: at('2026-11-28T00:00:05+07:00') });
    expect(runs).toEqual([at('2026-11-27T00:00:05+07:00')]);
  });

  it('runs an interval job once per due check, without catching up missed runs, until cancelled', () => {
    const clock = manualClock(0);
    const scheduler = new ManualScheduler(clock);
    let runs = 0;
    const job = scheduler.every('safety', 30_000, () => (runs += 1));
    clock.advance(29_999);
    scheduler.runDue();
    clock.advance(10 * 30_000);
    scheduler.runDue();
    expect(runs).toBe(1);
    job.cancel();
    clock.advance(60_000);
    expect(scheduler.runDue()).toEqual([]);
  });
});

describe('NodeScheduler', () => {
  it('schedules a daily job at the local time in Hanoi and cancels everything on stop', () => {
    const scheduler = new NodeScheduler();
    const time = { hour: 0, minute: 0, second: 5 };
    const job = scheduler.daily('refresh', time, () => undefined);
    const safety = scheduler.every('safety', 60_000, () => undefined);
    expect(job.nextRun()).toBe(nextDaily(time, Date.now()));
    expect(safety.nextRun()).toBeGreaterThan(Date.now());
    scheduler.stop();
    expect([job.nextRun(), safety.nextRun()]).toEqual([null, null]);
  });
});
