import {
  Canvas,
  DEFAULT_LAYOUT,
  DeviceReport,
  OperatingHours,
  ScreenTheme,
  TickerStrip,
  screenSettings,
  type ScreenHours,
  type ScreenLayout,
  type ScreenSettings,
  type ScreenSettingsInput,
} from '../../playlists/index.ts';
import { unsynced, type Db } from '../db/connection.ts';

export interface ScreenRecord extends ScreenSettings {
  /** The ward the screen belongs to, by code; null for screens not linked to one yet. */
  wardCode?: string | null;
  createdAt: number;
  lastSeenAt: number | null;
  manifestVersion: string | null;
  playerVersion: string | null;
  viewport: { width: number; height: number } | null;
  /** The device facts of its last report (secure context, cache, memory, queued plays). */
  health: DeviceReport | null;
  /** Its own fallback playlist; null: the city default (publishing/manifests.ts). */
  fallbackPlaylistId: string | null;
  /** When it was retired; null while in service. Only `listEver` returns retired screens. */
  retiredAt: number | null;
}

/** What an operator changes about a screen after pairing (`PUT /api/screens/{id}/details`). */
export type ScreenDetails = Pick<ScreenSettings, 'name' | 'ward' | 'locationKind' | 'tags'>;

/** What the hub learns about a screen while it is connected, written back in batches. */
export interface ScreenSighting {
  id: string;
  lastSeenAt: number;
  manifestVersion: string | null;
  playerVersion: string | null;
  viewport: { width: number; height: number } | null;
  /** Undefined leaves what is stored. */
  health?: DeviceReport | null;
}

/**
 * What the fleet list filters, counts and sorts by, without what only a shown row needs
 * (layout, device report): read once and kept until a screen is added or edited.
 */
export interface ScreenIndexEntry {
  id: string;
  name: string;
  ward: string | null;
  wardCode: string | null;
  locationKind: ScreenSettings['locationKind'];
  tags: string[];
  hours: ScreenRecord['hours'];
  fallbackPlaylistId: string | null;
}

/** What changes while screens play, for every screen: `[id, lastSeenAt, manifestVersion]`. */
export type ScreenSightingRow = [id: string, lastSeenAt: number | null, manifestVersion: string | null];

type Row = {
  id: string;
  name: string;
  ward: string | null;
  ward_code: string | null;
  location_kind: string;
  tags: string;
  created_at: number;
  last_seen_at: number | null;
  manifest_version: string | null;
  player_version: string | null;
  viewport: string | null;
  health: string | null;
  canvas: string | null;
  ticker_strip: string | null;
  theme: string;
  operating_hours: string | null;
  daily_reload_at: string | null;
  fallback_playlist_id: string | null;
  retired_at: number | null;
};

const COLUMNS =
  'id, name, ward, ward_code, location_kind, tags, created_at, last_seen_at, manifest_version, player_version, viewport, health, canvas, ticker_strip, theme, operating_hours, daily_reload_at, fallback_playlist_id, retired_at';

const toRecord = (r: Row): ScreenRecord => ({
  id: r.id,
  name: r.name,
  ward: r.ward,
  wardCode: r.ward_code,
  locationKind: r.location_kind as ScreenSettings['locationKind'],
  tags: JSON.parse(r.tags) as string[],
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  manifestVersion: r.manifest_version,
  playerVersion: r.player_version,
  viewport: r.viewport ? (JSON.parse(r.viewport) as { width: number; height: number }) : null,
  health: parseHealth(r.health),
  canvas: parseStored(Canvas, r.canvas) ?? DEFAULT_LAYOUT.canvas,
  ticker: parseStored(TickerStrip, r.ticker_strip) ?? DEFAULT_LAYOUT.ticker,
  theme: ScreenTheme.catch(DEFAULT_LAYOUT.theme).parse(r.theme),
  hours: parseStored(OperatingHours, r.operating_hours),
  dailyReloadAt: r.daily_reload_at,
  fallbackPlaylistId: r.fallback_playlist_id,
  retiredAt: r.retired_at,
});

