import { afterEach, describe, expect, it, vi } from 'vitest';
import { WRITES_HOLD_MS, WRITES_RECHECK_MS } from '../storage/write-hold.ts';
import { inTurns } from './in-turns.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('inTurns (the hub\'s ping sweep)', () => {
  it('visits everything at once when there is time, and nothing while a push goes out until it has gone', () => {
    vi.useFakeTimers();
    const seen: number[] = [];
    inTurns([1, 2, 3], 8, () => true, () => false, (n) => seen.push(n));
    expect(seen).toEqual([1, 2, 3]);

    const held: number[] = [];
    const pushing = { now: true };
    inTurns([1, 2, 3], 8, () => true, () => pushing.now, (n) => held.push(n));
    vi.advanceTimersByTime(500);
    expect(held).toEqual([]);
    pushing.now = false;
    vi.advanceTimersByTime(WRITES_RECHECK_MS);
    expect(held).toEqual([1, 2, 3]);
  });

  it('waits WRITES_HOLD_MS at most, and a newer run ends one still waiting', () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    let run = 1;
    inTurns(['old'], 8, () => run === 1, () => true, (s) => seen.push(s));
    run = 2;
    inTurns(['new'], 8, () => run === 2, () => true, (s) => seen.push(s));
    vi.advanceTimersByTime(WRITES_HOLD_MS + WRITES_RECHECK_MS);
    expect(seen).toEqual(['new']);
  });

  it('yields to the event loop once a turn has taken its time', async () => {
    const seen: number[] = [];
    const list = Array.from({ length: 64 }, (_, i) => i);
    const slow = (n: number) => {
      const until = performance.now() + 1;
      while (performance.now() < until);
      seen.push(n);
    };
    inTurns(list, 4, () => true, () => false, slow);
    expect(seen.length).toBe(32);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.length).toBe(64);
  });
});
