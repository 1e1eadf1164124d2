import type { Db } from '../db/connection.ts';

/** A CAP source's key, without its secret (only the hash is stored). */
export interface CapKeyRecord {
  id: string;
  name: string;
  createdAt: number;
  createdBy: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

type Row = { id: string; name: string; created_at: number; created_by: number | null; revoked_at: number | null; last_used_at: number | null };
const toRecord = (r: Row): CapKeyRecord => ({ id: r.id, name: r.name, createdAt: r.created_at, createdBy: r.created_by, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at });
const COLUMNS = 'id, name, created_at, created_by, revoked_at, last_used_at';

/** The `cap_keys` table: the keys CAP sources post with, by their token's sha256. */
export class CapKeyRepo {
  readonly #list;
  readonly #get;
  readonly #byHash;
  readonly #insert;
  readonly #revoke;
  readonly #used;

  constructor(db: Db) {
    this.#list = db.prepare<[], Row>(`SELECT ${COLUMNS} FROM cap_keys ORDER BY created_at DESC, id`);
    this.#get = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM cap_keys WHERE id = ?`);
    this.#byHash = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM cap_keys WHERE token_hash = ? AND revoked_at IS NULL`);
    this.#insert = db.prepare('INSERT INTO cap_keys (id, name, token_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?)');
    this.#revoke = db.prepare('UPDATE cap_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.#used = db.prepare('UPDATE cap_keys SET last_used_at = ? WHERE id = ?');
  }

  list(): CapKeyRecord[] {
    return this.#list.all().map(toRecord);
  }

  get(id: string): CapKeyRecord | undefined {
    const row = this.#get.get(id);
    return row && toRecord(row);
  }

  /** The key that is not revoked and whose token hashes to `tokenHash`. */
  active(tokenHash: string): CapKeyRecord | undefined {
    const row = this.#byHash.get(tokenHash);
    return row && toRecord(row);
  }

  insert(id: string, name: string, tokenHash: string, now: number, by: number | null): void {
    this.#insert.run(id, name, tokenHash, now, by);
  }

  /** False when there is no such key, or it was revoked already. */
  revoke(id: string, now: number): boolean {
    return this.#revoke.run(now, id).changes === 1;
  }

  used(id: string, now: number): void {
    this.#used.run(now, id);
  }
}
