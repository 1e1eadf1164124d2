import { parseInstant } from '../playlists/player.ts';

/**
 * Server-corrected time. Screen clocks lie (boxes without a real-time clock boot into the
 * past), so the player plays on its clock plus the offset to server time, measured at
 * `welcome` and at every `time` reply and kept while offline.
 *
 * The server reads its clock somewhere between the player's message and the reply reaching
 * the player, so a reply bounds the offset to an interval as wide as the round trip. The
 * offset moves only as far as needed to stand inside it (as NTP's clock filter, the least
 * delayed evidence wins): a reply held up by a busy page or network says little, and must not
 * jump the screen's time (and every play's start) by the delay.
 */
export class Clock {
  /** Server time minus local time, in ms; 0 until the first measurement. */
  offsetMs = 0;

  constructor(private readonly localNow: () => number = () => Date.now()) {}

  now(): number {
    return this.localNow() + this.offsetMs;
  }

  /** The uncorrected local time, to stamp a message whose reply will be a measurement. */
  local(): number {
    return this.localNow();
  }

  /**
   * Takes a measurement: `serverTime`, read by the server when it answered a message sent at
   * local time `sentAt` (unknown: the reply is taken as instant). Returns how far corrected
   * time moved (ms).
   */
  sync(serverTime: string, sentAt?: number): number {
    const before = this.offsetMs;
    const server = parseInstant(serverTime);
    const received = this.localNow();
    const lowest = server - received;
    const highest = sentAt === undefined || sentAt > received ? lowest : server - sentAt;
    this.offsetMs = Math.min(highest, Math.max(lowest, this.offsetMs));
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
