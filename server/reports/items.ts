import type { PublishedItem } from '../../playlists/index.ts';
import type { Db } from '../db/connection.ts';

const TITLE_MAX = 120;

/** A line that names an item in a report: its text, title or name, else its kind. */
export function titleOf(item: PublishedItem): string {
  const text = (() => {
    switch (item.kind) {
      case 'slogan':
      case 'ticker':
        return item.text;
      case 'countdown':
      case 'notice':
        return item.title;
      case 'story':
        return `${item.name} — ${item.trade}`;
      case 'clock':
      case 'image':
        return item.caption ?? '';
      case 'video':
        return '';
    }
  })();
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > TITLE_MAX ? `${line.slice(0, TITLE_MAX - 1)}…` : line || item.kind;
}

export interface ItemInfo {
  title: string;
  kind: string;
  /** The item's http(s) address for its QR code, if it has one. */
  qrUrl: string | null;
  theme: number;
}

const infoOf = (item: PublishedItem): ItemInfo => ({
  title: titleOf(item),
  kind: item.kind,
  qrUrl: item.kind === 'notice' || item.kind === 'story' ? (item.qrUrl ?? null) : null,
  theme: item.theme,
});

/**
 * Published items by id, as reports name them: from the latest revision, and for items no
 * longer published, from the newest revision that had them. The latest revision's items are
 * read once per revision number.
 */
export class ItemCatalog {
  readonly #latestNumber;
  readonly #latest;
  readonly #older;
  readonly #atRevision;
  #cache: { number: number; items: Map<string, ItemInfo> } | null = null;

  constructor(db: Db) {
    this.#latestNumber = db.prepare<[], { n: number | null }>('SELECT max(number) AS n FROM revisions');
    this.#latest = db.prepare<[number], { item: string }>(
      "SELECT i.value AS item FROM revisions r, json_each(r.snapshot, '$.items') i WHERE r.number = ?",
    );
    this.#older = db.prepare<[string], { item: string }>(
      `SELECT i.value AS item FROM revisions r, json_each(r.snapshot, '$.items') i
       WHERE json_extract(i.value, '$.id') IN (SELECT value FROM json_each(?)) ORDER BY r.number DESC`,
    );
    this.#atRevision = db.prepare<[number, string], { item: string }>(
      "SELECT i.value AS item FROM revisions r, json_each(r.snapshot, '$.items') i WHERE r.number = ? AND json_extract(i.value, '$.id') = ?",
    );
  }

  /** The latest revision's items. */
  current(): Map<string, ItemInfo> {
    const number = this.#latestNumber.get()?.n ?? 0;
    if (this.#cache?.number !== number) {
      const items = new Map(this.#latest.all(number).map((r) => {
        const item = JSON.parse(r.item) as PublishedItem;
        return [item.id, infoOf(item)] as const;
      }));
      this.#cache = { number, items };
    }
    return this.#cache.items;
  }

  /** The items asked for, from the latest revision that has each. */
  lookup(ids: readonly string[]): Map<string, ItemInfo> {
    const current = this.current();
    const out = new Map<string, ItemInfo>();
    const missing: string[] = [];
    for (const id of ids) {
      const info = current.get(id);
      if (info) out.set(id, info);
      else missing.push(id);
    }
    if (missing.length) {
      for (const r of this.#older.all(JSON.stringify(missing))) {
        const item = JSON.parse(r.item) as PublishedItem;
        if (!out.has(item.id)) out.set(item.id, infoOf(item));
      }
    }
    return out;
  }

  /** The item as it was published in `revision` (a play event's itemRevision). */
  atRevision(itemId: string, revision: number): ItemInfo | null {
    const row = this.#atRevision.get(revision, itemId);
    return row ? infoOf(JSON.parse(row.item) as PublishedItem) : null;
  }
}
