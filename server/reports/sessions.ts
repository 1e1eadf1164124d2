import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import type { Connection, ScreenWatcher } from '../hub/live.ts';
import type { StorageHealth } from '../storage/storage.ts';

/** What the recorder needs of the hub: its change events and who is connected now. */
export interface SessionSource {
  watch(watcher: ScreenWatcher): () => void;
  /** Asked at every change the hub reports (each ack and heartbeat): answers without copying. */
  connection(screenId: string): Connection | undefined;
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
  }

  /** Closes sessions left open by a previous run. Call before the hub accepts connections. */
  recover(): number {
    return this.#recover.run().changes;
  }

  start(): void {
    this.#timer ??= setInterval(() => this.flush(), SESSION_FLUSH_MS);
    this.#timer.unref?.();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#unwatch();
    this.flush();
  }

  /** Writes what changed since the last flush; kept for the next one when the disk refuses it. */
  flush(): void {
    if (!this.#dirty.size) return;
    const rows = [...this.#dirty];
    const write = () => this.deps.db.transaction(() => {
      for (const r of rows) this.#upsert.run(r);
    })();
    this.#dirty.clear();
    const ok = this.deps.storage ? this.deps.storage.background('connection sessions', write) : (write(), true);
    if (!ok) for (const r of rows) this.#dirty.add(r);
  }

  #seen(screenId: string, lastSeenAt: number): void {
    const live = this.deps.hub.connection(screenId);
    const open = this.#open.get(screenId);
    if (open && live && live.connectedAt === open.connectedAt) {
      // The common case (an ack, a heartbeat): the open session was seen again.
      open.lastSeenAt = Math.max(open.lastSeenAt, live.lastSeenAt);
      this.#dirty.add(open);
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
