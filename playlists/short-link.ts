/**
 * A screen's short link for an item's QR code (issue 14): `/r/<screen id>.<item id>`. The player
 * builds it from what it already has (its screen id, the item's id), offline too; the server
 * counts the scan and redirects to the item's own address (server/routes/short-links.ts). Ids
 * never hold a dot, so the code splits unambiguously. No zod here: the player's renderers import it.
 */
export const shortLinkPath = (screenId: string, itemId: string): string => `/r/${screenId}.${itemId}`;

/** The screen and item a short link's code names, or null when it is not one. */
export function parseShortCode(code: string): { screenId: string; itemId: string } | null {
  const m = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,64})$/.exec(code);
  return m ? { screenId: m[1]!, itemId: m[2]! } : null;
}
