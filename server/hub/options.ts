/** The hub's timings and bounds; tests shorten them. */
export interface HubOptions {
  /** A socket whose unsent bytes pass this is closed with `tooSlow` instead of growing memory. */
  maxBufferedBytes: number;
  /** How often players send a heartbeat (told in `welcome`). */
  heartbeatMs: number;
  /** How often the server pings; a socket that missed the previous pong is dropped. */
  pingIntervalMs: number;
  /** A socket that has not said `hello` by then is closed. */
  helloTimeoutMs: number;
  /** How often what the hub learnt about screens is written to the database. */
  flushIntervalMs: number;
  /** Play events gather this long and are written in one transaction; 0 writes each batch at once. */
  playsFlushMs: number;
  /** Screens sent a manifest per turn of the event loop during a push, at most (audiences.ts). */
  fanoutChunk: number;
  /** How long one turn of a push may send for, at most, in ms (audiences.ts). */
  fanoutTurnMs: number;
  /**
   * Whether a push after a publish waits for the next turn, so the publishing request answers
   * first; tests turn it off to see the push at once.
   */
  deferPushes: boolean;
}

/** When the daily manifest refresh runs, local time: just after the horizon moves. */
export const MANIFEST_REFRESH_AT = { hour: 0, minute: 0, second: 5 };

export const DEFAULT_HUB_OPTIONS: HubOptions = {
  maxBufferedBytes: 4 * 1024 * 1024,
  heartbeatMs: 30_000,
  pingIntervalMs: 30_000,
  helloTimeoutMs: 10_000,
  flushIntervalMs: 5_000,
  playsFlushMs: 500,
  fanoutChunk: 500,
  fanoutTurnMs: 8,
  deferPushes: true,
};
