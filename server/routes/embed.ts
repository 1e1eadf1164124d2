import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { EmbedInfo, LocalDate, PortalAudience, PortalViews as PortalViewsSchema } from '../../playlists/index.ts';
import type { SessionService } from '../auth/sessions.ts';
import { scopeOf } from '../auth/ward-scope.ts';
import type { PortalViews } from '../embed/portal-views.ts';
import type { ManifestBuilder } from '../publishing/manifests.ts';
import type { PortalViewRepo } from '../repos/portal-views.ts';
import type { WardRepo } from '../repos/wards.ts';
import { AppError } from '../errors.ts';
import { commonErrors, guarded, jsonResponse, newRouter } from './router.ts';

/** Where an embedded board reads its audience's manifest: anonymous, no cookie, no token. */
export const EMBED_MANIFEST_PATH = '/embed/manifest.json';

const ViewsQuery = z.object({ from: LocalDate, to: LocalDate });

/**
 * The playlists on ward and city web portals (issue 17): the public manifest an embedded board
 * plays, counted as portal views (never as plays), and what the admin page shows of it.
 */
export function embedRoutes(deps: {
  auth: SessionService;
  manifests: Pick<ManifestBuilder, 'forPortal'>;
  wards: Pick<WardRepo, 'get'>;
  portalViews: PortalViews;
  portalViewRows: PortalViewRepo;
  embedOrigins: readonly string[];
}) {
  const app = newRouter();

  // A page that came into view asks with view=1 once, then again with If-None-Match to follow
  // what is published: only the first counts.
  app.get(EMBED_MANIFEST_PATH, (c) => {
    const audience = PortalAudience.safeParse(c.req.query('audience'));
    const ward = audience.success && audience.data !== 'city' ? audience.data : null;
    if (!audience.success || (ward !== null && !deps.wards.get(ward))) {
      return c.json({ error: { code: 'audience_not_found', message: 'No such audience: city, or a ward\'s code' } }, 404);
    }
    if (c.req.query('view') === '1') deps.portalViews.count(audience.data);
    const { manifest, version } = deps.manifests.forPortal(ward);
    const etag = `"${version}"`;
    c.header('Cache-Control', 'no-cache');
    c.header('ETag', etag);
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.json({ manifest }, 200);
  });

  app.openapi(
    createRoute({
      method: 'get', path: '/api/embed', summary: 'How web portals embed the playlists: the origins that may frame /embed/', tags: ['embed'],
      ...guarded(deps.auth.require('any')),
      responses: { 200: jsonResponse(EmbedInfo, 'BANGTIN_EMBED_ORIGINS'), ...commonErrors },
    }),
    (c) => c.json({ origins: [...deps.embedOrigins] }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/reports/portal-views', tags: ['reports'],
      summary: 'Views of the playlists embedded on web portals, per Hanoi day and audience (a ward operator: its own ward\'s)',
      ...guarded(deps.auth.require('any')),
      request: { query: ViewsQuery },
      responses: { 200: jsonResponse(PortalViewsSchema, 'Rows by day and audience'), ...commonErrors },
    }),
    (c) => {
      const { from, to } = c.req.valid('query');
      if (from > to) throw new AppError(400, 'invalid_request', 'from is after to');
      const scope = scopeOf(c);
      const rows = deps.portalViewRows.range(from, to).filter((r) => scope.isCity || r.audience === scope.ward);
      return c.json({ rows, total: rows.reduce((sum, r) => sum + r.views, 0) }, 200);
    },
  );

  return app;
}
