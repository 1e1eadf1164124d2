import type { PlayEvent } from '../../playlists/index.ts';
import type { Db } from '../db/connection.ts';
import { storageProblemOf } from '../storage/storage.ts';
import { PlayRollups, type NewPlay } from './play-rollups.ts';

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
  readonly #rollups: PlayRollups;
  /** Stores one batch (inside a transaction), adding its new plays to `fresh`. */
  readonly #store: (screenId: string, events: PlayEvent[], now: number, fresh: NewPlay[]) => void;

  constructor(db: Db) {
    this.#db = db;
    this.#insert = db.prepare(
      `INSERT INTO play_events (id, screen_id, item_id, item_revision, playlist_id, schedule_id, tier, theme,
         started_at, duration_ms, completed, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
    );
    this.#count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM play_events');
    this.#rollups = new PlayRollups(db);
    // Inside another transaction this one is a savepoint (better-sqlite3 nests them so). The
    // rollups count an event only when its row is new: a duplicate id changes nothing.
    this.#store = db.transaction((screenId: string, events: PlayEvent[], now: number, fresh: NewPlay[]) => {
      for (const e of events) {
        const startedAt = Date.parse(e.startedAt);
        const stored = this.#insert.run(e.id, screenId, e.itemId, e.itemRevision, e.playlistId, e.scheduleId, e.tier, e.theme,
          startedAt, e.durationMs, e.completed ? 1 : 0, now);
        if (stored.changes === 1) fresh.push({ screenId, play: e, startedAt });
      }
    });
  }

  /** Stores a batch; returns every id now stored (new or already there), for `playsAck`. */
  insertBatch(screenId: string, events: PlayEvent[], now: number): string[] {
    this.#db.transaction(() => {
      const fresh: NewPlay[] = [];
      this.#store(screenId, events, now, fresh);
      this.#rollups.addMany(fresh);
    })();
    return events.map((e) => e.id);
  }

  /**
   * Stores many batches in one transaction: one commit, so one sync to disk for all of them
   * (the database runs synchronous=FULL). A batch that cannot be stored (its screen was deleted
   * meanwhile) is rolled back alone, to its savepoint, and answered with its error; a full or
   * read-only disk fails them all (throws). The rollups of the batches stored are counted
   * together at the end, in the same transaction.
   */
  insertBatches(batches: readonly PlayBatch[]): (Error | null)[] {
    return this.#db.transaction(() => {
      const fresh: NewPlay[] = [];
      const results = batches.map((b) => {
        const own: NewPlay[] = [];
        try {
          this.#store(b.screenId, b.events, b.receivedAt, own);
        } catch (err) {
          if (storageProblemOf(err)) throw err;
          return err instanceof Error ? err : new Error(String(err));
        }
        for (const p of own) fresh.push(p);
        return null;
      });
      this.#rollups.addMany(fresh);
      return results;
    })();
  }

  count(): number {
    return this.#count.get()!.n;
  }
}
