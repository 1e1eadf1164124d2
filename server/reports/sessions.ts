import type { Clock } from '../clock.ts';
import { unsynced, type Db } from '../db/connection.ts';
import type { Connection, ScreenWatcher } from '../hub/live.ts';
import type { StorageHealth } from '../storage/storage.ts';
import { HeldTask } from '../storage/write-hold.ts';

/** What the recorder needs of the hub: its change events and who is connected now. */
export interface SessionSource {
  watch(watcher: ScreenWatcher): () => void;
  /** Asked at every change the hub reports (each ack and heartbeat): answers without copying. */
  connection(screenId: string): Connection | undefined;
  /** Whether a push is going out: the timed flush waits for its end (storage/write-hold.ts). */
  readonly pushing?: boolean;
}

interface Pending {
  screenId: string;
  connectedAt: number;
  lastSeenAt: number;
  closedAt: number | null;
}

/** How often what was learnt is written: sessions are written in one transaction per flush. */
export const SESSION_FLUSH_MS = 5_000;

/**
 * Sessions written per transaction (and turn of the event loop) by a flush; the rest on the next
 * turns. After a fan-out every screen acked, and writing 10,000 at once held the loop ~25 ms on
 * a loaded machine (CPU profile of the 10,000-screen bench). Not fewer: each transaction is a
 * commit synced to disk (synchronous=FULL), which a busy disk makes slow.
 */
const SESSIONS_PER_TURN = 2_500;

/**
 * Screens' connection sessions for uptime (issue 14): a row per connection, opened when the hub
 * sees a screen connect, its last sign of life moved at each heartbeat, closed when it goes (at
 * its last sign of life when a dead socket is dropped). It listens to the hub's change events
 * rather than living inside the hub, and writes in batches, so 10,000 screens reconnecting at
 * once cost one transaction, not 10,000 commits. On start, `recover` closes the sessions a crash
 * or restart left open at the last sign of life that reached the database.
 */
export class ConnectionSessions {
  /** The open connection of each screen, by its connectedAt. */
  readonly #open = new Map<string, Pending>();
  /** Sessions changed since the last flush (each written as it is at the flush). */
  readonly #dirty = new Set<Pending>();
  readonly #upsert;
  readonly #recover;
  readonly #unwatch: () => void;
  #timer: ReturnType<typeof setInterval> | null = null;
  /** The next turn's share of a flush. */
  #more: ReturnType<typeof setImmediate> | null = null;
  /** The timed flush, and its next turns, held while a push goes out. */
  readonly #due: HeldTask;

  constructor(
    private readonly deps: { db: Db; clock: Clock; hub: SessionSource; storage?: Pick<StorageHealth, 'background'> },
  ) {
    this.#upsert = deps.db.prepare(
      `INSERT INTO screen_sessions (screen_id, connected_at, last_seen_at, closed_at)
       SELECT @screenId, @connectedAt, @lastSeenAt, @closedAt WHERE EXISTS (SELECT 1 FROM screens WHERE id = @screenId)
       ON CONFLICT (screen_id, connected_at) DO UPDATE SET
         last_seen_at = max(last_seen_at, excluded.last_seen_at), closed_at = coalesce(excluded.closed_at, closed_at)`,
    );
    // The later of the session's own last sign of life and the screen's (the hub writes it too).
    this.#recover = deps.db.prepare(
      `UPDATE screen_sessions SET closed_at = max(last_seen_at,
         coalesce((SELECT s.last_seen_at FROM screens s WHERE s.id = screen_id AND s.last_seen_at >= connected_at), 0))
       WHERE closed_at IS NULL`,
    );
    this.#unwatch = deps.hub.watch((screenId, lastSeenAt) => this.#seen(screenId, lastSeenAt));
    this.#due = new HeldTask(() => deps.hub.pushing ?? false, () => this.flush());
  }

  /** Closes sessions left open by a previous run. Call before the hub accepts connections. */
  recover(): number {
    return this.#recover.run().changes;
  }

  start(): void {
    this.#timer ??= setInterval(this.#due.due, SESSION_FLUSH_MS);
    this.#timer.unref?.();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#due.cancel();
    this.#unwatch();
    // Stopping: everything left is written now, open sessions with their last sign of life.
    for (const open of this.#open.values()) this.#dirty.add(open);
    for (let left = this.#dirty.size; left > 0; left = this.#dirty.size) {
      this.flush();
      if (this.#dirty.size >= left) break;
    }
    if (this.#more) clearImmediate(this.#more);
    this.#more = null;
  }

  /**
   * Writes what changed since the last flush, SESSIONS_PER_TURN rows now and the rest on the next
   * turns (each waiting for a push going out); rows the disk refused are kept for the next flush.
   */
  flush(): void {
    if (this.#more) clearImmediate(this.#more);
    this.#more = null;
    this.#due.cancel();
    if (!this.#dirty.size) return;
    const rows: Pending[] = [];
    for (const r of this.#dirty) {
      rows.push(r);
      if (rows.length >= SESSIONS_PER_TURN) break;
    }
    for (const r of rows) this.#dirty.delete(r);
    // Not synced on its own (db/connection.ts `unsynced`): a power cut loses the last seconds,
    // and recovery closes the session at the last sign of life that reached the disk.
    const write = () => unsynced(this.deps.db, () => this.deps.db.transaction(() => {
      for (const r of rows) this.#upsert.run(r);
    })());
    const ok = this.deps.storage ? this.deps.storage.background('connection sessions', write) : (write(), true);
    if (!ok) {
      for (const r of rows) this.#dirty.add(r);
      return;
    }
    if (this.#dirty.size) this.#more = setImmediate(this.#due.due);
  }

  #seen(screenId: string, lastSeenAt: number): void {
    const live = this.deps.hub.connection(screenId);
    const open = this.#open.get(screenId);
    if (open && live && live.connectedAt === open.connectedAt) {
      // The common case (an ack, a heartbeat): the open session was seen again. Its row waits
      // for the session to close (or this recorder to stop): uptime reads an open session as
      // open until now, and recovery takes the screen's own last sighting, which the hub writes.
      // Rewriting 10,000 rows after every fan-out (and each heartbeat's) bought nothing.
      open.lastSeenAt = Math.max(open.lastSeenAt, live.lastSeenAt);
      return;
    }
    if (open) {
      // Gone, or replaced by a newer connection: closed at its last sign of life.
      open.closedAt = live ? open.lastSeenAt : Math.max(open.lastSeenAt, lastSeenAt);
      open.lastSeenAt = open.closedAt;
      this.#open.delete(screenId);
      this.#dirty.add(open);
    }
    if (!live) return;
    const current = { screenId, connectedAt: live.connectedAt, lastSeenAt: live.lastSeenAt, closedAt: null };
    this.#open.set(screenId, current);
    this.#dirty.add(current);
  }
}
