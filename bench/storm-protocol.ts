/**
 * The IPC messages between bench/reconnect-storm.ts (the parent) and each bench/storm-generator.ts
 * process (simulated players that reconnect on their own, as the real one does). Types only.
 */

export type StormParentMessage =
  /** Opens every token's player (`concurrency` first handshakes at a time); answer `stormConnected`. */
  | { cmd: 'stormConnect'; url: string; tokens: string[]; concurrency: number; timeoutMs: number }
  /**
   * The first `screens` players each queue `events` plays (what they would have recorded over the
   * past minutes, walked with the real resolver from `since`), and flush them as the real player
   * does (one `plays` batch in flight), each at a random moment within `spreadMs`; a `resendShare`
   * of them sends its batch a second time, as a player whose ack was lost. Answer `playsDone`.
   */
  | { cmd: 'plays'; screens: number; events: number; since: number; spreadMs: number; resendShare: number; timeoutMs: number }
  /**
   * Round `round`: `newVersion`: answer `current` once every player acked a manifest other than
   * the one it holds now; `reconnect`: once every player, on a socket opened after now, was told
   * its version is current (`unchanged`) or acked a manifest.
   */
  | { cmd: 'expect'; round: number; mode: 'newVersion' | 'reconnect' }
  /** Answer `current` for `round` now, with what is there. */
  | { cmd: 'stormReport'; round: number };

export type StormChildMessage =
  | { type: 'stormConnected'; connected: number; failed: number }
  | { type: 'expecting'; round: number }
  | {
      type: 'playsDone';
      /** Distinct events sent, events sent again (resent batches), distinct events acknowledged. */
      sent: number;
      resent: number;
      acked: number;
      /** Players that had fewer plays to send than asked (the resolver found fewer slots). */
      short: number;
      /** Wall-clock time of the first batch sent and of the last ack. */
      firstSentAt: number;
      lastAckAt: number;
      /** The id prefix of this process's events (to count them in the database). */
      idPrefix: string;
    }
  | {
      type: 'current';
      round: number;
      complete: boolean;
      /** Wall-clock times at which each player became current in this round. */
      times: number[];
      /** For each of them, when the connection attempt that made it current started (wall clock). */
      attemptTimes: number[];
      missing: number;
      /** The versions players hold, with counts. */
      versions: Record<string, number>;
      /** Closes seen since the last `expect`, by code (1006: connection lost or refused). */
      closes: Record<string, number>;
      /** Connection attempts since the last `expect`. */
      attempts: number;
      /** Frames received since the last `expect`, by type (`manifest`: a whole manifest). */
      frames: Record<string, number>;
    };
