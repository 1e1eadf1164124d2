import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { MINUTE_MS } from '../playlists/player.ts';
import { browserTimers, type Timers } from './clock.ts';

/**
 * Longest wait between two looks at the clock: a corrected clock that moves (or a system clock
 * set by hand) is followed within seconds, not at the next minute of the old time.
 */
export const MAX_WAIT_MS = 10_000;
/** Fired this long after the boundary, so the minute has surely turned when `now()` is read. */
const SLACK_MS = 20;

type Now = () => number;

/**
 * The system clock, as one function: elements left on it (the admin's previews) share one
 * ticker, where a clock written inline per element would give each its own.
 */
export const systemNow: Now = () => Date.now();

/**
 * One timer per clock, however many elements show its minutes: it fires at each minute
 * boundary of `now` (checking at least every `MAX_WAIT_MS`) and tells every subscriber. It stops
 * when its last subscriber leaves, so nothing ticks for elements no longer on the page.
 */
class MinuteTicker {
  readonly subscribers = new Set<() => void>();
  private timer: unknown = null;
  private minute = Number.NaN;

  constructor(
    readonly now: Now,
    private readonly timers: Timers,
    private readonly onIdle: () => void,
  ) {}

  add(fn: () => void): void {
    this.subscribers.add(fn);
    if (this.timer === null) {
      this.minute = Math.floor(this.now() / MINUTE_MS);
      this.arm();
    }
  }

  remove(fn: () => void): void {
    this.subscribers.delete(fn);
    if (this.subscribers.size > 0) return;
    this.timers.clear(this.timer);
    this.timer = null;
    this.onIdle();
  }

  private arm(): void {
    const at = this.now();
    const wait = MINUTE_MS - (((at % MINUTE_MS) + MINUTE_MS) % MINUTE_MS) + SLACK_MS;
    this.timer = this.timers.set(() => this.fire(), Math.min(wait, MAX_WAIT_MS));
  }

  private fire(): void {
    const minute = Math.floor(this.now() / MINUTE_MS);
    if (minute !== this.minute) {
      this.minute = minute;
      for (const fn of [...this.subscribers]) fn();
    }
    if (this.subscribers.size > 0) this.arm();
  }
}

/** The shared tickers, by clock: the player's elements all read its one corrected clock. */
export class MinuteTicks {
  private readonly tickers = new Map<Now, MinuteTicker>();

  constructor(private readonly timers: Timers = browserTimers) {}

  /** Calls `fn` at every minute boundary of `now` until the returned function is called. */
  subscribe(now: Now, fn: () => void): () => void {
    let ticker = this.tickers.get(now);
    if (!ticker) {
      ticker = new MinuteTicker(now, this.timers, () => this.tickers.delete(now));
      this.tickers.set(now, ticker);
    }
    const t = ticker;
    t.add(fn);
    return () => t.remove(fn);
  }

  /** Timers running now (one per clock with subscribers). */
  get timerCount(): number {
    return this.tickers.size;
  }
}

/** The page's one set of minute ticks. */
export const minuteTicks = new MinuteTicks();

/**
 * A Lit controller for an element that shows the time of day (clock, countdown, idle screen):
 * calls `onTick` at every minute boundary of the element's clock, from the ticker it shares
 * with every other element on that clock. Follows the host while connected; when the clock
 * itself is replaced (corrected time jumped), it moves to the new clock's ticker.
 */
export class TickController implements ReactiveController {
  private following: Now | null = null;
  private leave: (() => void) | null = null;

  constructor(
    host: ReactiveControllerHost,
    /** The clock to follow: read at connect and at every update. */
    private readonly clock: () => Now,
    private readonly onTick: () => void,
    private readonly ticks: MinuteTicks = minuteTicks,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.leave?.();
    this.leave = null;
    this.following = null;
  }

  hostUpdate(): void {
    if (this.leave && this.clock() !== this.following) this.follow();
  }

  private follow(): void {
    this.leave?.();
    this.following = this.clock();
    // The host's own state decides whether it renders again (the idle screen only when its text changed).
    this.leave = this.ticks.subscribe(this.following, this.onTick);
  }
}
