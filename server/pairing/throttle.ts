import type { Clock } from '../clock.ts';

/**
 * A sliding-window counter per key, in memory: at most `limit` hits per key within `windowMs`.
 * It guards against guessing, so losing it on a restart is acceptable; it is bounded so a flood
 * of distinct keys cannot grow it without end.
 */
export class Throttle {
  readonly #hits = new Map<string, number[]>();

  constructor(
    private readonly options: { limit: number; windowMs: number; clock: Clock; maxKeys?: number },
  ) {}

  /** Milliseconds until every key is under its limit again; 0 when none is over it now. */
  waitMs(keys: readonly string[]): number {
    const now = this.options.clock.now();
    let wait = 0;
    for (const key of keys) {
      const hits = this.#recent(key, now);
      if (hits.length >= this.options.limit) {
        // The window frees up when the oldest hit that keeps the key at its limit leaves it.
        const freeing = hits[hits.length - this.options.limit]!;
        wait = Math.max(wait, freeing + this.options.windowMs - now);
      }
    }
    return wait;
  }

  /** Counts one hit against every key. */
  hit(keys: readonly string[]): void {
    const now = this.options.clock.now();
    for (const key of keys) {
      const hits = this.#recent(key, now);
      hits.push(now);
      this.#hits.delete(key);
      this.#hits.set(key, hits);
    }
    this.#bound(now);
  }

  #recent(key: string, now: number): number[] {
    const hits = this.#hits.get(key);
    if (!hits) return [];
    const from = now - this.options.windowMs;
    while (hits.length && hits[0]! <= from) hits.shift();
    if (!hits.length) this.#hits.delete(key);
    return hits;
  }

  #bound(now: number): void {
    const max = this.options.maxKeys ?? 10_000;
    if (this.#hits.size <= max) return;
    for (const key of [...this.#hits.keys()]) this.#recent(key, now);
    // Still too many: forget the keys hit least recently (Map order is insertion order).
    for (const key of this.#hits.keys()) {
      if (this.#hits.size <= max) break;
      this.#hits.delete(key);
    }
  }
}
