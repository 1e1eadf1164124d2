import type { Db } from '../db/connection.ts';

/** The `calendar_feeds` table: one secret feed per user, kept as its token's sha256. */
export class CalendarFeedRepo {
  readonly #get;
  readonly #byHash;
  readonly #set;
  readonly #delete;

  constructor(db: Db) {
    this.#get = db.prepare<[number], { created_at: number }>('SELECT created_at FROM calendar_feeds WHERE user_id = ?');
    this.#byHash = db.prepare<[string], { user_id: number }>('SELECT user_id FROM calendar_feeds WHERE token_hash = ?');
    this.#set = db.prepare(`INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?, ?, ?)
      ON CONFLICT(user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`);
    this.#delete = db.prepare('DELETE FROM calendar_feeds WHERE user_id = ?');
  }

  /** When the user's feed was made, or null when it has none. */
  createdAt(userId: number): number | null {
    return this.#get.get(userId)?.created_at ?? null;
  }

  userOf(tokenHash: string): number | null {
    return this.#byHash.get(tokenHash)?.user_id ?? null;
  }

  /** Sets the user's feed, replacing (and so revoking) the one before. */
  set(userId: number, tokenHash: string, now: number): void {
    this.#set.run(userId, tokenHash, now);
  }

  delete(userId: number): boolean {
    return this.#delete.run(userId).changes === 1;
  }
}
