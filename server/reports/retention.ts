import { DAY_MS } from '../../playlists/index.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';

export const DEFAULT_RETENTION_DAYS = 400;
/**
 * Raw plays must outlive the play guard's window (revisions on air in the last 30 days): a
 * play deleted while it could still be accepted again would be counted twice in the rollups.
 */
export const MIN_RETENTION_DAYS = 35;
/** Rows deleted per transaction: small enough that one never holds the event loop for long. */
export const RETENTION_BATCH = 500;

/** `BANGTIN_PLAYS_RETENTION_DAYS`, default 400, at least 35. */
export function retentionDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env.BANGTIN_PLAYS_RETENTION_DAYS;
  if (raw === undefined || raw === '') return DEFAULT_RETENTION_DAYS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < MIN_RETENTION_DAYS) {
    throw new Error(`BANGTIN_PLAYS_RETENTION_DAYS must be a whole number of days ≥ ${MIN_RETENTION_DAYS}, got ${raw}`);
  }
  return n;
}

export interface RetentionRun {
  deleted: number;
  batches: number;
  /** The longest a single batch held the event loop. */
  maxBatchMs: number;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Deletes raw play events older than the retention, oldest first, in small transactions with
 * the event loop free in between, so sockets and requests are served while a backlog goes.
 * The rollups keep their numbers: they were counted when each play was stored.
 */
export class PlayRetention {
  readonly #delete;
  #running: Promise<RetentionRun> | null = null;

  constructor(private readonly deps: { db: Db; clock: Clock; days: number; batch?: number }) {
    this.#delete = deps.db.prepare(
      'DELETE FROM play_events WHERE rowid IN (SELECT rowid FROM play_events WHERE started_at < ? ORDER BY started_at LIMIT ?)',
    );
  }

  /** One pass; a pass already running is answered instead of starting another. */
  run(): Promise<RetentionRun> {
    this.#running ??= this.#run().finally(() => (this.#running = null));
    return this.#running;
  }

  async #run(): Promise<RetentionRun> {
    const before = this.deps.clock.now() - this.deps.days * DAY_MS;
    const result: RetentionRun = { deleted: 0, batches: 0, maxBatchMs: 0 };
    for (;;) {
      const started = performance.now();
      const n = this.#delete.run(before, this.deps.batch ?? RETENTION_BATCH).changes;
      result.maxBatchMs = Math.max(result.maxBatchMs, performance.now() - started);
      result.deleted += n;
      result.batches += 1;
      if (n === 0) return result;
      await yieldToLoop();
    }
  }
}
