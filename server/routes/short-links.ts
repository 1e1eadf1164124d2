import { Hono } from 'hono';
import type { ScanCounter } from '../reports/scans.ts';
import type { Env } from './router.ts';

/**
 * `GET /r/<code>`: a screen's QR short link (issue 14). Counts the scan and redirects (302) to
 * the item's own address; 404 for a code that names nothing. No cookie is set and nothing about
 * the person is kept; the answer is never cached, so each scan reaches the server.
 */
export function shortLinkRoutes(deps: { scans: ScanCounter }) {
  const app = new Hono<Env>();
  app.get('/r/:code', (c) => {
    c.header('Cache-Control', 'no-store');
    const target = deps.scans.scan(c.req.param('code'), c.get('clientAddress'));
    if (!target) return c.text('Not found', 404);
    return c.redirect(target, 302);
  });
  return app;
}
