import { Manifest, PairingStarted, PlayEvent, ScreenSettings } from '../playlists/index.ts';
import { z } from 'zod';

/**
 * What the player keeps across reboots: its token, the last applied manifest and its screen
 * settings. Backed by localStorage for now; kept behind this small class so IndexedDB can
 * replace it without touching the rest of the player.
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

/** The same bounds the `hello` message puts on a token. */
const TOKEN_MAX = 200;

export class PlayerStore {
  /** `null` storage (disabled or unavailable) makes every read miss and every write a no-op. */
  constructor(private readonly storage: KeyValueStorage | null) {}

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
  }

  manifest(): Manifest | null {
    return this.readJson(STORE_KEYS.manifest, Manifest);
  }

  saveManifest(manifest: Manifest): void {
    this.write(STORE_KEYS.manifest, JSON.stringify(manifest));
  }

  forgetManifest(): void {
    this.remove(STORE_KEYS.manifest);
  }

  screen(): ScreenSettings | null {
    return this.readJson(STORE_KEYS.screen, ScreenSettings);
  }

  saveScreen(screen: ScreenSettings): void {
    this.write(STORE_KEYS.screen, JSON.stringify(screen));
  }

  pairing(): PairingStarted | null {
    return this.readJson(STORE_KEYS.pairing, PairingStarted);
  }

  savePairing(pairing: PairingStarted): void {
    this.write(STORE_KEYS.pairing, JSON.stringify(pairing));
  }

  forgetPairing(): void {
    this.remove(STORE_KEYS.pairing);
  }

  /** The queued play events; any that no longer parse are dropped one by one, not the lot. */
  plays(): PlayEvent[] {
    const raw = this.readJson(STORE_KEYS.plays, z.array(z.unknown()));
    if (!raw) return [];
    return raw.flatMap((event) => {
      const parsed = PlayEvent.safeParse(event);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** False when the write failed (quota): the caller keeps the events in memory meanwhile. */
  savePlays(events: readonly PlayEvent[]): boolean {
    if (!events.length) {
      this.remove(STORE_KEYS.plays);
      return true;
    }
    return this.write(STORE_KEYS.plays, JSON.stringify(events));
  }

  playsDropped(): number {
    const n = Number(this.read(STORE_KEYS.playsDropped) ?? 0);
    return Number.isSafeInteger(n) && n > 0 ? n : 0;
  }

  savePlaysDropped(n: number): void {
    this.write(STORE_KEYS.playsDropped, String(n));
  }

  /** Re-validates what was stored: an older player version or a hand edit may have left junk. */
  private readJson<T extends z.ZodType>(key: string, schema: T): z.infer<T> | null {
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
