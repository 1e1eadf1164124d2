import { ContentFields, type ContentItem } from '../../playlists/index.ts';
import type { Db } from '../db/connection.ts';

export interface StoredItem {
  item: ContentItem;
  updatedAt: number;
  /** The ward whose local content this is; null for the city's (server/auth/ward-scope.ts). */
  ownerWard: string | null;
}

type Row = { id: string; body: string; updated_at: number; owner_ward: string | null };

const toStored = (row: Row): StoredItem => ({
  item: { id: row.id, ...ContentFields.parse(JSON.parse(row.body)) } as ContentItem,
  updatedAt: row.updated_at,
  ownerWard: row.owner_ward,
});

/** Owners by id, for the rows that have one (a revision's snapshot keeps it). */
export type Owners = Record<string, string>;

/** Draft content items (the working copy). */
export class ContentRepo {
  readonly #all;
  readonly #get;
  readonly #insert;
  readonly #update;
  readonly #delete;
  readonly #replaceAll;

  constructor(db: Db) {
    this.#all = db.prepare<[], Row>('SELECT id, body, updated_at, owner_ward FROM content_items ORDER BY rowid');
    this.#get = db.prepare<[string], Row>('SELECT id, body, updated_at, owner_ward FROM content_items WHERE id = ?');
    this.#insert = db.prepare('INSERT INTO content_items (id, kind, body, updated_at, owner_ward) VALUES (?, ?, ?, ?, ?)');
    this.#update = db.prepare('UPDATE content_items SET kind = ?, body = ?, updated_at = ? WHERE id = ?');
    this.#delete = db.prepare('DELETE FROM content_items WHERE id = ?');
    this.#replaceAll = db.prepare('DELETE FROM content_items');
  }

  list(): StoredItem[] {
    return this.#all.all().map(toStored);
  }

  get(id: string): StoredItem | undefined {
    const row = this.#get.get(id);
    return row ? toStored(row) : undefined;
  }

  insert(id: string, fields: ContentFields, now: number, ownerWard: string | null = null): void {
    this.#insert.run(id, fields.kind, JSON.stringify(fields), now, ownerWard);
  }

  update(id: string, fields: ContentFields, now: number): boolean {
    return this.#update.run(fields.kind, JSON.stringify(fields), now, id).changes === 1;
  }

  delete(id: string): boolean {
    return this.#delete.run(id).changes === 1;
  }

  /** Replaces the whole working copy (restoring a revision). Call inside a transaction. */
  replaceAll(items: ContentItem[], now: number, owners: Owners = {}): void {
    this.#replaceAll.run();
    for (const { id, ...fields } of items) this.insert(id, fields as ContentFields, now, owners[id] ?? null);
  }
}
