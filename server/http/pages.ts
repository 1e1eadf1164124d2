import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { socketSources, withSockets } from './player-sockets.ts';

const BASE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
];
/** The link a screen opens to play with `token` (shown once when a screen is registered or re-keyed). */
export const playerUrl = (origin: string, token: string) => `${origin}/player/?token=${encodeURIComponent(token)}`;

export const PLAYER_CSP = BASE_CSP.join('; ');
/** The player page's CSP: it may also connect to the installation's player sockets (player-sockets.ts). */
export const playerCsp = (sockets: readonly string[]) =>
  sockets.length === 0 ? PLAYER_CSP : BASE_CSP.map((d) => (d === "connect-src 'self'" ? [d, ...socketSources(sockets)].join(' ') : d)).join('; ');
/**
 * The embed (issue 17): framed by this server's own pages and the web portals configured in
 * BANGTIN_EMBED_ORIGINS, by no one else. Its fetches carry no cookie (embed/board-view.ts).
 */
export const embedCsp = (origins: readonly string[]) => [...BASE_CSP, `frame-ancestors ${["'self'", ...origins].join(' ')}`].join('; ');
export const ADMIN_CSP = [...BASE_CSP, "frame-ancestors 'none'"].join('; ');
// Swagger UI sets inline styles; its scripts still come only from this server.
const DOCS_CSP = [...BASE_CSP.filter((d) => !d.startsWith('style-src')), "style-src 'self' 'unsafe-inline'", "frame-ancestors 'none'"].join('; ');

function page(distDir: string, name: 'player' | 'admin' | 'embed', csp: string, edit = (html: string) => html) {
  const file = join(distDir, name, 'index.html');
  return (c: Context) => {
    c.header('Content-Security-Policy', csp);
    c.header('Cache-Control', 'no-cache');
    if (!existsSync(file)) return c.text('bangtin is not built yet: run `npm run build` (npm start does it for you).', 503);
    return c.html(edit(readFileSync(file, 'utf8')));
  };
}

/** The player page, naming the installation's player sockets when there are (player-sockets.ts). */
const playerPage = (distDir: string, sockets: readonly string[]) => page(distDir, 'player', playerCsp(sockets), (html) => withSockets(html, sockets));

/**
 * The player's service worker (player/sw.ts). At /player/ its default scope is the player page, so
 * it needs no Service-Worker-Allowed. `no-cache`: browsers compare its bytes to find a new build.
 */
function serviceWorker(distDir: string) {
  const file = join(distDir, 'player', 'sw.js');
  return (c: Context) => {
    if (!existsSync(file)) return c.text('bangtin is not built yet', 404);
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    c.header('Content-Security-Policy', PLAYER_CSP);
    return c.body(readFileSync(file, 'utf8'));
  };
}

const keepQuery = (c: Context, path: string) => path + new URL(c.req.url).search;

/** The hashed assets the pages load, cached for good. */
function assetRoutes(app: Hono, distDir: string): void {
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.get('/assets/*', serveStatic({ root: distDir }));
}

/** The player page, its service worker and the assets: all a player gateway serves of the build (server/gateway). */
export function playerPageRoutes(opts: { distDir: string; playerSockets?: readonly string[] }) {
  const app = new Hono();
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/player', (c) => c.redirect(keepQuery(c, '/player/')));
  app.get('/player/', playerPage(opts.distDir, opts.playerSockets ?? []));
  app.get('/player/sw.js', serviceWorker(opts.distDir));
  assetRoutes(app, opts.distDir);
  return app;
}

/** The player, admin and embed pages, their hashed assets, and the API docs, all from local files. */
export function pageRoutes(opts: { distDir: string; embedOrigins?: readonly string[]; playerSockets?: readonly string[] }) {
  const app = new Hono();
  app.get('/', (c) => c.redirect('/admin/'));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/player', (c) => c.redirect(keepQuery(c, '/player/')));
  app.get('/admin', (c) => c.redirect('/admin/'));
  app.get('/player/', playerPage(opts.distDir, opts.playerSockets ?? []));
  app.get('/player/sw.js', serviceWorker(opts.distDir));
  app.get('/admin/', page(opts.distDir, 'admin', ADMIN_CSP));
  app.get('/embed', (c) => c.redirect(keepQuery(c, '/embed/')));
  app.get('/embed/', page(opts.distDir, 'embed', embedCsp(opts.embedOrigins ?? [])));
  assetRoutes(app, opts.distDir);

  const swaggerDir = join(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'), '..');
  app.get('/api/docs', (c) => {
    c.header('Content-Security-Policy', DOCS_CSP);
    return c.html(DOCS_HTML);
  });
  app.get('/api/docs/init.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(DOCS_INIT);
  });
  app.get(
    '/api/docs/:file{swagger-ui(-bundle\\.js|\\.css)}',
    serveStatic({ root: swaggerDir, rewriteRequestPath: (p) => p.replace('/api/docs/', '/') }),
  );
  return app;
}

const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bangtin API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`;

const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs' });\n`;
