import { PLAYS_BATCH_MAX, toLocalIsoMs, type PlayEvent, type ZonePlay } from '../playlists/player.ts';
import type { PlayerStore } from './store.ts';

/** The queue keeps at most this many events; beyond it the oldest are dropped and counted. */
export const PLAY_QUEUE_MAX = 5_000;
/** Events per `plays` message (the protocol's bound; the server closes with 4009 beyond it). */
export const PLAY_BATCH_MAX = PLAYS_BATCH_MAX;
/** New events wait this long for company before going out, so a busy screen sends fewer frames. */
export const PLAY_FLUSH_DELAY_MS = 2_000;
/** A batch not acknowledged within this is sent again (the server stores each id once). */
export const PLAY_ACK_TIMEOUT_MS = 30_000;
/** Timers fire a little late: an item shown this close to its whole slot counts as completed. */
export const COMPLETED_SLACK_MS = 1_000;

/**
 * Proof-of-play events waiting for the server's `playsAck`, oldest first, kept in the player's
 * storage so they survive a reboot. Bounded: when full, the oldest are dropped and counted
 * (the count goes to the dashboard with each heartbeat).
 */
export class PlayQueue {
  private events: PlayEvent[];
  dropped: number;

  constructor(
    private readonly store: PlayerStore,
    private readonly max = PLAY_QUEUE_MAX,
  ) {
    this.events = store.plays();
    this.dropped = store.playsDropped();
    if (this.events.length > max) this.push();
  }

  get size(): number {
    return this.events.length;
  }

  /** Reads the queue again, once the store has loaded it (IndexedDB opens after construction). */
  reload(): void {
    this.events = this.store.plays();
    this.dropped = this.store.playsDropped();
    if (this.events.length > this.max) this.push();
  }

  /** Adds events (none: just enforces the bound) and saves the queue. */
  push(...events: PlayEvent[]): void {
    this.events.push(...events);
    const over = this.events.length - this.max;
    if (over > 0) {
      this.events.splice(0, over);
      this.dropped += over;
      this.store.savePlaysDropped(this.dropped);
    }
    this.store.savePlays(this.events);
  }

  /** The oldest `n` events. */
  peek(n: number): PlayEvent[] {
    return this.events.slice(0, n);
  }

  /** Forgets every event and the dropped count (the screen was unregistered). */
  clear(): void {
    this.events = [];
    this.dropped = 0;
    this.store.savePlays(this.events);
    this.store.savePlaysDropped(0);
  }

  /** Drops acknowledged events; returns how many were still queued. */
  remove(ids: readonly string[]): number {
    const gone = new Set(ids);
    const before = this.events.length;
    this.events = this.events.filter((e) => !gone.has(e.id));
    const removed = before - this.events.length;
    if (removed) this.store.savePlays(this.events);
    return removed;
  }
}

/** A random id for an event: `crypto.randomUUID` where it exists (secure contexts, Chromium 92+). */
export function newEventId(crypto: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = globalThis.crypto): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // RFC 4122 version 4 from getRandomValues, which every context has.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Turns what is on screen into play events: each time an item leaves the screen, one event with
 * how long it was shown. Durations run on the monotonic clock, so a clock correction in the
 * middle of an item does not stretch or shrink it; the start is then placed on corrected time.
 */
export class PlayRecorder {
  private current: { play: ZonePlay; shownAt: number } | null = null;

  constructor(
    private readonly deps: {
      queue: PlayQueue;
      /** Corrected wall-clock time. */
      now(): number;
      monotonic(): number;
      screenId(): string | null;
      newId?: () => string;
      /** Called after an event was queued. */
      onRecorded?: () => void;
    },
  ) {}

  /** What is on screen now (null: nothing, e.g. the idle clock). */
  showing(play: ZonePlay | null): void {
    this.finish();
    if (play?.item) this.current = { play, shownAt: this.deps.monotonic() };
  }

  /** The item on screen leaves it now (e.g. the page is going away). */
  finish(): void {
    const current = this.current;
    if (!current?.play.item) return;
    this.current = null;
    const { play } = current;
    const item = play.item!;
    const durationMs = Math.min(86_400_000, Math.max(0, Math.round(this.deps.monotonic() - current.shownAt)));
    const screenId = this.deps.screenId();
    const event: PlayEvent = {
      id: (this.deps.newId ?? newEventId)(),
      ...(screenId ? { screenId } : {}),
      itemId: item.id,
      itemRevision: item.revision,
      playlistId: play.playlistId,
      scheduleId: play.reason.scheduleId,
      tier: play.reason.tier,
      theme: item.theme,
      startedAt: toLocalIsoMs(this.deps.now() - durationMs),
      durationMs,
      completed: durationMs >= play.until - play.since - COMPLETED_SLACK_MS,
    };
    this.deps.queue.push(event);
    this.deps.onRecorded?.();
  }

  /** Forgets the item on screen without recording it (the screen was unregistered). */
  discard(): void {
    this.current = null;
  }
}

