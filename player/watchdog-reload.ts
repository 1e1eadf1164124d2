import type { KeyValueStorage } from './store.ts';

export const WATCHDOG = {
  /** Consecutive failed or stalled items that mean the page itself is broken. */
  failures: 5,
  /** … within this long. */
  windowMs: 10 * 60_000,
  /** A page reloads for the watchdog at most this often, so a broken one cannot loop fast. */
  backoffMs: 5 * 60_000,
} as const;

const KEY = 'bangtin.watchdogReloadAt';

/**
 * The watchdog's reload policy: after `failures` consecutive items that failed or stalled
 * within `windowMs`, reload the page (it restarts from the offline cache), but not within
 * `backoffMs` of the last such reload, which is remembered in per-tab storage across reloads.
 */
export class WatchdogReload {
  private failedAt: number[] = [];

  constructor(
    private readonly storage: Pick<KeyValueStorage, 'getItem' | 'setItem'> | null,
    /** Wall-clock ms (survives the reload, unlike the monotonic clock). */
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** An item failed or stalled. True when the page should reload now (the reload is recorded). */
  failed(): boolean {
    const at = this.now();
    this.failedAt = [...this.failedAt.filter((t) => at - t < WATCHDOG.windowMs), at];
    if (this.failedAt.length < WATCHDOG.failures) return false;
    const last = Number(this.storage?.getItem(KEY) ?? Number.NaN);
    // A clock that jumped far back does not block reloads for ever.
    if (Number.isFinite(last) && Math.abs(at - last) < WATCHDOG.backoffMs) return false;
    this.storage?.setItem(KEY, String(at));
    this.failedAt = [];
    return true;
  }

  /** An item played through: failures are no longer consecutive. */
  succeeded(): void {
    this.failedAt = [];
  }
}
