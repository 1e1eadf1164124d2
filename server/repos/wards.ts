import type { Ward, WardEntry, WardFields } from '../../playlists/index.ts';
import type { Db } from '../db/connection.ts';

type Row = { code: string; name: string; kind: Ward['kind']; screens: number; users: number };

const toEntry = (r: Row): WardEntry => ({ code: r.code, name: r.name, kind: r.kind, screens: r.screens, users: r.users });

/** Ward-level units (communes and wards) by official code, with what is linked to each. */
export class WardRepo {
  readonly #all;
  readonly #get;
  readonly #insert;
  readonly #update;
  readonly #delete;
  readonly #retired;

  constructor(db: Db) {
    const select = `SELECT w.code, w.name, w.kind,
        (SELECT COUNT(*) FROM screens s WHERE s.ward_code = w.code AND s.retired_at IS NULL) AS screens,
        (SELECT COUNT(*) FROM users u WHERE u.ward_code = w.code) AS users
      FROM wards w`;
    this.#all = db.prepare<[], Row>(`${select} ORDER BY w.name COLLATE NOCASE, w.code`);
    this.#get = db.prepare<[string], Row>(`${select} WHERE w.code = ?`);
    this.#insert = db.prepare('INSERT INTO wards (code, name, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    this.#update = db.prepare('UPDATE wards SET name = ?, kind = ?, updated_at = ? WHERE code = ?');
    this.#delete = db.prepare('DELETE FROM wards WHERE code = ?');
    this.#retired = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM screens WHERE ward_code = ? AND retired_at IS NOT NULL');
  }

  /** How many retired screens keep the ward's history (their plays count in its reports). */
  retiredScreens(code: string): number {
    return this.#retired.get(code)!.n;
  }

  list(): WardEntry[] {
    return this.#all.all().map(toEntry);
  }

  get(code: string): WardEntry | undefined {
    const row = this.#get.get(code);
    return row ? toEntry(row) : undefined;
  }

  insert(ward: Ward, now: number): void {
    this.#insert.run(ward.code, ward.name, ward.kind, now, now);
  }

  update(code: string, fields: WardFields, now: number): boolean {
    return this.#update.run(fields.name, fields.kind, now, code).changes === 1;
  }

  delete(code: string): boolean {
    return this.#delete.run(code).changes === 1;
  }
}
