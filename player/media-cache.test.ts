import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { MediaFile, MediaInfo } from '../playlists/index.ts';
import { MediaSync, Superseded } from './media-cache.ts';
import { FakeTimers } from './test-fixtures.ts';

const BASE = 'http://box.local';
const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Cache Storage's cache in memory (Node has none); keyed by absolute url like the browser's. */
class MemoryCache {
  entries = new Map<string, Uint8Array<ArrayBuffer>>();
  async match(url: string) {
    const bytes = this.entries.get(new URL(url, BASE).href);
    return bytes ? new Response(bytes) : undefined;
  }
  async put(url: string, response: Response) {
    this.entries.set(new URL(url, BASE).href, new Uint8Array(await response.arrayBuffer()));
  }
  async keys() {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
  async delete(url: string) {
    return this.entries.delete(new URL(url, BASE).href);
  }
  paths() {
    return [...this.entries.keys()].map((url) => new URL(url).pathname).sort();
  }
}

function medium(name: string): { info: MediaInfo; bytes: Uint8Array<ArrayBuffer> } {
  const bytes = new TextEncoder().encode(`picture ${name}`);
  const sha256 = hex(bytes);
  const file: MediaFile = { url: `/media/${sha256}.webp`, sha256, bytes: bytes.length, type: 'image/webp', width: 640, height: 360 };
  return { info: { id: sha256, kind: 'image', type: 'image/webp', bytes: bytes.length, width: 640, height: 360, durationMs: null, files: [file] }, bytes };
}

function setup() {
  const cache = new MemoryCache();
  const server = new Map<string, Uint8Array<ArrayBuffer>>();
  const fetched: string[] = [];
  const timers = new FakeTimers();
  const sync = new MediaSync({
    cache: async () => cache as unknown as Cache,
    fetch: async (url) => {
      fetched.push(url);
      const body = server.get(url);
      return body ? new Response(body) : new Response('not found', { status: 404 });
    },
    subtle: crypto.subtle,
    zones: () => [{ width: 640, height: 360 }],
    timers,
    random: () => 0.5,
  });
  const publish = (...media: { info: MediaInfo; bytes: Uint8Array<ArrayBuffer> }[]) => {
    for (const m of media) server.set(m.info.files[0]!.url, m.bytes);
  };
  return { cache, server, fetched, timers, sync, publish };
}

const a = medium('a');
const b = medium('b');
const manifest = (version: string, ...media: MediaInfo[]) => ({ version, media });

describe('MediaSync', () => {
  it('caches every file a manifest needs, verified, before it settles', async () => {
    const t = setup();
    t.publish(a, b);
    await t.sync.prepare(manifest('v1', a.info, b.info));
    expect(t.cache.paths()).toEqual([a.info.files[0]!.url, b.info.files[0]!.url].sort());
    expect(t.sync.progress).toMatchObject({ version: null, files: 2, filesDone: 2, error: null });
    expect(t.sync.cachedBytes).toBe(a.bytes.length + b.bytes.length);
  });

  it('does not download a cached file again', async () => {
    const t = setup();
    t.publish(a, b);
    await t.sync.prepare(manifest('v1', a.info));
    await t.sync.prepare(manifest('v2', a.info, b.info));
    expect(t.fetched).toEqual([a.info.files[0]!.url, b.info.files[0]!.url]);
  });

  it('refuses bytes that do not match their sha256 and holds the manifest back until they do', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const t = setup();
    t.server.set(a.info.files[0]!.url, new TextEncoder().encode('picture A'));
    let ready = false;
    const done = t.sync.prepare(manifest('v1', a.info)).then(() => (ready = true));
    await vi.waitFor(() => expect(t.sync.progress?.error?.reason).toBe('hash_mismatch'));
    expect(t.cache.paths()).toEqual([]);
    expect(ready).toBe(false);
    expect(t.sync.progress).toMatchObject({ version: 'v1', filesDone: 0, error: { url: a.info.files[0]!.url } });
    // The right bytes appear on the server: the retry after the backoff caches them.
    t.publish(a);
    t.timers.advance(60_000);
    await done;
    expect(t.cache.paths()).toEqual([a.info.files[0]!.url]);
    expect(t.sync.progress?.error).toBeNull();
    vi.restoreAllMocks();
  });

  it('reports a missing file and gives way to a newer manifest', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const t = setup();
    t.publish(b);
    const first = t.sync.prepare(manifest('v1', a.info, b.info));
    await vi.waitFor(() => expect(t.sync.progress?.error).toMatchObject({ reason: 'not_found', status: 404 }));
    // The other file still came down meanwhile.
    expect(t.sync.progress).toMatchObject({ files: 2, filesDone: 1 });
    const second = t.sync.prepare(manifest('v2', b.info));
    await expect(first).rejects.toBeInstanceOf(Superseded);
    await second;
    expect(t.sync.progress).toMatchObject({ version: null, files: 1, error: null });
    vi.restoreAllMocks();
  });

  it('shares one download when the same manifest comes twice (a reconnect)', async () => {
    const t = setup();
    t.publish(a);
    const one = t.sync.prepare(manifest('v1', a.info));
    expect(t.sync.prepare(manifest('v1', a.info))).toBe(one);
    await one;
    expect(t.fetched).toHaveLength(1);
  });

  it('evicts what neither the applied nor a pending manifest needs', async () => {
    const t = setup();
    const c = medium('c');
    t.publish(a, b, c);
    await t.sync.prepare(manifest('v1', a.info, b.info, c.info));
    await t.sync.evict(manifest('v2', a.info), manifest('v3', c.info));
    expect(t.cache.paths()).toEqual([a.info.files[0]!.url, c.info.files[0]!.url].sort());
  });
});
