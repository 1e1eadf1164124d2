import '../playlists/zod-config.ts';
import { Manifest, PlayEvent, ScreenSettings, type PairingStarted } from '../playlists/player.ts';
import * as z from 'zod/mini';
import type { PlayerDb, PlayRecord, StateKey } from './store-db.ts';

/**
 * What the player keeps across reboots. Reads are synchronous, from a mirror in memory, so
 * playback never waits on storage; writes go through to the backing store in order.
 *
 * - The token and a pairing in progress stay in localStorage: tiny, and read before anything
 *   else at boot, synchronously (no IndexedDB open on the path to the first frame's decision).
 * - The manifest, the screen settings and the proof-of-play queue live in IndexedDB (`load()`
 *   reads them once at boot). Where IndexedDB cannot be opened they stay in localStorage, as
 *   before; data an older player left in localStorage moves to IndexedDB once, at `load()`.
 */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const STORE_KEYS = {
  token: 'bangtin.token',
  manifest: 'bangtin.manifest',
  screen: 'bangtin.screen',
  /** A pairing in progress, so a reboot shows the same code. */
  pairing: 'bangtin.pairing',
  /** Proof-of-play events not yet acknowledged by the server, oldest first. */
  plays: 'bangtin.plays',
  /** How many events were dropped because the queue was full. */
  playsDropped: 'bangtin.playsDropped',
} as const;

/** Keys that move to IndexedDB, by the name they have there. */
const MOVED: Record<StateKey, string> = { manifest: STORE_KEYS.manifest, screen: STORE_KEYS.screen, playsDropped: STORE_KEYS.playsDropped };

/** The same bounds the `hello` message puts on a token. */
const TOKEN_MAX = 200;

interface Mirror {
  manifest: Manifest | null;
  screen: ScreenSettings | null;
  plays: PlayEvent[];
  playsDropped: number;
}

export class PlayerStore {
  private mirror: Mirror;
  /** Sequence numbers of the queued plays in the database, by event id (keeps the order). */
  private playSeq = new Map<string, number>();
  private nextSeq = 1;
  private writes: Promise<void> = Promise.resolve();
  private db: PlayerDb | null = null;
  private loading: Promise<void> | null = null;

  /**
   * `storage` null (disabled or unavailable) makes every read miss and every write a no-op.
   * `db` (IndexedDB) takes over the manifest, screen and plays once `load()` has run.
   */
  constructor(
    private readonly storage: KeyValueStorage | null,
    private readonly openDb: (() => Promise<PlayerDb | null>) | null = null,
  ) {
    this.mirror = {
      manifest: this.readJson(STORE_KEYS.manifest, Manifest),
      screen: this.readJson(STORE_KEYS.screen, ScreenSettings),
      plays: parsePlays(this.readJson(STORE_KEYS.plays, z.array(z.unknown()))),
      playsDropped: count(this.read(STORE_KEYS.playsDropped)),
    };
  }

  /**
   * Opens the database and reads it into the mirror. What an older player left in localStorage
   * is moved over once (the database wins where both have a value). Never throws: without a
   * database the store goes on over localStorage.
   */
  load(): Promise<void> {
    this.loading ??= this.loadOnce();
    return this.loading;
  }

