/**
 * The IPC messages between bench/fanout.ts (the parent) and each bench/load-generator.ts
 * process (and bench/storm-generator.ts: bench/storm-protocol.ts). Types only: both sides import
 * them without loading the other.
 */
import type { StormChildMessage, StormParentMessage } from './storm-protocol.ts';

export type ParentMessage =
  | { cmd: 'connect'; url: string; tokens: string[]; concurrency: number; attemptTimeoutMs: number; sample: boolean }
  /** Stop opening sockets (the parent's connect budget ran out); answer `connected` now. */
  | { cmd: 'stopConnecting' }
  /**
   * The parent is about to publish round `round`: answer `result` once every open socket acked
   * it — and, with `shown`, also sent `shown` for the emergency the round's manifest carries.
   */
  | { cmd: 'arm'; round: number; shown?: boolean }
  /** Answer `result` now with what is there (the parent's ack budget ran out). */
  | { cmd: 'report' }
  | { cmd: 'close' }
  | StormParentMessage;

export interface Samples {
  welcome?: string;
  screen?: string;
  manifest?: string;
}

export type ChildMessage =
  | StormChildMessage
  | { type: 'ready'; pid: number; openFilesSoft: string }
  | { type: 'progress'; connected: number; failed: number }
  | { type: 'armed'; round: number }
  | {
      type: 'connected';
      connected: number;
      failed: number;
      /** Why sockets failed, with counts (last attempt of each). */
      errors: Record<string, number>;
      samples: Samples | null;
      manifestBytes: number | null;
    }
  | {
      type: 'result';
      round: number;
      complete: boolean;
      /** Wall-clock times at which each socket sent its ack of the new manifest. */
      ackTimes: number[];
      /** Connected sockets that did not ack the new manifest (closed ones included). */
      missing: number;
      /** Wall-clock times at which each socket sent `shown` in this round (emergency rounds). */
      shownTimes: number[];
      /** Connected sockets that sent no `shown` in this round (counted in `shown` rounds only). */
      shownMissing: number;
      /** The schedule ids those `shown` messages named, with counts. */
      shownSchedules: Record<string, number>;
      /** Sockets closed after they had connected, by close code. */
      closedAfterConnect: Record<string, number>;
      /** The new manifest frame as first received, or made whole from a patch (for the bare ws reference). */
      newManifest: string | null;
      /** Frames of the round: whole manifests, patches, and resyncs sent for patches that did not fit. */
      frames: { manifest: number; patch: number; resync: number };
      /** The largest patch frame of the round, in bytes (null: none came). */
      patchBytes: number | null;
    };
