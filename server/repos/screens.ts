import type { ScreenSettings } from '../../playlists/index.ts';
import type { Db } from '../db.ts';

export interface ScreenRecord extends ScreenSettings {
  createdAt: number;
  lastSeenAt: number | null;
  manifestVersion: string | null;
  playerVersion: string | null;
  viewport: { width: number; height: number } | null;
}

/** What the hub learns about a screen while it is connected, written back in batches. */
export interface ScreenSighting {
  id: string;
  lastSeenAt: number;
  manifestVersion: string | null;
  playerVersion: string | null;
  viewport: { width: number; height: number } | null;
}

type Row = {
  id: string;
  name: string;
  ward: string | null;
  location_kind: string;
  tags: string;
  created_at: number;
  last_seen_at: number | null;
  manifest_version: string | null;
  player_version: string | null;
  viewport: string | null;
};

const COLUMNS =
  'id, name, ward, location_kind, tags, created_at, last_seen_at, manifest_version, player_version, viewport';

const toRecord = (r: Row): ScreenRecord => ({
  id: r.id,
  name: r.name,
  ward: r.ward,
  locationKind: r.location_kind as ScreenSettings['locationKind'],
  tags: JSON.parse(r.tags) as string[],
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  manifestVersion: r.manifest_version,
  playerVersion: r.player_version,
  viewport: r.viewport ? (JSON.parse(r.viewport) as { width: number; height: number }) : null,
});

export class ScreenRepo {
  readonly #all;
  readonly #byId;
  readonly #byToken;
  readonly #insert;
  readonly #sighting;
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
    this.#all = db.prepare<[], Row>(`SELECT ${COLUMNS} FROM screens ORDER BY name, id`);
    this.#byId = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM screens WHERE id = ?`);
    this.#byToken = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM screens WHERE token_hash = ?`);
    this.#insert = db.prepare(
      `INSERT INTO screens (id, name, token_hash, ward, location_kind, tags, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#sighting = db.prepare(
      `UPDATE screens SET last_seen_at = ?, manifest_version = ?, player_version = ?, viewport = ? WHERE id = ?`,
    );
  }

  list(): ScreenRecord[] {
    return this.#all.all().map(toRecord);
  }

  get(id: string): ScreenRecord | undefined {
    const row = this.#byId.get(id);
    return row ? toRecord(row) : undefined;
  }

  byTokenHash(tokenHash: string): ScreenRecord | undefined {
    const row = this.#byToken.get(tokenHash);
    return row ? toRecord(row) : undefined;
  }

  insert(screen: ScreenSettings, tokenHash: string, now: number): void {
    this.#insert.run(screen.id, screen.name, tokenHash, screen.ward ?? null, screen.locationKind, JSON.stringify(screen.tags), now);
  }

  /** Writes many sightings in one transaction. */
  recordSightings(sightings: ScreenSighting[]): void {
    this.#db.transaction(() => {
      for (const s of sightings) {
        this.#sighting.run(s.lastSeenAt, s.manifestVersion, s.playerVersion, s.viewport ? JSON.stringify(s.viewport) : null, s.id);
      }
    })();
  }
}
