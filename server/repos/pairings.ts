import type { Db } from '../db/connection.ts';

export interface PairingRecord {
  id: string;
  code: string;
  secretHash: string;
  tokenHash: string;
  viewport: { width: number; height: number } | null;
  playerVersion: string | null;
  createdAt: number;
  expiresAt: number;
  /** The screen an operator paired this code with; null while it waits. */
  screenId: string | null;
  claimedAt: number | null;
}

type Row = {
  id: string;
  code: string;
  secret_hash: string;
  token_hash: string;
  viewport: string | null;
  player_version: string | null;
  created_at: number;
  expires_at: number;
  screen_id: string | null;
  claimed_at: number | null;
};

type LiveRow = { n: number; first: number | null };

const COLUMNS = 'id, code, secret_hash, token_hash, viewport, player_version, created_at, expires_at, screen_id, claimed_at';

const toRecord = (r: Row): PairingRecord => ({
  id: r.id,
  code: r.code,
  secretHash: r.secret_hash,
  tokenHash: r.token_hash,
  viewport: r.viewport ? (JSON.parse(r.viewport) as { width: number; height: number }) : null,
  playerVersion: r.player_version,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  screenId: r.screen_id,
  claimedAt: r.claimed_at,
});

/** Pending pairings of new screens, by id (the player's poll) and by code (the operator's claim). */
export class PairingRepo {
  readonly #byId;
  readonly #byCode;
  readonly #insert;
  readonly #claim;
  readonly #delete;
  readonly #purge;
  readonly #live;
  readonly #liveByAddress;
  readonly #liveByNetwork;

  constructor(db: Db) {
    this.#byId = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM pairings WHERE id = ?`);
    this.#byCode = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM pairings WHERE code = ?`);
    this.#insert = db.prepare(
      `INSERT INTO pairings (id, code, secret_hash, token_hash, viewport, player_version, created_at, expires_at, address_key, network_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#claim = db.prepare('UPDATE pairings SET screen_id = ?, claimed_at = ? WHERE id = ? AND screen_id IS NULL');
    this.#delete = db.prepare('DELETE FROM pairings WHERE id = ?');
    this.#purge = db.prepare('DELETE FROM pairings WHERE expires_at < ?');
    const live = 'SELECT count(*) AS n, min(expires_at) AS first FROM pairings WHERE expires_at > ? AND screen_id IS NULL';
    this.#live = db.prepare<[number], LiveRow>(live);
    this.#liveByAddress = db.prepare<[number, string], LiveRow>(`${live} AND address_key = ?`);
    this.#liveByNetwork = db.prepare<[number, string], LiveRow>(`${live} AND network_key = ?`);
  }

  get(id: string): PairingRecord | undefined {
    const row = this.#byId.get(id);
    return row ? toRecord(row) : undefined;
  }

  byCode(code: string): PairingRecord | undefined {
    const row = this.#byCode.get(code);
    return row ? toRecord(row) : undefined;
  }

  /**
   * Throws a UNIQUE constraint error when the code is taken (the caller draws another).
   * `from` is who asked: counted by `live` until the code expires or is claimed.
   */
  insert(p: Omit<PairingRecord, 'screenId' | 'claimedAt'>, from: { address: string; network: string }): void {
    this.#insert.run(p.id, p.code, p.secretHash, p.tokenHash, p.viewport ? JSON.stringify(p.viewport) : null,
      p.playerVersion, p.createdAt, p.expiresAt, from.address, from.network);
  }

  /** Marks a waiting pairing as claimed for `screenId`; false when it was already claimed. */
  claim(id: string, screenId: string, now: number): boolean {
    return this.#claim.run(screenId, now, id).changes === 1;
  }

  delete(id: string): void {
    this.#delete.run(id);
  }

  /** Removes pairings that expired before `before`. */
  purge(before: number): number {
    return this.#purge.run(before).changes;
  }

  /** Codes waiting to be claimed at `now`. */
  liveCount(now: number): number {
    return this.#live.get(now)!.n;
  }

  /** Codes waiting at `now` (all, or asked from one address or network) and when the first of them expires. */
  live(now: number, from?: { address: string } | { network: string }): { count: number; firstExpiry: number | null } {
    const r = !from ? this.#live.get(now)! : 'address' in from ? this.#liveByAddress.get(now, from.address)! : this.#liveByNetwork.get(now, from.network)!;
    return { count: r.n, firstExpiry: r.first };
  }
}
