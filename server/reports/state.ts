import type { Db } from '../db/connection.ts';

type Key = 'uptime_since' | 'uptime_rolled_through' | 'retention_ran_at';

/** The reports' own bookkeeping, in the settings table under `reports.` keys. */
export class ReportState {
  readonly #get;
  readonly #set;

  constructor(db: Db) {
    this.#get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.#set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  get(key: Key): string | null {
    return this.#get.get(`reports.${key}`)?.value ?? null;
  }

  set(key: Key, value: string): void {
    this.#set.run(`reports.${key}`, value);
  }
}
