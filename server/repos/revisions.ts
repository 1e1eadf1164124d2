import type { ChangeSummary } from '../../playlists/index.ts';
import type { Db } from '../db/connection.ts';
// The snapshot is publishing's model (what a revision holds); this repository only stores it.
import { EMPTY_SNAPSHOT, type Snapshot } from '../publishing/snapshot.ts';

export interface RevisionRow {
  number: number;
  publishedAt: number;
  publishedBy: string;
  summary: ChangeSummary;
}

type Row = { number: number; published_at: number; username: string | null; summary: string };

const NO_CHANGES = { added: [], changed: [], removed: [] };
/** Summaries written before scheduling existed have no `schedules` member. */
const withSchedules = (s: Partial<ChangeSummary>) => ({ ...s, schedules: s.schedules ?? NO_CHANGES }) as ChangeSummary;

const toRevisionRow = (r: Row): RevisionRow => ({
  number: r.number,
  publishedAt: r.published_at,
  publishedBy: r.username ?? 'system',
  summary: withSchedules(JSON.parse(r.summary) as Partial<ChangeSummary>),
});

/** Published revisions: immutable, numbered, all kept (rollback publishes one again). */
export class RevisionRepo {
  readonly #latest;
  readonly #latestNumber;
  readonly #snapshot;
  readonly #list;
  readonly #one;
  readonly #insert;

  constructor(db: Db) {
    this.#latest = db.prepare<[], { number: number; snapshot: string }>(
      'SELECT number, snapshot FROM revisions ORDER BY number DESC LIMIT 1',
    );
    this.#latestNumber = db.prepare<[], { n: number | null }>('SELECT MAX(number) AS n FROM revisions');
    this.#snapshot = db.prepare<[number], { snapshot: string }>('SELECT snapshot FROM revisions WHERE number = ?');
    this.#list = db.prepare<[number, number], Row>(
      `SELECT r.number, r.published_at, u.username, r.summary
       FROM revisions r LEFT JOIN users u ON u.id = r.published_by
       WHERE r.number < ? ORDER BY r.number DESC LIMIT ?`,
    );
    this.#one = db.prepare<[number], Row>(
      `SELECT r.number, r.published_at, u.username, r.summary
       FROM revisions r LEFT JOIN users u ON u.id = r.published_by WHERE r.number = ?`,
    );
    this.#insert = db.prepare(
      'INSERT INTO revisions (number, published_at, published_by, summary, snapshot) VALUES (?, ?, ?, ?, ?)',
    );
  }

  latest(): { number: number; snapshot: Snapshot } {
    const row = this.#latest.get();
    return row ? { number: row.number, snapshot: JSON.parse(row.snapshot) as Snapshot } : { number: 0, snapshot: EMPTY_SNAPSHOT };
  }

  /** The latest revision's number (0 before the first publish), without reading its snapshot. */
  latestNumber(): number {
    return this.#latestNumber.get()?.n ?? 0;
  }

  snapshot(number: number): Snapshot | undefined {
    const row = this.#snapshot.get(number);
    return row ? (JSON.parse(row.snapshot) as Snapshot) : undefined;
  }

  /** Newest first, at most `limit`, older than revision `before` (default: from the latest). */
  list(limit = 100, before = Number.MAX_SAFE_INTEGER): RevisionRow[] {
    return this.#list.all(before, limit).map(toRevisionRow);
  }

  /** One revision's row (who published it, when, the summary), without its snapshot. */
  get(number: number): RevisionRow | undefined {
    const row = this.#one.get(number);
    return row && toRevisionRow(row);
  }

  insert(number: number, at: number, userId: number | null, summary: ChangeSummary, snapshot: Snapshot): void {
    this.#insert.run(number, at, userId, JSON.stringify(summary), JSON.stringify(snapshot));
  }
}
