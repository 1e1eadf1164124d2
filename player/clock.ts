import { parseInstant } from '../playlists/player.ts';

/**
 * Server-corrected time. Screen clocks lie (boxes without a real-time clock boot into the
 * past), so the player plays on its clock plus the offset to server time, measured at
 * `welcome` and at every `time` reply and kept while offline.
 */
export class Clock {
  /** Server time minus local time, in ms; 0 until the first measurement. */
  offsetMs = 0;

  constructor(private readonly localNow: () => number = () => Date.now()) {}

  now(): number {
    return this.localNow() + this.offsetMs;
  }

  /** Takes a new measurement; returns how far corrected time moved (ms). */
  sync(serverTime: string): number {
    const before = this.offsetMs;
    this.offsetMs = parseInstant(serverTime) - this.localNow();
    return this.offsetMs - before;
  }
}

/** setTimeout/clearTimeout, injectable so schedules are tested without real time passing. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const browserTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
