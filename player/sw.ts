// The player's service worker, served at /player/sw.js with scope /player/ (server/pages.ts).
// Built by vite as its own entry; it imports only what no page imports, so it stays one classic
// script. `scripts/precache-plugin.ts` replaces the two BANGTIN_ names below at build time.
//
// - The player page and its hashed files: cache-first from the shell cache of this build, so a
//   box that boots with no network shows content at once.
// - /media/…: cache-first from the media cache the page fills with verified files
//   (player/media-cache.ts); Range requests (video) are answered from the cached file.
// - Everything else (/api, /ws, the admin page): not touched.
//
// Updates: a new build means new bytes here, so the browser installs it beside the old one and
// it waits. The page tells it to take over (`skip-waiting`) at an item boundary, then reloads
// (player/sw-client.ts): a new player never cuts into an item.
import { parseRange } from './sw-range.ts';

/** The player's built files: the page, its scripts, styles, fonts and icon. */
declare const BANGTIN_PRECACHE: string[];
/** A hash of the list above: each build has its own shell cache. */
declare const BANGTIN_SHELL_VERSION: string;

interface SwExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface SwFetchEvent extends SwExtendableEvent {
  request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface SwMessageEvent extends SwExtendableEvent {
  data: unknown;
}
interface SwGlobal {
  addEventListener(type: 'install' | 'activate', listener: (event: SwExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: SwFetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: SwMessageEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: { origin: string };
}

const sw = globalThis as unknown as SwGlobal;
const SHELL_PREFIX = 'bangtin-shell-';
const SHELL = SHELL_PREFIX + BANGTIN_SHELL_VERSION;
const MEDIA = 'bangtin-media';
const PAGE = '/player/';

sw.addEventListener('install', (event) => {
  // `no-cache`: revalidate with the server rather than trust the HTTP cache for the page.
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(BANGTIN_PRECACHE.map((url) => new Request(url, { cache: 'no-cache' })))));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(SHELL_PREFIX) && name !== SHELL) await caches.delete(name);
      }
      // The first worker takes the open page at once, so its media already come from the cache.
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown } | null;
  if (data?.type === 'skip-waiting') event.waitUntil(sw.skipWaiting());
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (url.pathname.startsWith('/media/')) event.respondWith(media(request, url.pathname));
  else if (request.mode === 'navigate' && url.pathname === PAGE) event.respondWith(page(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request));
});

/**
 * The page from this build's shell, whatever its query (`?token=`). Missing (an operator's
 * "clear cache" empties every cache): from the network, kept again for the next offline boot.
 */
async function page(request: Request): Promise<Response> {
  const shell = await caches.open(SHELL);
  const cached = await shell.match(PAGE);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && !response.redirected) void shell.put(PAGE, response.clone()).catch(() => {});
  return response;
}

/** Hashed, immutable files: from any shell cache, else fetched and kept in this build's. */
async function asset(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    void caches
      .open(SHELL)
      .then((cache) => cache.put(request, copy))
      .catch(() => {});
  }
  return response;
}

/** A verified medium from the media cache, whole or the range asked for; else the network. */
async function media(request: Request, path: string): Promise<Response> {
  const cached = await (await caches.open(MEDIA)).match(path);
  if (!cached) return fetch(request);
  const header = request.headers.get('range');
  if (!header) return cached;
  const body = await cached.blob();
  const type = cached.headers.get('content-type') ?? 'application/octet-stream';
  const range = parseRange(header, body.size);
  if (range === null) return new Response(body, { headers: { 'Content-Type': type, 'Content-Length': String(body.size), 'Accept-Ranges': 'bytes' } });
  if (range === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${body.size}` } });
  }
  return new Response(body.slice(range.start, range.end + 1), {
    status: 206,
    headers: {
      'Content-Type': type,
      'Content-Length': String(range.end - range.start + 1),
      'Content-Range': `bytes ${range.start}-${range.end}/${body.size}`,
      'Accept-Ranges': 'bytes',
    },
  });
}
