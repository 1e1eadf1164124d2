import { describe, expect, it, vi } from 'vitest';
import { screenSettings, type PlayEvent } from '../playlists/index.ts';
import { STORE_KEYS, PlayerStore, takeToken, type KeyValueStorage } from './store.ts';
import type { PlayerDb, PlayRecord, StateKey } from './store-db.ts';
import { manifest, slogan } from './test-fixtures.ts';

class MemoryStorage implements KeyValueStorage {
  data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

describe('takeToken', () => {
  it('saves a token from the address and removes it from the address bar', () => {
    const storage = new MemoryStorage();
    const replace = vi.fn();
    const token = takeToken('http://box.local:8080/player/?token=abc123&x=1#top', new PlayerStore(storage), replace);
    expect(token).toBe('abc123');
    expect(storage.getItem(STORE_KEYS.token)).toBe('abc123');
    expect(replace).toHaveBeenCalledWith('/player/?x=1#top');
  });

  it('uses the saved token on later loads without touching the address', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORE_KEYS.token, 'saved');
    const replace = vi.fn();
    expect(takeToken('http://box.local/player/', new PlayerStore(storage), replace)).toBe('saved');
    expect(replace).not.toHaveBeenCalled();
  });

  it('prefers a new token in the address over the saved one', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORE_KEYS.token, 'old');
    expect(takeToken('http://box.local/player/?token=new', new PlayerStore(storage), () => {})).toBe('new');
    expect(storage.getItem(STORE_KEYS.token)).toBe('new');
  });

  it('has no token on a first load without one, and ignores an empty one', () => {
    const replace = vi.fn();
    expect(takeToken('http://box.local/player/', new PlayerStore(new MemoryStorage()), replace)).toBeNull();
    expect(takeToken('http://box.local/player/?token=', new PlayerStore(new MemoryStorage()), replace)).toBeNull();
    expect(replace).toHaveBeenCalledWith('/player/');
  });

  it('still plays with the address token when storage is unavailable', () => {
    expect(takeToken('http://box.local/player/?token=t1', new PlayerStore(null), () => {})).toBe('t1');
  });
});

describe('PlayerStore', () => {
  it('gives back the manifest it saved', () => {
    const store = new PlayerStore(new MemoryStorage());
    const m = manifest([slogan('a', 5000)]);
    store.saveManifest(m);
    expect(store.manifest()).toEqual(m);
  });

  it('drops a stored manifest that no longer validates', () => {
    const storage = new MemoryStorage();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    storage.setItem(STORE_KEYS.manifest, JSON.stringify({ version: 'nope' }));
    storage.setItem(STORE_KEYS.screen, '{not json');
    const store = new PlayerStore(storage);
    expect(store.manifest()).toBeNull();
    expect(store.screen()).toBeNull();
    expect(storage.data.size).toBe(0);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('forgets the token with everything that belonged to the screen', () => {
    const storage = new MemoryStorage();
    const store = new PlayerStore(storage);
    store.saveToken('t');
    store.saveManifest(manifest([slogan('a', 5000)]));
    store.saveScreen(screenSettings({ id: 's1', name: 'Màn hình 1', ward: null, locationKind: 'park', tags: [] }));
    expect(store.screen()?.id).toBe('s1');
    store.forgetScreen();
    expect(store.token()).toBeNull();
    expect(storage.data.size).toBe(0);
  });

  it('reads a screen saved before layouts existed with the default layout', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORE_KEYS.screen, JSON.stringify({ id: 's1', name: 'Màn hình 1', ward: null, locationKind: 'park', tags: [] }));
    const screen = new PlayerStore(storage).screen();
    expect(screen).toMatchObject({ id: 's1', canvas: null, ticker: null, theme: 'outdoor' });
  });

  it('keeps playing when storage refuses writes', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const full: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    expect(() => new PlayerStore(full).saveManifest(manifest([slogan('a', 5000)]))).not.toThrow();
    warn.mockRestore();
  });
});

/** IndexedDB's role in memory: what `PlayerDb` promises, kept in maps (Node has no IndexedDB). */
class MemoryDb implements PlayerDb {
  state = new Map<string, unknown>();
  plays = new Map<string, PlayRecord>();
  async load() {
    return { state: new Map(this.state), plays: [...this.plays.values()].sort((a, b) => a.seq - b.seq) };
  }
  async setState(key: StateKey, value: unknown) {
    if (value === undefined) this.state.delete(key);
    else this.state.set(key, structuredClone(value));
  }
  async updatePlays(put: readonly PlayRecord[], remove: readonly string[]) {
    for (const r of put) this.plays.set((r.event as { id: string }).id, structuredClone(r));
    for (const id of remove) this.plays.delete(id);
  }
  async clear() {
    this.state.clear();
    this.plays.clear();
  }
}

