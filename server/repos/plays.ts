import type { PlayEvent } from '../../playlists/index.ts';
import type { Db } from '../db.ts';

/** Proof of play: each event stored once, by the id the player made. */
export class PlayRepo {
  readonly #insert;
  readonly #count;
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
    this.#insert = db.prepare(
      `INSERT INTO play_events (id, screen_id, item_id, item_revision, playlist_id, schedule_id, tier, theme,
         started_at, duration_ms, completed, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
    );
    this.#count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM play_events');
  }

  /** Stores a batch; returns every id now stored (new or already there), for `playsAck`. */
  insertBatch(screenId: string, events: PlayEvent[], now: number): string[] {
    this.#db.transaction(() => {
      for (const e of events) {
        this.#insert.run(e.id, screenId, e.itemId, e.itemRevision, e.playlistId, e.scheduleId, e.tier, e.theme,
          Date.parse(e.startedAt), e.durationMs, e.completed ? 1 : 0, now);
      }
    })();
    return events.map((e) => e.id);
  }

  count(): number {
    return this.#count.get()!.n;
  }
}
