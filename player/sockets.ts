/**
 * Which player socket to use (issue 16). The page names the installation's gateways in its
 * `bangtin-sockets` meta (server/http/player-sockets.ts); none: the page's own server. Each
 * screen starts at its own place in the list, from its token, so screens spread over the
 * gateways, and moves to the next after a failed or lost connection (connection.ts).
 */
export function socketUrls(listed: string | null | undefined, page: { protocol: string; host: string }): string[] {
  const urls = listed?.split(' ').filter(Boolean) ?? [];
  return urls.length ? urls : [`${page.protocol === 'https:' ? 'wss' : 'ws'}://${page.host}/ws/player`];
}

/** The place in a list of `count` sockets where the screen of `token` starts. */
export function firstSocket(token: string, count: number): number {
  let hash = 0;
  for (let i = 0; i < token.length; i++) hash = (hash * 31 + token.charCodeAt(i)) >>> 0;
  return hash % count;
}
