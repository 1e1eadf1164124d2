import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id, ScreenDetailsInput, ScreenStatus } from '../../playlists/index.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import { scopeOf } from '../auth/ward-scope.ts';
import { notFound } from '../errors.ts';
import type { Fleet } from '../fleet/fleet.ts';
import type { Publisher } from '../publishing/publisher.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import { commonErrors, errorResponse, guarded, jsonBody, jsonResponse, newRouter } from './router.ts';

const ScreenParams = z.object({ id: Id });

/**
 * A screen's name, ward label, location kind and tags after pairing (issue 12, item 5). Admins
 * change any screen's, a ward operator its own ward's (another ward's screen answers as a missing
 * one). Location kind and tags decide which schedules reach a screen, so the change goes through
 * publishing: a connected screen gets its new settings and manifest at once, the dashboard too.
 */
export function screenDetailsRoutes(deps: {
  auth: SessionService;
  screens: ScreenRepo;
  fleet: Fleet;
  audit: AuditLog;
  publisher: Pick<Publisher, 'setScreenDetails'>;
}) {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'put', path: '/api/screens/{id}/details', tags: ['screens'],
      summary: "Rename a screen, change its location kind and tags (and its ward label; left out: kept)",
      ...guarded(deps.auth.require('edit_screen_details')),
      request: { params: ScreenParams, ...jsonBody(ScreenDetailsInput) },
      responses: { 200: jsonResponse(ScreenStatus, 'The screen with its new details'), ...commonErrors, 404: errorResponse('screen_not_found') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const screen = scopeOf(c).find(deps.screens.get(id), (s) => s.wardCode, () => notFound('screen'));
      const before = { name: screen.name, ward: screen.ward ?? null, locationKind: screen.locationKind, tags: screen.tags };
      const after = { name: body.name, ward: body.ward === undefined ? before.ward : body.ward, locationKind: body.locationKind, tags: body.tags };
      deps.audit.transaction(c, (log) => {
        deps.publisher.setScreenDetails(id, after);
        log({ action: 'update', objectType: 'screen', objectId: id, wardCode: screen.wardCode ?? null, before, after });
      });
      deps.fleet.changed(id);
      return c.json(deps.fleet.status(deps.screens.get(id)!), 200);
    },
  );

  return app;
}