/** JSON a column holds, checked against its schema; what no longer parses reads as unset. */
function parseStored<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, json: string | null): T | null {
  if (!json) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A report written by an older player may not parse any more: then it is unknown. */
const parseHealth = (json: string | null): DeviceReport | null => parseStored(DeviceReport, json);

type IndexRow = Pick<Row, 'id' | 'name' | 'ward' | 'ward_code' | 'location_kind' | 'tags' | 'operating_hours' | 'fallback_playlist_id'>;

/** A stored device report that says the player cannot play from its own cache (no secure context or no service worker). */
const NO_OFFLINE_CACHE = `health IS NOT NULL AND (json_extract(health, '$.secureContext') = 0 OR json_extract(health, '$.offlineCache') = 0)`;

const jsonOrNull = (value: object | null) => (value ? JSON.stringify(value) : null);

export class ScreenRepo {
  readonly #all;
  readonly #ever;
  readonly #retire;
  readonly #byId;
  readonly #byIdEver;
  readonly #byToken;
  readonly #insert;
  readonly #sighting;
  readonly #setWard;
  readonly #setLayout;
  readonly #setHours;
  readonly #setFallback;
  readonly #setDetails;
  readonly #index;
  readonly #sightings;
  readonly #noOfflineCache;
  readonly #many;
  readonly #dataVersion;
  readonly #db: Db;
  /** Bumped by every write here that changes what the index holds. */
  #edits = 0;
  #cached: { stamp: string; entries: ScreenIndexEntry[] } | null = null;
  #seen: { stamp: string; rows: Map<string, ScreenSightingRow> } | null = null;
  readonly #inserted = new Set<(id: string) => void>();

  constructor(db: Db) {
    this.#db = db;
    // A retired screen is kept for its history (reports) but is no longer one of the fleet:
    // every live list, lookup and the fleet's index leave it out.
    this.#index = db.prepare<[], IndexRow>(
      'SELECT id, name, ward, ward_code, location_kind, tags, operating_hours, fallback_playlist_id FROM screens WHERE retired_at IS NULL',
    );
    this.#sightings = db.prepare<[], ScreenSightingRow>('SELECT id, last_seen_at, manifest_version FROM screens WHERE retired_at IS NULL').raw();
    this.#noOfflineCache = db.prepare<[], string>(`SELECT id FROM screens WHERE retired_at IS NULL AND ${NO_OFFLINE_CACHE}`).pluck();
    // `+retired_at`: found by id (the primary key's index, ~0.2 ms for a page of 50), not by
    // scanning every screen in service through the retired_at index (~1.5 ms at 10,000 screens).
    this.#many = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM screens WHERE id IN (SELECT value FROM json_each(?)) AND +retired_at IS NULL`);
    this.#dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.#all = db.prepare<[], Row>(`SELECT ${COLUMNS} FROM screens WHERE retired_at IS NULL ORDER BY name, id`);
    this.#ever = db.prepare<[], Row>(`SELECT ${COLUMNS} FROM screens ORDER BY name, id`);
    this.#byId = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM screens WHERE id = ? AND retired_at IS NULL`);
    this.#byIdEver = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM screens WHERE id = ?`);
    this.#byToken = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM screens WHERE token_hash = ? AND retired_at IS NULL`);
    this.#retire = db.prepare('UPDATE screens SET retired_at = ? WHERE id = ? AND retired_at IS NULL');
    this.#insert = db.prepare(
      `INSERT INTO screens (id, name, token_hash, ward, location_kind, tags, created_at, ward_code, canvas, ticker_strip, theme)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#setLayout = db.prepare('UPDATE screens SET canvas = ?, ticker_strip = ?, theme = ? WHERE id = ?');
    this.#setHours = db.prepare('UPDATE screens SET operating_hours = ?, daily_reload_at = ? WHERE id = ?');
    this.#setWard = db.prepare('UPDATE screens SET ward_code = ? WHERE id = ?');
    this.#setFallback = db.prepare('UPDATE screens SET fallback_playlist_id = ? WHERE id = ?');
    this.#setDetails = db.prepare('UPDATE screens SET name = ?, ward = ?, location_kind = ?, tags = ? WHERE id = ?');
    this.#sighting = db.prepare(
      `UPDATE screens SET last_seen_at = ?, manifest_version = ?, player_version = ?, viewport = ?,
         health = coalesce(?, health) WHERE id = ?`,
    );
  }

  /** The screens in service (not retired). */
  list(): ScreenRecord[] {
    return this.#all.all().map(toRecord);
  }

  /** Every screen there ever was, retired ones too: what reports count past airtime over. */
  listEver(): ScreenRecord[] {
    return this.#ever.all().map(toRecord);
  }

  /** A screen by id, retired or not: for what outlives its service (a printed QR code's scans). */
  getEver(id: string): ScreenRecord | undefined {
    const row = this.#byIdEver.get(id);
    return row ? toRecord(row) : undefined;
  }

  /** The screens with these ids, in one query (in no particular order). */
  getMany(ids: readonly string[]): ScreenRecord[] {
    return ids.length ? this.#many.all(JSON.stringify(ids)).map(toRecord) : [];
  }

  /**
   * Changes whenever the index may have changed: a screen added or edited here, or any write
   * by another connection (an import beside the running server; SQLite's data_version).
   */
  indexStamp(): string {
    return `${this.#edits}|${this.#dataVersion.get()}`;
  }

  /**
   * Every screen's index entry, in no particular order (the fleet sorts them for people); read
   * again only when `indexStamp()` changed. The entries are shared: callers must not change them.
   */
  index(): readonly ScreenIndexEntry[] {
    const stamp = this.indexStamp();
    if (this.#cached?.stamp !== stamp) this.#cached = { stamp, entries: this.#readIndex() };
    return this.#cached.entries;
  }

  #readIndex(): ScreenIndexEntry[] {
    // Screens mostly share a few operating-hours settings: each stored form is checked once.
    const hours = new Map<string | null, ScreenRecord['hours']>([[null, null]]);
    return this.#index.all().map((r) => {
      let h = hours.get(r.operating_hours);
      if (h === undefined) hours.set(r.operating_hours, (h = parseStored(OperatingHours, r.operating_hours)));
      return {
        id: r.id, name: r.name, ward: r.ward, wardCode: r.ward_code, locationKind: r.location_kind as ScreenSettings['locationKind'],
        tags: JSON.parse(r.tags) as string[], hours: h, fallbackPlaylistId: r.fallback_playlist_id,
      };
    });
  }

  /**
   * Last seen and acknowledged version of every screen by id, as last written: read once, then
   * kept current by `recordSightings` (until a screen is added or edited, or another connection
   * wrote). The rows are shared: callers must not change them.
   */
  sightings(): ReadonlyMap<string, Readonly<ScreenSightingRow>> {
    const stamp = this.indexStamp();
    if (this.#seen?.stamp !== stamp) this.#seen = { stamp, rows: new Map(this.#sightings.all().map((r) => [r[0], r])) };
    return this.#seen.rows;
  }

  /** The ids of screens whose last report says they cannot play from their own cache. */
  withoutOfflineCache(): Set<string> {
    return new Set(this.#noOfflineCache.all());
  }

  /** A screen in service by id; a retired one reads as missing. */
  get(id: string): ScreenRecord | undefined {
    const row = this.#byId.get(id);
    return row ? toRecord(row) : undefined;
  }

  byTokenHash(tokenHash: string): ScreenRecord | undefined {
    const row = this.#byToken.get(tokenHash);
    return row ? toRecord(row) : undefined;
  }

  /** A screen without a layout gets the default one (whole viewport, no strip, outdoor). */
  insert(screen: ScreenSettingsInput & { wardCode?: string | null }, tokenHash: string, now: number): void {
    this.#edits += 1;
    const { id, name, ward, locationKind, tags, wardCode } = screen;
    const { canvas, ticker, theme } = screenSettings(screen);
    this.#insert.run(id, name, tokenHash, ward ?? null, locationKind, JSON.stringify(tags), now, wardCode ?? null,
      jsonOrNull(canvas), jsonOrNull(ticker), theme);
    for (const listener of this.#inserted) listener(id);
  }

  /**
   * Calls `listener` with the id of each screen inserted (inside the inserting transaction: read
   * it later). The scale-out bus hands new screens' token hashes to the gateways at once.
   */
  onInserted(listener: (id: string) => void): () => void {
    this.#inserted.add(listener);
    return () => this.#inserted.delete(listener);
  }

  /**
   * Marks a screen retired from `now` on: it leaves every live list and lookup, its row stays
   * for reports. Its token is revoked apart (ScreenTokenRepo). False when it is missing or retired.
   */
  retire(id: string, now: number): boolean {
    this.#edits += 1;
    return this.#retire.run(now, id).changes === 1;
  }

  /** Sets a screen's canvas, ticker strip and theme; false when there is no such screen. */
  setLayout(id: string, layout: ScreenLayout): boolean {
    this.#edits += 1;
    return this.#setLayout.run(jsonOrNull(layout.canvas), jsonOrNull(layout.ticker), layout.theme, id).changes === 1;
  }

  /** Sets a screen's operating hours and daily reload time; false when there is no such screen. */
  setHours(id: string, hours: ScreenHours): boolean {
    this.#edits += 1;
    return this.#setHours.run(jsonOrNull(hours.hours), hours.dailyReloadAt, id).changes === 1;
  }

  /** Sets a screen's own fallback playlist, or null for the city default; false when there is no such screen. */
  setFallback(id: string, playlistId: string | null): boolean {
    this.#edits += 1;
    return this.#setFallback.run(playlistId, id).changes === 1;
  }

  /** Sets a screen's name, ward label, location kind and tags; false when there is no such screen. */
  setDetails(id: string, details: ScreenDetails): boolean {
    this.#edits += 1;
    return this.#setDetails.run(details.name, details.ward, details.locationKind, JSON.stringify(details.tags), id).changes === 1;
  }

  /** Links a screen to a ward by code, or unlinks it; the free-text `ward` label stays. */
  setWardCode(id: string, wardCode: string | null): boolean {
    this.#edits += 1;
    return this.#setWard.run(wardCode, id).changes === 1;
  }

  /** Writes many sightings in one transaction. */
  recordSightings(sightings: ScreenSighting[]): void {
    // Not synced to disk on its own (db/connection.ts `unsynced`): a power cut loses the last
    // seconds of sightings, which were only in memory a moment before anyway.
    unsynced(this.#db, () => this.#db.transaction(() => {
      for (const s of sightings) {
        this.#sighting.run(s.lastSeenAt, s.manifestVersion, s.playerVersion, s.viewport ? JSON.stringify(s.viewport) : null,
          s.health ? JSON.stringify(s.health) : null, s.id);
      }
    })());
    const rows = this.#seen?.rows;
    if (rows) {
      for (const s of sightings) {
        const row = rows.get(s.id);
        if (row) [row[1], row[2]] = [s.lastSeenAt, s.manifestVersion];
      }
    }
  }
}
