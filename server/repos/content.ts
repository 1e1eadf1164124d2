import { ContentFields, type ContentItem } from '../../playlists/index.ts';
import type { Db } from '../db.ts';

export interface StoredItem {
  item: ContentItem;
  updatedAt: number;
}

type Row = { id: string; body: string; updated_at: number };

const toStored = (row: Row): StoredItem => ({
  item: { id: row.id, ...ContentFields.parse(JSON.parse(row.body)) } as ContentItem,
  updatedAt: row.updated_at,
});

/** Draft content items (the working copy). */
export class ContentRepo {
  readonly #all;
  readonly #get;
  readonly #insert;
  readonly #update;
  readonly #delete;
  readonly #replaceAll;

  constructor(db: Db) {
    this.#all = db.prepare<[], Row>('SELECT id, body, updated_at FROM content_items ORDER BY rowid');
    this.#get = db.prepare<[string], Row>('SELECT id, body, updated_at FROM content_items WHERE id = ?');
    this.#insert = db.prepare('INSERT INTO content_items (id, kind, body, updated_at) VALUES (?, ?, ?, ?)');
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

  insert(id: string, fields: ContentFields, now: number): void {
    this.#insert.run(id, fields.kind, JSON.stringify(fields), now);
  }

  update(id: string, fields: ContentFields, now: number): boolean {
    return this.#update.run(fields.kind, JSON.stringify(fields), now, id).changes === 1;
  }

  delete(id: string): boolean {
    return this.#delete.run(id).changes === 1;
  }

  /** Replaces the whole working copy (restoring a revision). Call inside a transaction. */
  replaceAll(items: ContentItem[], now: number): void {
    this.#replaceAll.run();
    for (const { id, ...fields } of items) this.insert(id, fields as ContentFields, now);
  }
}
