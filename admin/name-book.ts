import type { ContentFields } from '../playlists/index.ts';
import { api } from './api.ts';
import { editorMessages } from './messages/editor.ts';
import { changeMessages as t } from './messages/changes.ts';

/** At most this many characters of an item's text name it (a long ticker is cut with "…"). */
const NAME_MAX = 60;

const shorten = (text: string) => (text.length > NAME_MAX ? `${text.slice(0, NAME_MAX - 1).trimEnd()}…` : text);

/** What an operator calls an item: its text, title, name or caption, else its kind's name. */
export function itemName(item: Partial<ContentFields> & { kind: string }): string {
  const o = item as Record<string, unknown>;
  for (const key of ['text', 'title', 'name', 'caption']) if (typeof o[key] === 'string' && o[key]) return shorten(o[key] as string);
  return editorMessages.kinds[item.kind] ?? t.unnamed['item']!;
}

type Kind = 'item' | 'playlist' | 'schedule' | 'screen' | 'ward' | 'user' | 'media';

/**
 * Names of the things operators change, by id (by code for wards): what the admin shows in
 * place of an id. Learnt from the lists the page loads and from the objects a change carries
 * (a removed item is named by its last version). An id it never learnt reads as "an item that
 * no longer exists", never as the id itself.
 */
export class NameBook {
  readonly #names = new Map<string, string>();

  /** The names every signed-in role may read: content, playlists, screens, wards. A list that fails to load is skipped. */
  static async load(): Promise<NameBook> {
    const book = new NameBook();
    const [content, playlists, screens, wards] = await Promise.allSettled([api.content(), api.playlists(), api.allScreens(), api.wards()]);
    if (content.status === 'fulfilled') for (const e of content.value.items) book.learn('item', e.item.id, itemName(e.item));
    if (playlists.status === 'fulfilled') for (const e of playlists.value.playlists) book.learn('playlist', e.playlist.id, e.playlist.name);
    if (screens.status === 'fulfilled') for (const s of screens.value.screens) book.learn('screen', s.id, s.name);
    if (wards.status === 'fulfilled') for (const w of wards.value.wards) book.learn('ward', w.code, w.name);
    return book;
  }

  learn(kind: Kind, id: string, name: string): void {
    if (name) this.#names.set(`${kind}:${id}`, name);
  }

  /** Learns the names an object carries (an item, a playlist or schedule with `name`, a user with `username`). */
  learnFrom(kind: Kind, value: unknown): void {
    if (typeof value !== 'object' || value === null) return;
    const o = value as Record<string, unknown>;
    const id = typeof o['id'] === 'string' || typeof o['id'] === 'number' ? String(o['id']) : null;
    if (!id) return;
    if (kind === 'item' && typeof o['kind'] === 'string') this.learn(kind, id, itemName(o as ContentFields & { kind: string }));
    else if (typeof o['name'] === 'string') this.learn(kind, id, o['name']);
    else if (typeof o['username'] === 'string') this.learn(kind, id, o['username']);
  }

  has(kind: Kind, id: string): boolean {
    return this.#names.has(`${kind}:${id}`);
  }

  /** The name of `id`, or what it is when the name is not known (never the id). */
  name(kind: Kind, id: string): string {
    return this.#names.get(`${kind}:${id}`) ?? t.unnamed[kind]!;
  }

  item = (id: string) => this.name('item', id);
  playlist = (id: string) => this.name('playlist', id);
  schedule = (id: string) => this.name('schedule', id);
  screen = (id: string) => this.name('screen', id);
  ward = (code: string) => this.name('ward', code);
}
