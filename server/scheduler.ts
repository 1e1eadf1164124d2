import schedule from 'node-schedule';
import { DAY_MS, HOUR_MS, MINUTE_MS, UTC_OFFSET_MS, startOfLocalDay } from '../playlists/index.ts';
import type { Clock } from './clock.ts';

/** A time of day in Asia/Ho_Chi_Minh. */
export interface LocalTimeOfDay {
  hour: number;
  minute: number;
  second?: number;
}

export interface Job {
  cancel(): void;
  /** When it runs next (ms since epoch), or null once cancelled. */
  nextRun(): number | null;
}

/**
 * Server-side timed jobs. Production runs them with node-schedule; tests use `ManualScheduler`
 * and decide when time passes.
 */
export interface Scheduler {
  /** Runs `fn` every day at a local time. */
  daily(name: string, at: LocalTimeOfDay, fn: () => void): Job;
  /** Runs `fn` every `ms`, as a safety net. */
  every(name: string, ms: number, fn: () => void): Job;
  /** Cancels every job. */
  stop(): void;
}

const offsetOf = (at: LocalTimeOfDay) => at.hour * HOUR_MS + at.minute * MINUTE_MS + (at.second ?? 0) * 1000;

/** The first instant at or after `from` at which the local time of day is `at`. */
export function nextDaily(at: LocalTimeOfDay, from: number): number {
  const today = startOfLocalDay(from) + offsetOf(at);
  return today >= from ? today : today + DAY_MS;
}

/** node-schedule, on UTC fields: Hanoi has no daylight saving, so local h:m is UTC (h − 7):m. */
export class NodeScheduler implements Scheduler {
  readonly #jobs = new Set<Job>();

  daily(name: string, at: LocalTimeOfDay, fn: () => void): Job {
    const utc = new Date(offsetOf(at) - UTC_OFFSET_MS + DAY_MS);
    const rule = new schedule.RecurrenceRule();
    rule.tz = 'Etc/UTC';
    rule.hour = utc.getUTCHours();
    rule.minute = utc.getUTCMinutes();
    rule.second = utc.getUTCSeconds();
    const job = schedule.scheduleJob(name, rule, fn);
    return this.#track({ cancel: () => job.cancel(), nextRun: () => job.nextInvocation()?.getTime() ?? null });
  }

  every(_name: string, ms: number, fn: () => void): Job {
    let next = Date.now() + ms;
    const timer = setInterval(() => {
      next = Date.now() + ms;
      fn();
    }, ms);
    timer.unref?.();
    return this.#track({ cancel: () => clearInterval(timer), nextRun: () => next });
  }

  stop(): void {
    for (const job of [...this.#jobs]) job.cancel();
  }

  #track(job: Job): Job {
    let cancelled = false;
    const tracked: Job = {
      cancel: () => {
        cancelled = true;
        job.cancel();
        this.#jobs.delete(tracked);
      },
      nextRun: () => (cancelled ? null : job.nextRun()),
    };
    this.#jobs.add(tracked);
    return tracked;
  }
}

interface ManualJob {
  name: string;
  next: number;
  /** The next run after one at `now`; missed runs are not caught up, as with real timers. */
  following: (now: number) => number;
  fn: () => void;
}

/** Runs jobs only when a test calls `runDue()`, at the injected clock's time. */
export class ManualScheduler implements Scheduler {
  readonly #jobs = new Set<ManualJob>();

  constructor(private readonly clock: Clock) {}

  daily(name: string, at: LocalTimeOfDay, fn: () => void): Job {
    return this.#add({ name, next: nextDaily(at, this.clock.now()), following: (now) => nextDaily(at, now + 1), fn });
  }

  every(name: string, ms: number, fn: () => void): Job {
    return this.#add({ name, next: this.clock.now() + ms, following: (now) => now + ms, fn });
  }

  stop(): void {
    this.#jobs.clear();
  }

  /** When each job runs next, by name. */
  get pending(): Record<string, number> {
    return Object.fromEntries([...this.#jobs].map((j) => [j.name, j.next]));
  }

  /** Runs every job that is due at the clock's time, oldest first; answers the names run. */
  runDue(): string[] {
    const ran: string[] = [];
    const now = this.clock.now();
    for (;;) {
      const due = [...this.#jobs].filter((j) => j.next <= now).sort((a, b) => a.next - b.next)[0];
      if (!due) return ran;
      due.next = due.following(now);
      ran.push(due.name);
      due.fn();
    }
  }

  #add(job: ManualJob): Job {
    this.#jobs.add(job);
    return {
      cancel: () => this.#jobs.delete(job),
      nextRun: () => (this.#jobs.has(job) ? job.next : null),
    };
  }
}
