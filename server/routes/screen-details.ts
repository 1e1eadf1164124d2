import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id, ScreenDetailsInput, ScreenStatus, may } from '../../playlists/index.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import { scopeOf } from '../auth/ward-scope.ts';
import { AppError, notFound } from '../errors.ts';
import type { Fleet } from '../fleet/fleet.ts';
import type { Publisher } from '../publishing/publisher.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { WardRepo } from '../repos/wards.ts';
import { commonErrors, errorResponse, guarded, jsonBody, jsonResponse, newRouter } from './router.ts';

const ScreenParams = z.object({ id: Id });

/**
 * A screen's name, ward, ward label, location kind and tags after pairing (issue 12, item 5), in
 * one request and one transaction: a move to another ward and the new label are both applied or
 * neither (an unknown ward or a move the user may not make changes nothing). Admins change any
 * screen's and move screens between wards (`manage_wards`); a ward operator changes its own
 * ward's screens but not their ward (another ward's screen answers as a missing one). Ward,
 * location kind and tags decide which schedules reach a screen, so the change goes through
 * publishing: a connected screen gets its new settings and manifest at once, the dashboard too.
 */
export function screenDetailsRoutes(deps: {
  auth: SessionService;
  screens: ScreenRepo;
  wards: WardRepo;
  fleet: Fleet;
  audit: AuditLog;
  publisher: Pick<Publisher, 'setScreenDetails'>;
}) {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'put', path: '/api/screens/{id}/details', tags: ['screens'],
      summary: 'Rename a screen, change its location kind and tags, and (admins) move it to another ward with its label, all at once or nothing',
      ...guarded(deps.auth.require('edit_screen_details')),
      request: { params: ScreenParams, ...jsonBody(ScreenDetailsInput) },
      responses: {
        200: jsonResponse(ScreenStatus, 'The screen with its new details'),
        ...commonErrors,
        403: errorResponse('forbidden: moving a screen to another ward is for admins (manage_wards)'),
        404: errorResponse('screen_not_found'),
        422: errorResponse('unknown_ward: no ward has that code; nothing was changed'),
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const screen = scopeOf(c).find(deps.screens.get(id), (s) => s.wardCode, () => notFound('screen'));
      const wardCode = screen.wardCode ?? null;
      const moveTo = body.wardCode === undefined || body.wardCode === wardCode ? undefined : body.wardCode;
      // Everything is checked before anything is written.
      if (moveTo !== undefined && !may(c.get('user').role, 'manage_wards')) {
        throw new AppError(403, 'forbidden', 'Only admins move a screen to another ward');
      }
      const ward = moveTo ? deps.wards.get(moveTo) : null;
      if (moveTo && !ward) {
        throw new AppError(422, 'unknown_ward', 'No ward has that code', [{ path: 'wardCode', message: `no ward ${moveTo}` }]);
      }
      const before = { name: screen.name, ward: screen.ward ?? null, wardCode, locationKind: screen.locationKind, tags: screen.tags };
      // Moved, the label follows the ward it is now in, unless the request names one.
      const label = body.ward !== undefined ? body.ward : moveTo !== undefined ? (ward?.name ?? null) : before.ward;
      const after = { name: body.name, ward: label, wardCode: moveTo === undefined ? wardCode : moveTo, locationKind: body.locationKind, tags: body.tags };
      deps.audit.transaction(c, (log) => {
        deps.publisher.setScreenDetails(id, after, moveTo);
        log({ action: 'update', objectType: 'screen', objectId: id, wardCode: after.wardCode ?? wardCode, before, after });
      });
      deps.fleet.changed(id);
      return c.json(deps.fleet.status(deps.screens.get(id)!), 200);
    },
  );

  return app;
}
