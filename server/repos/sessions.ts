import type { Db } from '../db/connection.ts';

export interface SessionRow {
  userId: number;
  createdAt: number;
  lastSeenAt: number;
}

type Row = { user_id: number; created_at: number; last_seen_at: number };

/** Sessions are stored by the hash of their id, so a copy of the database cannot sign anyone in. */
export class SessionRepo {
  readonly #get;
  readonly #insert;
  readonly #touch;
  readonly #delete;
  readonly #deleteForUser;
  readonly #deleteAll;
  readonly #purge;

  /** `changed` hears every session that ends, so streams opened with it can end too. */
  constructor(db: Db, private readonly changed: () => void = () => {}) {
    this.#get = db.prepare<[string], Row>('SELECT user_id, created_at, last_seen_at FROM sessions WHERE id_hash = ?');
    this.#insert = db.prepare('INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)');
    this.#touch = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?');
    this.#delete = db.prepare('DELETE FROM sessions WHERE id_hash = ?');
    this.#deleteForUser = db.prepare('DELETE FROM sessions WHERE user_id = ? AND id_hash != ?');
    this.#deleteAll = db.prepare('DELETE FROM sessions WHERE user_id = ?');
    this.#purge = db.prepare('DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?');
  }

  get(idHash: string): SessionRow | undefined {
    const r = this.#get.get(idHash);
    return r ? { userId: r.user_id, createdAt: r.created_at, lastSeenAt: r.last_seen_at } : undefined;
  }

  insert(idHash: string, userId: number, now: number): void {
    this.#insert.run(idHash, userId, now, now);
  }

  touch(idHash: string, now: number): void {
    this.#touch.run(now, idHash);
  }

  delete(idHash: string): boolean {
    return this.#ended(this.#delete.run(idHash).changes) === 1;
  }

  /** Signs a user out everywhere but the session given. */
  deleteOthers(userId: number, keepIdHash: string): void {
    this.#ended(this.#deleteForUser.run(userId, keepIdHash).changes);
  }

  /** Signs a user out everywhere; answers how many sessions ended. */
  deleteAll(userId: number): number {
    return this.#ended(this.#deleteAll.run(userId).changes);
  }

  purge(idleBefore: number, createdBefore: number): void {
    this.#ended(this.#purge.run(idleBefore, createdBefore).changes);
  }

  #ended(count: number): number {
    if (count > 0) this.changed();
    return count;
  }
}
