/**
 * Where the content view keeps what is open, in the page's address after the view's name:
 * `#content/<playlist id>/<item id>` (or `/new` for the add form), so a reload opens the same.
 */

/** The add form, in place of an item's id. */
export const NEW_ITEM = 'new';

export interface ContentPlace { playlistId: string | null; itemId: string | null }

/** The view named by a hash (`#content/…` → `content`). */
export function viewOf(hash: string): string {
  return hash.replace(/^#/, '').split('/')[0] ?? '';
}

/** The playlist and item a `#content/…` hash names; nulls for any other hash. */
export function readContentHash(hash: string): ContentPlace {
  const [view, playlistId, itemId] = hash.replace(/^#/, '').split('/').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return '';
    }
  });
  if (view !== 'content') return { playlistId: null, itemId: null };
  return { playlistId: playlistId || null, itemId: itemId || null };
}

export function contentHash(place: ContentPlace): string {
  if (!place.playlistId) return '#content';
  const item = place.itemId ? `/${encodeURIComponent(place.itemId)}` : '';
  return `#content/${encodeURIComponent(place.playlistId)}${item}`;
}
