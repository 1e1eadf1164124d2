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
import type { Db } from '../db/connection.ts';

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
};

const COLUMNS =
  'id, name, ward, ward_code, location_kind, tags, created_at, last_seen_at, manifest_version, player_version, viewport, health, canvas, ticker_strip, theme, operating_hours, daily_reload_at, fallback_playlist_id';

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

const jsonOrNull = (value: object | null) => (value ? JSON.stringify(value) : null);

export class ScreenRepo {
  readonly #all;
  readonly #byId;
  readonly #byToken;
  readonly #insert;
  readonly #sighting;
  readonly #setWard;
  readonly #setLayout;
  readonly #setHours;
  readonly #setFallback;
  readonly #setDetails;
  readonly #db: Db;
  readonly #inserted = new Set<(id: string) => void>();

  constructor(db: Db) {
    this.#db = db;
    this.#all = db.prepare<[], Row>(`SELECT ${COLUMNS} FROM screens ORDER BY name, id`);
    this.#byId = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM screens WHERE id = ?`);
    this.#byToken = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM screens WHERE token_hash = ?`);
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

  /** A screen without a layout gets the default one (whole viewport, no strip, outdoor). */
  insert(screen: ScreenSettingsInput & { wardCode?: string | null }, tokenHash: string, now: number): void {
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

  /** Sets a screen's canvas, ticker strip and theme; false when there is no such screen. */
  setLayout(id: string, layout: ScreenLayout): boolean {
    return this.#setLayout.run(jsonOrNull(layout.canvas), jsonOrNull(layout.ticker), layout.theme, id).changes === 1;
  }

  /** Sets a screen's operating hours and daily reload time; false when there is no such screen. */
  setHours(id: string, hours: ScreenHours): boolean {
    return this.#setHours.run(jsonOrNull(hours.hours), hours.dailyReloadAt, id).changes === 1;
  }

  /** Sets a screen's own fallback playlist, or null for the city default; false when there is no such screen. */
  setFallback(id: string, playlistId: string | null): boolean {
    return this.#setFallback.run(playlistId, id).changes === 1;
  }

  /** Sets a screen's name, ward label, location kind and tags; false when there is no such screen. */
  setDetails(id: string, details: ScreenDetails): boolean {
    return this.#setDetails.run(details.name, details.ward, details.locationKind, JSON.stringify(details.tags), id).changes === 1;
  }

  /** Links a screen to a ward by code, or unlinks it; the free-text `ward` label stays. */
  setWardCode(id: string, wardCode: string | null): boolean {
    return this.#setWard.run(wardCode, id).changes === 1;
  }

  /** Writes many sightings in one transaction. */
  recordSightings(sightings: ScreenSighting[]): void {
    this.#db.transaction(() => {
      for (const s of sightings) {
        this.#sighting.run(s.lastSeenAt, s.manifestVersion, s.playerVersion, s.viewport ? JSON.stringify(s.viewport) : null,
          s.health ? JSON.stringify(s.health) : null, s.id);
      }
    })();
  }
}