  private async loadOnce(): Promise<void> {
    let db: PlayerDb | null = null;
    try {
      db = (await this.openDb?.()) ?? null;
    } catch (err) {
      console.warn('bangtin: IndexedDB unavailable, storing in localStorage', err);
    }
    if (!db) return;
    let stored: Awaited<ReturnType<PlayerDb['load']>>;
    try {
      stored = await db.load();
    } catch (err) {
      console.warn('bangtin: could not read IndexedDB, storing in localStorage', err);
      return;
    }
    this.db = db;
    const legacy = this.mirror;
    const manifest = parseOrNull(Manifest, stored.state.get('manifest'), 'manifest');
    const screen = parseOrNull(ScreenSettings, stored.state.get('screen'), 'screen');
    const plays = parsePlays(stored.plays.map((r) => r.event));
    const dropped = stored.state.get('playsDropped');
    this.mirror = {
      manifest: manifest ?? legacy.manifest,
      screen: screen ?? legacy.screen,
      plays: stored.plays.length ? plays : legacy.plays,
      playsDropped: typeof dropped === 'number' ? count(String(dropped)) : legacy.playsDropped,
    };
    for (const record of stored.plays) {
      const id = (record.event as { id?: unknown } | null)?.id;
      if (typeof id === 'string') this.playSeq.set(id, record.seq);
      this.nextSeq = Math.max(this.nextSeq, record.seq + 1);
    }
    // Move what only localStorage had, then forget it there: this runs once.
    if (!manifest && legacy.manifest) this.writeState('manifest', legacy.manifest);
    if (!screen && legacy.screen) this.writeState('screen', legacy.screen);
    if (typeof dropped !== 'number' && legacy.playsDropped) this.writeState('playsDropped', legacy.playsDropped);
    if (!stored.plays.length && legacy.plays.length) this.savePlays(legacy.plays);
    // Invalid records dropped on reading are removed from the database too.
    const valid = new Set(plays.map((e) => e.id));
    const staleIds = stored.plays.flatMap((r) => {
      const id = (r.event as { id?: unknown } | null)?.id;
      return typeof id === 'string' && !valid.has(id) ? [id] : [];
    });
    if (staleIds.length) this.enqueue((d) => d.updatePlays([], staleIds));
    await this.flushed();
    for (const key of [...Object.values(MOVED), STORE_KEYS.plays]) this.remove(key);
  }

  /** Settles once every write so far reached the backing store. */
  flushed(): Promise<void> {
    return this.writes;
  }

  token(): string | null {
    const token = this.read(STORE_KEYS.token);
    return token && isToken(token) ? token : null;
  }

  saveToken(token: string): void {
    this.write(STORE_KEYS.token, token);
  }

  /** Forgets the token and everything that belonged to the screen it named. */
  forgetScreen(): void {
    for (const key of Object.values(STORE_KEYS)) this.remove(key);
    this.mirror = { manifest: null, screen: null, plays: [], playsDropped: 0 };
    this.playSeq.clear();
    this.enqueue((db) => db.clear());
  }

  manifest(): Manifest | null {
    return this.mirror.manifest;
  }

  saveManifest(manifest: Manifest): void {
    this.mirror.manifest = manifest;
    if (this.db) this.writeState('manifest', manifest);
    else this.write(STORE_KEYS.manifest, JSON.stringify(manifest));
  }

  forgetManifest(): void {
    this.mirror.manifest = null;
    if (this.db) this.writeState('manifest', undefined);
    else this.remove(STORE_KEYS.manifest);
  }

  screen(): ScreenSettings | null {
    return this.mirror.screen;
  }

  saveScreen(screen: ScreenSettings): void {
    this.mirror.screen = screen;
    if (this.db) this.writeState('screen', screen);
    else this.write(STORE_KEYS.screen, JSON.stringify(screen));
  }

  /** The pairing in progress, checked against `schema` (pairing.ts's: only a screen pairing loads it). */
  pairing<T extends z.ZodMiniType<PairingStarted>>(schema: T): z.infer<T> | null {
    return this.readJson(STORE_KEYS.pairing, schema);
  }

  savePairing(pairing: PairingStarted): void {
    this.write(STORE_KEYS.pairing, JSON.stringify(pairing));
  }

  forgetPairing(): void {
    this.remove(STORE_KEYS.pairing);
  }

  /** The queued play events, oldest first. */
  plays(): PlayEvent[] {
    return this.mirror.plays.slice();
  }

