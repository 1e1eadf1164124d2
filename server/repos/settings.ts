import type { Db } from '../db/connection.ts';

/** Known keys; one row each. */
export type SettingKey = 'default_playlist_id' | 'demo_screen_token' | 'ward_share'
  /** The CAP feed a job polls (cap/feed.ts). */
  | 'cap_feed_url'
  /** Written only to prove the database takes writes again after a full disk (storage.ts). */
  | 'storage_checked_at';

export class SettingsRepo {
  readonly #get;
  readonly #set;
  readonly #delete;

  constructor(db: Db) {
    this.#delete = db.prepare('DELETE FROM settings WHERE key = ?');
    this.#get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.#set = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
  }

  get(key: SettingKey): string | null {
    return this.#get.get(key)?.value ?? null;
  }

  set(key: SettingKey, value: string): void {
    this.#set.run(key, value);
  }

  delete(key: SettingKey): void {
    this.#delete.run(key);
  }
}
