import type { Page } from '@playwright/test';
import type { Manifest, PlayEvent } from '../../playlists/index.ts';

/**
 * What a player page keeps in IndexedDB (player/store-db.ts), read with the browser's own API:
 * `state` holds the manifest, screen and dropped count; `plays` the queued events.
 */
async function readDb<T>(page: Page, store: 'state' | 'plays', key: string | null): Promise<T> {
  return page.evaluate(
    ({ store, key }) =>
      new Promise<T>((resolve, reject) => {
        const open = indexedDB.open('bangtin-player');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(store)) {
            db.close();
            resolve((key === null ? [] : null) as T);
            return;
          }
          const request = key === null ? db.transaction(store).objectStore(store).getAll() : db.transaction(store).objectStore(store).get(key);
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            db.close();
            resolve((request.result ?? null) as T);
          };
        };
      }),
    { store, key },
  );
}

/** The player's queue of play events not yet acknowledged, oldest first. */
export async function queuedPlays(page: Page): Promise<PlayEvent[]> {
  const records = await readDb<{ seq: number; event: PlayEvent }[]>(page, 'plays', null);
  return records.sort((a, b) => a.seq - b.seq).map((r) => r.event);
}

/** The manifest the player applied last, as stored for a reboot. */
export function storedManifest(page: Page): Promise<Manifest | null> {
  return readDb<Manifest | null>(page, 'state', 'manifest');
}
