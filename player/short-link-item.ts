import type { ContentFields } from '../playlists/player.ts';
import { DRAFT_ITEM_ID, shortLinkPath } from '../playlists/short-link.ts';

type WithQr = Extract<ContentFields, { kind: 'notice' | 'story' }> & { id?: string };

/** One linked copy per item and screen, so re-rendering hands the renderer the same object. */
const linked = new WeakMap<object, { screenId: string; item: WithQr }>();

/**
 * The item with its QR code pointing at this screen's short link (`/r/<screen>.<item>` on this
 * server), which counts the scan per screen and redirects to the item's address (issue 14).
 * Built from what the player holds, so it works offline too. Unchanged without a QR address or a
 * screen (a web portal's board). The admin's preview passes PREVIEW_SCREEN_ID, and an item not
 * saved yet links as DRAFT_ITEM_ID: its code is then as large as the one the screens will draw.
 */
export function withScreenLink<T extends WithQr>(item: T, screenId: string | null): T {
  if (!item.qrUrl || !screenId) return item;
  const cached = linked.get(item);
  if (cached?.screenId === screenId) return cached.item as T;
  const copy = { ...item, qrUrl: `${location.origin}${shortLinkPath(screenId, item.id ?? DRAFT_ITEM_ID)}` };
  linked.set(item, { screenId, item: copy });
  return copy;
}
