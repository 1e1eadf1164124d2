import type { Db } from '../db/connection.ts';
import type { Snapshot } from '../publishing/snapshot.ts';

export interface RevisionStamp {
  number: number;
  publishedAt: number;
}

/**
 * What checking a screen's play events reads (server/hub/play-guard.ts): the revisions that
 * were on air within a window, a revision's snapshot and publish time, the end of a screen's
 * latest stored plays, and which ids of a batch are stored already. Reads only.
 */
export class PlayBasisRepo {
  readonly #since;
  readonly #liveAt;
  readonly #snapshot;
  readonly #publishedAt;
  readonly #latest;
  readonly #recentEnds;
  readonly #stored;

  constructor(db: Db) {
    this.#since = db.prepare<[number, number], RevisionStamp>(
      'SELECT number, published_at AS publishedAt FROM revisions WHERE published_at >= ? ORDER BY number DESC LIMIT ?',
    );
    this.#liveAt = db.prepare<[number], RevisionStamp>(
      'SELECT number, published_at AS publishedAt FROM revisions WHERE published_at < ? ORDER BY number DESC LIMIT 1',
    );
    this.#snapshot = db.prepare<[number], { snapshot: string }>('SELECT snapshot FROM revisions WHERE number = ?');
    this.#publishedAt = db.prepare<[number], { at: number }>('SELECT published_at AS at FROM revisions WHERE number = ?');
    this.#latest = db.prepare<[], { n: number | null }>('SELECT MAX(number) AS n FROM revisions');
    // Plays of one zone do not overlap, so the latest starts hold the latest ends.
    this.#recentEnds = db.prepare<[string, number], { scheduleId: string | null; end: number }>(
      `SELECT schedule_id AS scheduleId, started_at + duration_ms AS end FROM play_events
       WHERE screen_id = ? ORDER BY started_at DESC LIMIT ?`,
    );
    this.#stored = db.prepare<[string], { id: string }>('SELECT id FROM play_events WHERE id IN (SELECT value FROM json_each(?))');
  }

  latestNumber(): number {
    return this.#latest.get()?.n ?? 0;
  }

  /**
   * Revisions on air at some moment since `from`: those published since (newest first, at most
   * `limit`) and the one that was on air at `from`.
   */
  onAirSince(from: number, limit: number): RevisionStamp[] {
    const recent = this.#since.all(from, limit);
    const before = this.#liveAt.get(from);
    return before ? [...recent, before] : recent;
  }

  snapshot(number: number): Snapshot | undefined {
    const row = this.#snapshot.get(number);
    return row ? (JSON.parse(row.snapshot) as Snapshot) : undefined;
  }

  publishedAt(number: number): number | undefined {
    return this.#publishedAt.get(number)?.at;
  }

  /** Ends of a screen's latest stored plays, latest start first, with their schedules. */
  recentEnds(screenId: string, limit: number): { scheduleId: string | null; end: number }[] {
    return this.#recentEnds.all(screenId, limit);
  }

  /** Which of `ids` are stored already (by any screen). */
  stored(ids: readonly string[]): Set<string> {
    return new Set(this.#stored.all(JSON.stringify(ids)).map((r) => r.id));
  }
}
