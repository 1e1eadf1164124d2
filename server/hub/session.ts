import type { ScreenRecord, ScreenSighting } from '../repos/screens.ts';
import type { AudienceKey } from '../publishing/manifests.ts';
import type { AudienceMember } from './audiences.ts';
import type { LiveScreen, ScreenReport } from './live.ts';
import type { PlayerSocket } from './socket.ts';

/** What a session passes on to its hub: one object per hub, shared by all its sessions. */
export interface SessionEvents {
  message(session: Session, data: unknown): void;
  pong(session: Session): void;
  close(session: Session): void;
}

/**
 * One player connection, from accept to close; also the handlers the socket's events go to
 * (hub.ts `accept`). A class, so that a connection holds its fields and no closures: the
 * methods are shared, and 10,000 idle sockets each keep only this object.
 */
export class Session implements AudienceMember {
  /** The screen whose token said hello; null before. */
  screen: ScreenRecord | null = null;
  audience: AudienceKey | null = null;
  sentVersion: string | null = null;
  ackedVersion: string | null = null;
  patches = false;
  resyncedVersion: string | null = null;
  playerVersion: string | null = null;
  viewport: { width: number; height: number } | null = null;
  lastSeenAt: number;
  /** Answered since the last ping (or sent anything). */
  alive = true;
  closed = false;
  helloTimer: ReturnType<typeof setTimeout> | null = null;
  report: ScreenReport;

  constructor(
    readonly socket: PlayerSocket,
    now: number,
    private readonly events: SessionEvents,
  ) {
    this.lastSeenAt = now;
    this.report = { connectedAt: now, device: null, playing: null, uptimeMs: null };
  }

  get connectedAt(): number {
    return this.report.connectedAt;
  }

  message(data: unknown): void {
    this.events.message(this, data);
  }

  pong(): void {
    this.events.pong(this);
  }

  close(): void {
    this.events.close(this);
  }
}

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
