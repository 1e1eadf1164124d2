import { DAY_MS, MINUTE_MS, UTC_OFFSET_MS } from '../playlists/time.ts';
import type { ZonePlay } from '../playlists/resolve.ts';

/** A page younger than this never reloads for the daily reload: no reload loops. */
export const MIN_UPTIME_MS = 3_600_000;

/** The latest instant at or before `now` whose Hanoi local time is `hhmm`. */
export function lastOccurrence(hhmm: string, now: number): number {
  const offset = (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) * MINUTE_MS;
  const today = Math.floor((now + UTC_OFFSET_MS) / DAY_MS) * DAY_MS - UTC_OFFSET_MS + offset;
  return today <= now ? today : today - DAY_MS;
}

/**
 * Whether the daily reload is due: the quiet hour `reloadAt` (Hanoi time) passed since this page
 * booted, the page is at least an hour old, and no emergency is on screen.
 */
export function reloadDue(reloadAt: string | null, now: number, uptimeMs: number, play: ZonePlay | null): boolean {
  if (reloadAt === null || uptimeMs < MIN_UPTIME_MS || play?.reason.tier === 'emergency') return false;
  return lastOccurrence(reloadAt, now) > now - uptimeMs;
}

/**
 * The player's daily page reload (a fresh page once a day keeps a kiosk browser from slowly
 * leaking), asked at every item boundary and, with nothing on screen, once a minute.
 */
export class DailyReload {
  private timer: ReturnType<typeof setInterval> | undefined;
  private play: ZonePlay | null = null;

  constructor(
    private readonly deps: {
      /** Corrected wall-clock time. */
      now(): number;
      /** Ms since this page booted (monotonic). */
      uptime(): number;
      reloadAt(): string | null;
      reload(): void;
    },
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      if (!this.play?.item) this.boundary(this.play);
    }, MINUTE_MS);
  }

  /** An item boundary: `play` is what comes on now. True when the page reloads. */
  boundary(play: ZonePlay | null): boolean {
    this.play = play;
    if (!reloadDue(this.deps.reloadAt(), this.deps.now(), this.deps.uptime(), play)) return false;
    this.stop();
    this.deps.reload();
    return true;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
