/**
 * The player sockets of an installation (BANGTIN_PLAYER_SOCKETS, issue 16): the gateways'
 * `ws(s)://host:port/ws/player` URLs. The player page carries them in a `<meta>` (cached with the
 * page, so a box that boots offline still has them) and its CSP lets the page connect to exactly
 * those origins. Each player starts at its own place in the list and fails over to the next
 * (player/sockets.ts). None: the page's own server, as always.
 */

/** The `<meta name>` the player reads (player/sockets.ts). */
export const SOCKETS_META = 'bangtin-sockets';

/**
 * `ws://` or `wss://` URLs, space- or comma-separated (a bare `ws://host:port` means its
 * `/ws/player`); anything else (another scheme, a query, credentials) is refused.
 */
export function playerSockets(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter(Boolean).map((entry) => {
    const url = URL.canParse(entry) ? new URL(entry) : null;
    if (!url || !/^wss?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash || !/^([\w.-]+|\[[\da-f:.]+\])(:\d+)?$/i.test(url.host) || /["<>'\s]/.test(url.href)) {
      throw new Error(`bad configuration: BANGTIN_PLAYER_SOCKETS: ${entry} is not a ws:// or wss:// URL`);
    }
    if (url.pathname === '/') url.pathname = '/ws/player';
    return url.href;
  });
}

/** The CSP `connect-src` sources of the sockets: their scheme, host and port, never a wildcard. */
export const socketSources = (sockets: readonly string[]): string[] => [...new Set(sockets.map((s) => `${new URL(s).protocol}//${new URL(s).host}`))];

/** The player page with its sockets named in its head; unchanged without any. */
export function withSockets(html: string, sockets: readonly string[]): string {
  if (sockets.length === 0) return html;
  return html.replace('</head>', `<meta name="${SOCKETS_META}" content="${sockets.join(' ')}"></head>`);
}