  /**
   * Replaces the queue. In IndexedDB each event is its own record, so only the events added
   * and removed are written. False when the write failed at once (localStorage quota): the
   * caller keeps the events in memory meanwhile.
   */
  savePlays(events: readonly PlayEvent[]): boolean {
    this.mirror.plays = events.slice();
    if (!this.db) {
      if (!events.length) {
        this.remove(STORE_KEYS.plays);
        return true;
      }
      return this.write(STORE_KEYS.plays, JSON.stringify(events));
    }
    const put: PlayRecord[] = [];
    const keep = new Set<string>();
    for (const event of events) {
      keep.add(event.id);
      if (this.playSeq.has(event.id)) continue;
      const seq = this.nextSeq++;
      this.playSeq.set(event.id, seq);
      put.push({ seq, event });
    }
    const removed: string[] = [];
    for (const id of this.playSeq.keys()) if (!keep.has(id)) removed.push(id);
    for (const id of removed) this.playSeq.delete(id);
    if (put.length || removed.length) this.enqueue((db) => db.updatePlays(put, removed));
    return true;
  }

  playsDropped(): number {
    return this.mirror.playsDropped;
  }

  savePlaysDropped(n: number): void {
    this.mirror.playsDropped = n;
    if (this.db) this.writeState('playsDropped', n);
    else this.write(STORE_KEYS.playsDropped, String(n));
  }

  private writeState(key: StateKey, value: unknown): void {
    this.enqueue((db) => db.setState(key, value));
  }

  /** Database writes run one after another, in the order they were made. */
  private enqueue(op: (db: PlayerDb) => Promise<void>): void {
    const db = this.db;
    if (!db) return;
    this.writes = this.writes.then(() => op(db)).catch((err: unknown) => {
      // Quota or a closed database: the player still plays from memory.
      console.warn('bangtin: could not write to IndexedDB', err);
    });
  }

  /** Re-validates what was stored: an older player version or a hand edit may have left junk. */
  private readJson<T extends z.ZodMiniType>(key: string, schema: T): z.infer<T> | null {
    const raw = this.read(key);
    if (raw === null) return null;
    try {
      const result = schema.safeParse(JSON.parse(raw));
      if (result.success) return result.data;
    } catch {
      // not JSON: fall through
    }
    console.warn(`bangtin: dropping invalid stored ${key}`);
    this.remove(key);
    return null;
  }

  private read(key: string): string | null {
    try {
      return this.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  private write(key: string, value: string): boolean {
    try {
      this.storage?.setItem(key, value);
      return this.storage !== null;
    } catch (err) {
      // Quota or disabled storage: the player still plays, it just will not survive a reboot.
      console.warn(`bangtin: could not store ${key}`, err);
      return false;
    }
  }

  private remove(key: string): void {
    try {
      this.storage?.removeItem(key);
    } catch {
      // nothing to do
    }
  }
}

function parseOrNull<T extends z.ZodMiniType>(schema: T, value: unknown, name: string): z.infer<T> | null {
  if (value === undefined) return null;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  console.warn(`bangtin: dropping invalid stored ${name}`);
  return null;
}

/** Events that still parse, one by one: a bad one does not cost the others. */
function parsePlays(raw: readonly unknown[] | null): PlayEvent[] {
  if (!raw) return [];
  return raw.flatMap((event) => {
    const parsed = PlayEvent.safeParse(event);
    return parsed.success ? [parsed.data] : [];
  });
}

function count(raw: string | null): number {
  const n = Number(raw ?? 0);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

export function isToken(value: string): boolean {
  return value.length > 0 && value.length <= TOKEN_MAX;
}

/**
 * The token to use on this load. A `?token=` in the address wins and is saved, then removed
 * from the address bar (`replaceUrl`) so it does not linger in history or screenshots; later
 * loads use the saved one.
 */
export function takeToken(href: string, store: PlayerStore, replaceUrl: (url: string) => void): string | null {
  const url = new URL(href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    url.searchParams.delete('token');
    replaceUrl(url.pathname + url.search + url.hash);
    const token = fromUrl.trim();
    if (isToken(token)) {
      store.saveToken(token);
      return token;
    }
  }
  return store.token();
}

/** localStorage, or null where reading it throws (some WebViews with storage disabled). */
export function browserStorage(): KeyValueStorage | null {
  try {
    const storage = window.localStorage;
    storage.getItem(STORE_KEYS.token);
    return storage;
  } catch {
    return null;
  }
}
