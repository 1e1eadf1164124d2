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

const DB_NAME = 'bangtin-player';
const DB_VERSION = 1;

/** A request's result, as a promise. */
function result<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Settles when a transaction committed; rejects when it failed or was aborted. */
function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
  });
}

/**
 * The player's IndexedDB, or null where the browser has none. Two stores: `state` (manifest,
 * screen, counters; any key) and `plays`, keyed by the event's id so an acknowledgement deletes
 * it directly. A few lines of IndexedDB, where a wrapper library cost a kilobyte of boot
 * JavaScript (DESIGN.md "Budgets").
 */
export async function openPlayerDb(): Promise<PlayerDb | null> {
  if (typeof indexedDB === 'undefined') return null;
  const request = indexedDB.open(DB_NAME, DB_VERSION);
  request.onupgradeneeded = () => {
    request.result.createObjectStore('state');
    request.result.createObjectStore('plays');
  };
  return new IdbPlayerDb(await result(request));
}

class IdbPlayerDb implements PlayerDb {
  constructor(private readonly db: IDBDatabase) {}

  async load(): Promise<{ state: Map<string, unknown>; plays: PlayRecord[] }> {
    const tx = this.db.transaction(['state', 'plays'], 'readonly');
    const state = new Map<string, unknown>();
    const stateStore = tx.objectStore('state');
    const [keys, values, plays] = await Promise.all([
      result(stateStore.getAllKeys()),
      result(stateStore.getAll()),
      result(tx.objectStore('plays').getAll() as IDBRequest<PlayRecord[]>),
      done(tx),
    ]);
    keys.forEach((key, i) => state.set(String(key), values[i]));
    return { state, plays: plays.sort((a, b) => a.seq - b.seq) };
  }

  async setState(key: StateKey, value: unknown): Promise<void> {
    const tx = this.db.transaction('state', 'readwrite');
    const store = tx.objectStore('state');
    if (value === undefined) store.delete(key);
    else store.put(value, key);
    await done(tx);
  }

  async updatePlays(put: readonly PlayRecord[], remove: readonly string[]): Promise<void> {
    const tx = this.db.transaction('plays', 'readwrite');
    const store = tx.objectStore('plays');
    for (const record of put) store.put(record, (record.event as { id: string }).id);
    for (const id of remove) store.delete(id);
    // A failed request fails (aborts) the transaction: it rejects here, not unhandled.
    await done(tx);
  }

  async clear(): Promise<void> {
    const tx = this.db.transaction(['state', 'plays'], 'readwrite');
    tx.objectStore('state').clear();
    tx.objectStore('plays').clear();
    await done(tx);
  }
}
