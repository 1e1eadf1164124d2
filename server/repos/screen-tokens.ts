import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.ts';

/**
 * Screen tokens, stored only as hashes (`screens.token_hash`, sha256 hex). Rotating writes the
 * hash of a new token; revoking writes a marker no token hashes to (`revoked:` + random, so the
 * column stays NOT NULL UNIQUE). Either way a pairing still waiting to hand the old token over
 * is dropped with it.
 */
export class ScreenTokenRepo {
  readonly #get;
  readonly #all;
  readonly #set;
  readonly #dropPairings;
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
    this.#get = db.prepare<[string], { token_hash: string }>('SELECT token_hash FROM screens WHERE id = ?');
    this.#all = db.prepare<[], [string, string]>('SELECT id, token_hash FROM screens WHERE retired_at IS NULL').raw();
    this.#set = db.prepare('UPDATE screens SET token_hash = ? WHERE id = ?');
    this.#dropPairings = db.prepare('DELETE FROM pairings WHERE screen_id = ?');
  }

  /** The stored hash (or revocation marker); null if there is no such screen. */
  hashOf(screenId: string): string | null {
    return this.#get.get(screenId)?.token_hash ?? null;
  }

  /** Every screen in service's stored hash (or revocation marker), by id: one query for the gateways' directory. */
  hashes(): Map<string, string> {
    return new Map(this.#all.all());
  }

  /** Replaces the screen's token hash; false if there is no such screen. */
  replace(screenId: string, tokenHash: string): boolean {
    return this.#db.transaction(() => {
      const changed = this.#set.run(tokenHash, screenId).changes === 1;
      if (changed) this.#dropPairings.run(screenId);
      return changed;
    })();
  }

  /** Leaves the screen without a valid token; false if there is no such screen. */
  revoke(screenId: string): boolean {
    return this.replace(screenId, `revoked:${randomBytes(16).toString('hex')}`);
  }
}
