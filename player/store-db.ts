import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** What `PlayerStore` keeps in IndexedDB besides the plays. */
export type StateKey = 'manifest' | 'screen' | 'playsDropped';

/** One queued play event; `seq` keeps the queue's order (ids are random). */
export interface PlayRecord {
  seq: number;
  event: unknown;
}

/** The database as `PlayerStore` uses it. Values are re-validated on reading. */
export interface PlayerDb {
  load(): Promise<{ state: Map<string, unknown>; plays: PlayRecord[] }>;
  /** `undefined` deletes the key. */
  setState(key: StateKey, value: unknown): Promise<void>;
  updatePlays(put: readonly PlayRecord[], remove: readonly string[]): Promise<void>;
  clear(): Promise<void>;
}

interface Schema extends DBSchema {
  state: { key: string; value: unknown };
  /** Keyed by the event's id, so an acknowledgement deletes it directly. */
  plays: { key: string; value: PlayRecord };
}

const DB_NAME = 'bangtin-player';
const DB_VERSION = 1;

/** The player's IndexedDB (via `idb`), or null where the browser has none. */
export async function openPlayerDb(): Promise<PlayerDb | null> {
  if (typeof indexedDB === 'undefined') return null;
  const db = await openDB<Schema>(DB_NAME, DB_VERSION, {
    upgrade(db) {
      db.createObjectStore('state');
      db.createObjectStore('plays');
    },
  });
  return new IdbPlayerDb(db);
}

class IdbPlayerDb implements PlayerDb {
  constructor(private readonly db: IDBPDatabase<Schema>) {}

  async load(): Promise<{ state: Map<string, unknown>; plays: PlayRecord[] }> {
    const tx = this.db.transaction(['state', 'plays'], 'readonly');
    const state = new Map<string, unknown>();
    const stateStore = tx.objectStore('state');
    const [keys, values, plays] = await Promise.all([stateStore.getAllKeys(), stateStore.getAll(), tx.objectStore('plays').getAll(), tx.done]);
    keys.forEach((key, i) => state.set(key, values[i]));
    return { state, plays: plays.sort((a, b) => a.seq - b.seq) };
  }

  async setState(key: StateKey, value: unknown): Promise<void> {
    if (value === undefined) await this.db.delete('state', key);
    else await this.db.put('state', value, key);
  }

  async updatePlays(put: readonly PlayRecord[], remove: readonly string[]): Promise<void> {
    const tx = this.db.transaction('plays', 'readwrite');
    // Awaited together, so a failed request rejects here instead of going unhandled.
    await Promise.all([
      ...put.map((record) => tx.store.put(record, (record.event as { id: string }).id)),
      ...remove.map((id) => tx.store.delete(id)),
      tx.done,
    ]);
  }

  async clear(): Promise<void> {
    const tx = this.db.transaction(['state', 'plays'], 'readwrite');
    await Promise.all([tx.objectStore('state').clear(), tx.objectStore('plays').clear(), tx.done]);
  }
}
