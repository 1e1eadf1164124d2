import type { Db } from '../db/connection.ts';

export interface PortalViewRow {
  day: string;
  audience: string;
  views: number;
}

/** The `portal_views` table: views of embedded playlists per Hanoi day and audience. */
export class PortalViewRepo {
  readonly #add;
  readonly #range;

  constructor(db: Db) {
    this.#add = db.prepare(`INSERT INTO portal_views (day, audience, views) VALUES (?, ?, ?)
      ON CONFLICT(day, audience) DO UPDATE SET views = views + excluded.views`);
    this.#range = db.prepare<[string, string], PortalViewRow>('SELECT day, audience, views FROM portal_views WHERE day >= ? AND day <= ? ORDER BY day, audience');
  }

  add(day: string, audience: string, views: number): void {
    this.#add.run(day, audience, views);
  }

  /** Rows of the days from `from` to `to`, both included (`YYYY-MM-DD`). */
  range(from: string, to: string): PortalViewRow[] {
    return this.#range.all(from, to);
  }
}
