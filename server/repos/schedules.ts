import { ScheduleFields, type Schedule } from '../../playlists/index.ts';
import type { Db } from '../db/connection.ts';

export interface StoredSchedule {
  schedule: Schedule;
  updatedAt: number;
}

type Row = { id: string; body: string; updated_at: number };

const toStored = (row: Row): StoredSchedule => ({
  schedule: { id: row.id, ...ScheduleFields.parse(JSON.parse(row.body)) },
  updatedAt: row.updated_at,
});

/** Draft schedules (the working copy). */
export class ScheduleRepo {
  readonly #all;
  readonly #get;
  readonly #insert;
  readonly #update;
  readonly #delete;
  readonly #deleteAll;

  constructor(db: Db) {
    this.#all = db.prepare<[], Row>('SELECT id, body, updated_at FROM schedules ORDER BY rowid');
    this.#get = db.prepare<[string], Row>('SELECT id, body, updated_at FROM schedules WHERE id = ?');
    this.#insert = db.prepare(
      'INSERT INTO schedules (id, name, playlist_id, tier, owner_ward, body, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.#update = db.prepare(
      'UPDATE schedules SET name = ?, playlist_id = ?, tier = ?, owner_ward = ?, body = ?, updated_at = ? WHERE id = ?',
    );
    this.#delete = db.prepare('DELETE FROM schedules WHERE id = ?');
    this.#deleteAll = db.prepare('DELETE FROM schedules');
  }

  list(): StoredSchedule[] {
    return this.#all.all().map(toStored);
  }

  get(id: string): StoredSchedule | undefined {
    const row = this.#get.get(id);
    return row ? toStored(row) : undefined;
  }

  insert(id: string, fields: ScheduleFields, now: number): void {
    this.#insert.run(id, fields.name, fields.playlistId, fields.tier, fields.ownerWard, JSON.stringify(fields), now);
  }

  update(id: string, fields: ScheduleFields, now: number): boolean {
    return this.#update.run(fields.name, fields.playlistId, fields.tier, fields.ownerWard, JSON.stringify(fields), now, id).changes === 1;
  }

  delete(id: string): boolean {
    return this.#delete.run(id).changes === 1;
  }

  /** Ids of draft schedules that play the playlist. */
  usedBy(playlistId: string): string[] {
    return this.list().filter((s) => s.schedule.playlistId === playlistId).map((s) => s.schedule.id);
  }

  /** Replaces the whole working copy (restoring a revision). Call inside a transaction. */
  replaceAll(schedules: Schedule[], now: number): void {
    this.#deleteAll.run();
    for (const { id, ...fields } of schedules) this.insert(id, fields, now);
  }
}
