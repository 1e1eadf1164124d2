import { isOpen, nextChange, type OperatingHours, type OutsideHours } from '../playlists/operating-hours.ts';
import type { ZonePlay } from '../playlists/resolve.ts';
import { browserTimers, type Timers } from './clock.ts';

/** Longest wait, so a corrected clock that jumps is followed within a minute. */
const MAX_WAIT_MS = 60_000;

/** What the screen shows: content (`open`), or what the operator chose outside its hours. */
export type HoursMode = 'open' | OutsideHours;

/**
 * A screen's operating hours on the player (DESIGN.md: operating hours), on corrected time and
 * with no server contact: a timer to the next change, re-evaluated after a clock correction.
 */
export class HoursGate {
  open = true;
  private hours: OperatingHours | null = null;
  private timer: unknown = null;

  constructor(
    private readonly now: () => number,
    private readonly onChange: () => void,
    private readonly timers: Timers = browserTimers,
  ) {}

  /** New hours: the stored screen at boot, or a `screen` message. */
  set(hours: OperatingHours | null): void {
    this.hours = hours;
    this.refresh(true);
  }

  /** Re-evaluates at the corrected time now, e.g. after the clock offset moved. */
  refresh(changed = false): void {
    this.stop();
    const now = this.now();
    const open = isOpen(this.hours, now);
    const next = nextChange(this.hours, now);
    if (next !== null) this.timer = this.timers.set(() => this.refresh(), Math.min(Math.max(next - now, 0), MAX_WAIT_MS));
    if (changed || open !== this.open) {
      this.open = open;
      this.onChange();
    }
  }

  /** What shows while `play` is on: emergencies show at any hour. */
  mode(play: ZonePlay | null): HoursMode {
    return this.open || !this.hours || play?.reason.tier === 'emergency' ? 'open' : this.hours.outside;
  }

  /** Whether content is off the screen (clock or black): nothing counts as played. */
  hides(play: ZonePlay | null): boolean {
    const mode = this.mode(play);
    return mode === 'clock' || mode === 'black';
  }

  stop(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}
