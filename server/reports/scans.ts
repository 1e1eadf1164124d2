import { createHash, randomBytes } from 'node:crypto';
import { PREVIEW_SCREEN_ID, parseShortCode } from '../../playlists/short-link.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import type { ScreenRecord } from '../repos/screens.ts';
import type { ItemCatalog } from './items.ts';

/** Addresses × codes remembered within one minute; past this a flood is simply not counted. */
export const MAX_SEEN_PER_MINUTE = 100_000;

/**
 * QR scans of screens' short links (`/r/<screen id>.<item id>`): each counted with its screen,
 * the screen's ward, the item and the time — nothing about the person. The same address scanning
 * the same code again within a minute is counted once: for that, a hash of the address and code
 * with a salt that lives only in this process is kept in memory until the minute ends; the
 * address itself is never stored, logged or written anywhere.
 */
export class ScanCounter {
  readonly #salt = randomBytes(16);
  #minute = -1;
  readonly #seen = new Set<string>();
  readonly #insert;

  constructor(private readonly deps: { db: Db; clock: Clock; screens: { getEver(id: string): ScreenRecord | undefined }; items: ItemCatalog }) {
    this.#insert = deps.db.prepare('INSERT INTO qr_scans (screen_id, ward_code, item_id, scanned_at) VALUES (?, ?, ?, ?)');
  }

  /**
   * The address to send a scan of `code` to, counting the scan; null for a code that names no
   * screen, no item with a QR address, or one that is not http(s).
   */
  scan(code: string, address: string): string | null {
    const parsed = parseShortCode(code);
    if (!parsed) return null;
    const preview = parsed.screenId === PREVIEW_SCREEN_ID;
    // A code photographed off a screen since retired still leads where it pointed, and counts
    // for that screen: its past airtime is what people scan.
    const screen = preview ? null : this.deps.screens.getEver(parsed.screenId);
    const target = screen || preview ? this.deps.items.lookup([parsed.itemId]).get(parsed.itemId)?.qrUrl : null;
    if (!target || !isHttp(target)) return null;
    // A code scanned off the admin's preview leads where the item points; it is no screen's scan.
    if (!screen) return target;
    const now = this.deps.clock.now();
    if (this.#first(address, code, now)) {
      try {
        this.#insert.run(screen.id, screen.wardCode ?? null, parsed.itemId, now);
      } catch (err) {
        // The person still gets where the code points; a scan lost to a full disk is only a number.
        console.warn(`qr scan not counted: ${(err as Error).message}`);
      }
    }
    return target;
  }

  #first(address: string, code: string, now: number): boolean {
    const minute = Math.floor(now / 60_000);
    if (minute !== this.#minute) {
      this.#minute = minute;
      this.#seen.clear();
    }
    const key = createHash('sha256').update(this.#salt).update(address).update('\n').update(code).digest('base64url');
    if (this.#seen.has(key) || this.#seen.size >= MAX_SEEN_PER_MINUTE) return false;
    this.#seen.add(key);
    return true;
  }
}

export function isHttp(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