const play = (id: string): PlayEvent => ({
  id,
  itemId: 'a',
  itemRevision: 1,
  playlistId: 'main',
  scheduleId: null,
  tier: 'fallback',
  theme: 1,
  startedAt: '2026-10-04T08:00:00.000+07:00',
  durationMs: 5_000,
  completed: true,
});

describe('PlayerStore over IndexedDB', () => {
  async function boot(storage: MemoryStorage, db: MemoryDb): Promise<PlayerStore> {
    const store = new PlayerStore(storage, async () => db);
    await store.load();
    return store;
  }

  it('keeps the manifest, screen and plays in the database and the token in localStorage', async () => {
    const storage = new MemoryStorage();
    const db = new MemoryDb();
    const store = await boot(storage, db);
    const m = manifest([slogan('a', 5000)]);
    store.saveToken('t');
    store.saveManifest(m);
    store.saveScreen(screenSettings({ id: 's1', name: 'Màn hình 1', ward: null, locationKind: 'park', tags: [] }));
    store.savePlays([play('evt-00000001'), play('evt-00000002')]);
    store.savePlaysDropped(3);
    await store.flushed();
    expect([...storage.data.keys()]).toEqual([STORE_KEYS.token]);
    const rebooted = await boot(storage, db);
    expect(rebooted.manifest()).toEqual(m);
    expect(rebooted.screen()?.id).toBe('s1');
    expect(rebooted.plays().map((e) => e.id)).toEqual(['evt-00000001', 'evt-00000002']);
    expect(rebooted.playsDropped()).toBe(3);
  });

  it('writes only the plays that came and went, and keeps their order across reboots', async () => {
    const db = new MemoryDb();
    const store = await boot(new MemoryStorage(), db);
    store.savePlays([play('evt-00000001'), play('evt-00000002')]);
    store.savePlays([play('evt-00000002'), play('evt-00000003')]);
    await store.flushed();
    expect([...db.plays.keys()].sort()).toEqual(['evt-00000002', 'evt-00000003']);
    const rebooted = await boot(new MemoryStorage(), db);
    rebooted.savePlays([...rebooted.plays(), play('evt-00000000')]);
    await rebooted.flushed();
    expect((await boot(new MemoryStorage(), db)).plays().map((e) => e.id)).toEqual(['evt-00000002', 'evt-00000003', 'evt-00000000']);
  });

  it('moves what an older player left in localStorage into the database, once', async () => {
    const storage = new MemoryStorage();
    const m = manifest([slogan('a', 5000)]);
    storage.setItem(STORE_KEYS.token, 'kept');
    storage.setItem(STORE_KEYS.manifest, JSON.stringify(m));
    storage.setItem(STORE_KEYS.plays, JSON.stringify([play('evt-00000001')]));
    storage.setItem(STORE_KEYS.playsDropped, '2');
    const db = new MemoryDb();
    const store = await boot(storage, db);
    expect(store.manifest()).toEqual(m);
    expect(store.plays().map((e) => e.id)).toEqual(['evt-00000001']);
    expect([...storage.data.keys()]).toEqual([STORE_KEYS.token]);
    expect(db.state.get('manifest')).toEqual(m);
    expect(db.state.get('playsDropped')).toBe(2);
    expect([...db.plays.keys()]).toEqual(['evt-00000001']);
  });

  it('drops an invalid record from the database and keeps the rest', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const db = new MemoryDb();
    db.state.set('manifest', { version: 'nope' });
    db.plays.set('evt-00000001', { seq: 1, event: play('evt-00000001') });
    db.plays.set('evt-00000002', { seq: 2, event: { ...play('evt-00000002'), theme: 9 } });
    const store = await boot(new MemoryStorage(), db);
    await store.flushed();
    expect(store.manifest()).toBeNull();
    expect(store.plays().map((e) => e.id)).toEqual(['evt-00000001']);
    expect([...db.plays.keys()]).toEqual(['evt-00000001']);
    warn.mockRestore();
  });

  it('forgets the screen in the database too', async () => {
    const storage = new MemoryStorage();
    const db = new MemoryDb();
    const store = await boot(storage, db);
    store.saveToken('t');
    store.saveManifest(manifest([slogan('a', 5000)]));
    store.savePlays([play('evt-00000001')]);
    store.forgetScreen();
    await store.flushed();
    expect(storage.data.size).toBe(0);
    expect(db.state.size + db.plays.size).toBe(0);
    expect(store.manifest()).toBeNull();
  });

  it('goes on over localStorage when the database cannot be opened', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const storage = new MemoryStorage();
    const store = new PlayerStore(storage, async () => {
      throw new DOMException('blocked', 'InvalidStateError');
    });
    await store.load();
    store.saveManifest(manifest([slogan('a', 5000)]));
    expect(storage.getItem(STORE_KEYS.manifest)).not.toBeNull();
    warn.mockRestore();
  });
});
