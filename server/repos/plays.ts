import type { PlayEvent } from '../../playlists/index.ts';
import type { Db } from '../db/connection.ts';
import { storageProblemOf } from '../storage/storage.ts';
import { PlayRollups } from './play-rollups.ts';

/** One `plays` message's events, for the screen whose socket sent them. */
export interface PlayBatch {
  screenId: string;
  events: PlayEvent[];
  receivedAt: number;
}

/** Proof of play: each event stored once, by the id the player made. */
export class PlayRepo {
  readonly #insert;
  readonly #count;
  readonly #db: Db;
  readonly #batch: (screenId: string, events: PlayEvent[], now: number) => void;

  constructor(db: Db) {
    this.#db = db;
    this.#insert = db.prepare(
      `INSERT INTO play_events (id, screen_id, item_id, item_revision, playlist_id, schedule_id, tier, theme,
         started_at, duration_ms, completed, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
    );
    this.#count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM play_events');
    const rollups = new PlayRollups(db);
    // Inside another transaction this one is a savepoint (better-sqlite3 nests them so). The
    // rollups count an event only when its row is new: a duplicate id changes nothing.
    this.#batch = db.transaction((screenId: string, events: PlayEvent[], now: number) => {
      for (const e of events) {
        const startedAt = Date.parse(e.startedAt);
        const stored = this.#insert.run(e.id, screenId, e.itemId, e.itemRevision, e.playlistId, e.scheduleId, e.tier, e.theme,
          startedAt, e.durationMs, e.completed ? 1 : 0, now);
        if (stored.changes === 1) rollups.add(screenId, e, startedAt);
      }
    });
  }

  /** Stores a batch; returns every id now stored (new or already there), for `playsAck`. */
  insertBatch(screenId: string, events: PlayEvent[], now: number): string[] {
    this.#batch(screenId, events, now);
    return events.map((e) => e.id);
  }

  /**
   * Stores many batches in one transaction: one commit, so one sync to disk for all of them
   * (the database runs synchronous=FULL). A batch that cannot be stored (its screen was deleted
   * meanwhile) is rolled back alone, to its savepoint, and answered with its error; a full or
   * read-only disk fails them all (throws).
   */
  insertBatches(batches: readonly PlayBatch[]): (Error | null)[] {
    return this.#db.transaction(() =>
      batches.map((b) => {
        try {
          this.#batch(b.screenId, b.events, b.receivedAt);
          return null;
        } catch (err) {
          if (storageProblemOf(err)) throw err;
          return err instanceof Error ? err : new Error(String(err));
        }
      }),
    )();
  }

  count(): number {
    return this.#count.get()!.n;
  }
}
