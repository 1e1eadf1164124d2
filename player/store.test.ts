import { describe, expect, it, vi } from 'vitest';
import { STORE_KEYS, PlayerStore, takeToken, type KeyValueStorage } from './store.ts';
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
    store.saveScreen({ id: 's1', name: 'Màn hình 1', ward: null, locationKind: 'park', tags: [] });
    expect(store.screen()?.id).toBe('s1');
    store.forgetScreen();
    expect(store.token()).toBeNull();
    expect(storage.data.size).toBe(0);
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
