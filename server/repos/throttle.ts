import type { Db } from '../db/connection.ts';

export interface ThrottleRow {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

type Row = { failures: number; last_failure_at: number; blocked_until: number };

/** Sign-in failures by key (an account or a client address). */
export class ThrottleRepo {
  readonly #get;
  readonly #put;
  readonly #delete;
  readonly #purge;

  constructor(db: Db) {
    this.#get = db.prepare<[string], Row>('SELECT failures, last_failure_at, blocked_until FROM sign_in_throttle WHERE key = ?');
    this.#put = db.prepare(
      `INSERT INTO sign_in_throttle (key, failures, last_failure_at, blocked_until) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
         blocked_until = excluded.blocked_until`,
    );
    this.#delete = db.prepare('DELETE FROM sign_in_throttle WHERE key = ?');
    this.#purge = db.prepare('DELETE FROM sign_in_throttle WHERE last_failure_at < ?');
  }

  get(key: string): ThrottleRow | undefined {
    const r = this.#get.get(key);
    return r ? { failures: r.failures, lastFailureAt: r.last_failure_at, blockedUntil: r.blocked_until } : undefined;
  }

  put(key: string, row: ThrottleRow): void {
    this.#put.run(key, row.failures, row.lastFailureAt, row.blockedUntil);
  }

  delete(key: string): void {
    this.#delete.run(key);
  }

  /** Forgets keys whose last failure is older than `before`. */
  purge(before: number): void {
    this.#purge.run(before);
  }
}
