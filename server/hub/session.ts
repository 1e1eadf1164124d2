import type { ScreenRecord, ScreenSighting } from '../repos/screens.ts';
import type { AudienceMember } from './audiences.ts';
import type { LiveScreen, ScreenReport } from './live.ts';
import type { PlayerSocket } from './socket.ts';

/** One player connection, from accept to close. */
export interface Session extends AudienceMember {
  socket: PlayerSocket;
  /** The screen whose token said hello; null before. */
  screen: ScreenRecord | null;
  playerVersion: string | null;
  viewport: { width: number; height: number } | null;
  lastSeenAt: number;
  /** Answered since the last ping (or sent anything). */
  alive: boolean;
  closed: boolean;
  helloTimer: ReturnType<typeof setTimeout> | null;
  report: ScreenReport;
}

/** A connection just accepted, at `now`: no screen until its hello. */
export const newSession = (socket: PlayerSocket, now: number): Session => ({
  socket,
  screen: null,
  audience: null,
  sentVersion: null,
  ackedVersion: null,
  patches: false,
  playerVersion: null,
  viewport: null,
  lastSeenAt: now,
  alive: true,
  closed: false,
  helloTimer: null,
  report: { connectedAt: now, device: null, playing: null, uptimeMs: null },
});

/** What is written of a screen's connection at a flush (screens.last_seen_at and the rest). */
export const sightingOf = (s: Session, screen: ScreenRecord): ScreenSighting => ({
  id: screen.id,
  lastSeenAt: s.lastSeenAt,
  manifestVersion: s.ackedVersion,
  playerVersion: s.playerVersion,
  viewport: s.viewport,
  health: s.report.device,
});

/** What the dashboard reads of a connected screen (its play tally comes from the guard). */
export const liveOf = (s: Session): LiveScreen => ({
  ackedVersion: s.ackedVersion, playerVersion: s.playerVersion, viewport: s.viewport, lastSeenAt: s.lastSeenAt, report: s.report,
});
