import type { Playlist, PlaylistFields } from '../../playlists/index.ts';
import type { Db } from '../db/connection.ts';
import type { Owners } from './content.ts';

export interface StoredPlaylist {
  playlist: Playlist;
  updatedAt: number;
  /** The ward whose local playlist this is; null for the city's (server/auth/ward-scope.ts). */
  ownerWard: string | null;
}

type Row = { id: string; name: string; item_ids: string; updated_at: number; owner_ward: string | null };

const toStored = (row: Row): StoredPlaylist => ({
  playlist: { id: row.id, name: row.name, itemIds: JSON.parse(row.item_ids) as string[] },
  updatedAt: row.updated_at,
  ownerWard: row.owner_ward,
});

/** Draft playlists (the working copy). */
export class PlaylistRepo {
  readonly #all;
  readonly #get;
  readonly #insert;
  readonly #update;
  readonly #delete;
  readonly #deleteAll;

  constructor(db: Db) {
    this.#all = db.prepare<[], Row>('SELECT id, name, item_ids, updated_at, owner_ward FROM playlists ORDER BY rowid');
    this.#get = db.prepare<[string], Row>('SELECT id, name, item_ids, updated_at, owner_ward FROM playlists WHERE id = ?');
    this.#insert = db.prepare('INSERT INTO playlists (id, name, item_ids, updated_at, owner_ward) VALUES (?, ?, ?, ?, ?)');
    this.#update = db.prepare('UPDATE playlists SET name = ?, item_ids = ?, updated_at = ? WHERE id = ?');
    this.#delete = db.prepare('DELETE FROM playlists WHERE id = ?');
    this.#deleteAll = db.prepare('DELETE FROM playlists');
  }

  list(): StoredPlaylist[] {
    return this.#all.all().map(toStored);
  }

  get(id: string): StoredPlaylist | undefined {
    const row = this.#get.get(id);
    return row ? toStored(row) : undefined;
  }

  insert(id: string, fields: PlaylistFields, now: number, ownerWard: string | null = null): void {
    this.#insert.run(id, fields.name, JSON.stringify(fields.itemIds), now, ownerWard);
  }

  update(id: string, fields: PlaylistFields, now: number): boolean {
    return this.#update.run(fields.name, JSON.stringify(fields.itemIds), now, id).changes === 1;
  }

  delete(id: string): boolean {
    return this.#delete.run(id).changes === 1;
  }

  /** Ids of playlists whose draft lists the item. */
  usedBy(itemId: string): string[] {
    return this.list()
      .filter((p) => p.playlist.itemIds.includes(itemId))
      .map((p) => p.playlist.id);
  }

  /** Replaces the whole working copy (restoring a revision). Call inside a transaction. */
  replaceAll(playlists: Playlist[], now: number, owners: Owners = {}): void {
    this.#deleteAll.run();
    for (const { id, ...fields } of playlists) this.insert(id, fields, now, owners[id] ?? null);
  }
}
