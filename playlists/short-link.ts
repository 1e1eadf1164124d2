/**
 * A screen's short link for an item's QR code (issue 14): `/r/<screen id>.<item id>`. The player
 * builds it from what it already has (its screen id, the item's id), offline too; the server
 * counts the scan and redirects to the item's own address (server/routes/short-links.ts). Ids
 * never hold a dot, so the code splits unambiguously. No zod here: the player's renderers import it.
 */
export const shortLinkPath = (screenId: string, itemId: string): string => `/r/${screenId}.${itemId}`;

/**
 * The screen an admin's preview stands for. Ids are a letter, `_` and 12 characters; these have
 * that length, so the previewed QR code has the version, the module count and the size of the
 * one a real screen draws. The server follows the preview's link without counting a scan.
 */
export const PREVIEW_SCREEN_ID = 's_preview00000';
/** An item not saved yet, in the preview: same length as a real item id. */
export const DRAFT_ITEM_ID = 'c_draft0000000';

/** The screen and item a short link's code names, or null when it is not one. */
export function parseShortCode(code: string): { screenId: string; itemId: string } | null {
  const m = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,64})$/.exec(code);
  return m ? { screenId: m[1]!, itemId: m[2]! } : null;
}
