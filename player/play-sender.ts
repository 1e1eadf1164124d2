import type { PlayEvent } from '../playlists/player.ts';
import { browserTimers, type Timers } from './clock.ts';
import { PLAY_ACK_TIMEOUT_MS, PLAY_BATCH_MAX, PLAY_FLUSH_DELAY_MS, type PlayQueue } from './plays.ts';

// Loaded once the first content shows (controller.ts), like what else a boot does not wait for:
// the plays it sends are the ones queued before, and those of items that have ended since.

/**
 * Sends the queue in `plays` batches while online, one batch in flight at a time, and drops
 * events on `playsAck`. After an outage the whole backlog goes out batch by batch.
 */
export class PlaySender {
  private online = false;
  private inFlight: Set<string> | null = null;
  private timer: unknown = null;
  private readonly timers: Timers;

  constructor(
    private readonly queue: PlayQueue,
    /** Sends one batch; false when the socket is not open. */
    private readonly send: (events: PlayEvent[]) => boolean,
    timers: Timers = browserTimers,
  ) {
    this.timers = timers;
  }

  /** The server welcomed us: send the backlog. */
  connected(): void {
    this.online = true;
    this.inFlight = null;
    this.flush();
  }

  /** The socket is gone: whatever was in flight is sent again next time. */
  disconnected(): void {
    this.online = false;
    this.inFlight = null;
    this.clearTimer();
  }

  /** A new event was queued: send it soon, with any that follow it shortly. */
  recorded(): void {
    if (!this.online || this.inFlight || this.timer !== null) return;
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.flush();
    }, PLAY_FLUSH_DELAY_MS);
  }

  acknowledged(ids: readonly string[]): void {
    this.queue.remove(ids);
    if (this.inFlight && ids.some((id) => this.inFlight!.has(id))) {
      this.inFlight = null;
      this.clearTimer();
      this.flush();
    }
  }

  stop(): void {
    this.disconnected();
  }

  private flush(): void {
    if (!this.online || this.inFlight) return;
    this.clearTimer();
    const batch = this.queue.peek(PLAY_BATCH_MAX);
    if (!batch.length || !this.send(batch)) return;
    this.inFlight = new Set(batch.map((e) => e.id));
    this.timer = this.timers.set(() => {
      // No answer: send again (ids make it idempotent).
      this.timer = null;
      this.inFlight = null;
      this.flush();
    }, PLAY_ACK_TIMEOUT_MS);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}
