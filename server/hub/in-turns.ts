import { PushHold, WRITES_RECHECK_MS } from '../storage/write-hold.ts';

/** The clock is looked at once per this many items (a ping or a send takes some 20 µs). */
const CLOCK_EVERY = 32;

/**
 * Visits `list` for `turnMs` at a time, the rest on the next turns of the event loop, for as
 * long as `current()` (a newer run, or stopping, ends it). A turn due while a push goes out
 * waits for its end (storage/write-hold.ts), as timed writes do.
 */
export function inTurns<T>(list: readonly T[], turnMs: number, current: () => boolean, pushing: () => boolean, visit: (item: T) => void): void {
  const hold = new PushHold(pushing);
  let next = 0;
  const step = () => {
    if (!current()) return;
    if (hold.holds()) {
      setTimeout(step, WRITES_RECHECK_MS).unref?.();
      return;
    }
    const until = performance.now() + turnMs;
    while (next < list.length) {
      visit(list[next++]!);
      if (next % CLOCK_EVERY === 0 && performance.now() >= until) break;
    }
    if (next < list.length) setImmediate(step);
  };
  step();
}
