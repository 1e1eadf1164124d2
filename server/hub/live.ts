import type { ClientMessage, DeviceReport } from '../../playlists/index.ts';
import type { PlayTally } from './play-guard.ts';

/** What a connected screen said about itself last (hello, then heartbeats). */
export interface ScreenReport {
  connectedAt: number;
  device: DeviceReport | null;
  playing: { itemId: string; since: string } | null;
  uptimeMs: number | null;
}

/** What the hub knows about a connected screen. */
export interface LiveScreen {
  ackedVersion: string | null;
  playerVersion: string | null;
  viewport: { width: number; height: number } | null;
  lastSeenAt: number;
  report: ScreenReport;
  /** Its play events since the server started: accepted, clamped, refused and why. */
  plays?: PlayTally;
}

/** A connected screen's connection: when it opened and when the screen was last heard from. */
export interface Connection {
  readonly connectedAt: number;
  readonly lastSeenAt: number;
}

/** Told when what the hub knows about a screen changed: connected, acknowledged, reported, gone. */
export type ScreenWatcher = (screenId: string, lastSeenAt: number) => void;

/** Told of each `commandResult` a screen sends. */
export type CommandResultListener = (screenId: string, result: Extract<ClientMessage, { type: 'commandResult' }>) => void;
