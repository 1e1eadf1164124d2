// Fixtures for the player's unit tests (not part of the bundle).
import { Manifest, type PublishedItem } from '../playlists/player.ts';
import type { Timers } from './clock.ts';

/** 04/10/2026 00:00 in Asia/Ho_Chi_Minh. */
export const DAY_START = Date.parse('2026-10-04T00:00:00+07:00');

export function slogan(id: string, durationMs: number, text = `Slogan ${id}`): Extract<PublishedItem, { kind: 'slogan' }> {
  return { kind: 'slogan', id, revision: 1, theme: 1, durationMs, text };
}

export function manifest(items: PublishedItem[], version = 'a'.repeat(16), itemIds = items.map((i) => i.id)): Manifest {
  return Manifest.parse({
    version,
    format: 1,
    revision: 1,
    horizon: { from: '2026-10-01T00:00:00+07:00', until: '2026-10-12T00:00:00+07:00' },
    items,
    playlists: [{ id: 'main', name: 'Main', itemIds }],
    schedules: [],
    fallback: { playlistId: 'main' },
    media: [],
  });
}

/** Manual time: timers fire only when `advance` passes them. */
export class FakeTimers implements Timers {
  now = 0;
  private next = 1;
  private pending = new Map<number, { at: number; fn: () => void }>();

  set(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, fn });
    return id;
  }

  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Runs every timer due within `ms`, in order, moving `now` along. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      let first: [number, { at: number; fn: () => void }] | null = null;
      for (const entry of this.pending) if (entry[1].at <= end && (!first || entry[1].at < first[1].at)) first = entry;
      if (!first) break;
      this.pending.delete(first[0]);
      this.now = Math.max(this.now, first[1].at);
      first[1].fn();
    }
    this.now = end;
  }
}

/** localStorage in memory. */
export class MemoryStorage {
  data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

/** Lets pending promise callbacks (a fetch answered, a body parsed) run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
