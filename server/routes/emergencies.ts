import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { EmergencyCreate, EmergencyList, EmergencySent, Id } from '../../playlists/index.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import { scopeOf } from '../auth/ward-scope.ts';
import type { Emergencies } from '../publishing/emergencies.ts';
import type { Hub } from '../hub/hub.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { StorageHealth } from '../storage/storage.ts';
import { commonErrors, errorResponse, guarded, jsonBody, jsonResponse, newRouter } from './router.ts';

const Params = z.object({ id: Id });

/** Emergency broadcast: send now, see who has shown it (live), cancel. */
export function emergencyRoutes(deps: {
  auth: SessionService;
  audit: AuditLog;
  emergencies: Emergencies;
  screens: Pick<ScreenRepo, 'list'>;
  /** Who is connected now, for the receipts' list. */
  hub: Pick<Hub, 'live'>;
  storage: Pick<StorageHealth, 'critical'>;
}) {
  const app = newRouter();
  const tags = ['emergencies'];
  const { emergencies } = deps;

  app.openapi(
    createRoute({
      method: 'get', path: '/api/emergencies', summary: 'Published emergencies with each targeted screen\'s receipt', tags,
      ...guarded(deps.auth.require('any')),
      responses: { 200: jsonResponse(EmergencyList, 'Newest first'), ...commonErrors },
    }),
    (c) => {
      const all = emergencies.list((id) => deps.hub.live(id) !== undefined);
      const scope = scopeOf(c);
      if (scope.isCity) return c.json({ emergencies: all }, 200);
      // A ward operator sees the emergencies that reach its ward, with its own screens' receipts only.
      const own = new Set(scope.only(deps.screens.list(), (s) => s.wardCode).map((s) => s.id));
      const scoped = all
        .map((e) => ({ ...e, screens: e.screens.filter((s) => own.has(s.id)) }))
        .filter((e) => e.screens.length > 0);
      return c.json({ emergencies: scoped }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/emergencies',
      summary: 'Send an emergency message to all screens or chosen wards; it is published and pushed at once', tags,
      ...guarded(deps.auth.require('send_emergency')),
      request: jsonBody(EmergencyCreate),
      responses: { 201: jsonResponse(EmergencySent, 'Published; screens switch now'), ...commonErrors, 422: errorResponse('unknown_ward, unknown_media or wrong_media_kind') },
    }),
    (c) => {
      const input = c.req.valid('json');
      // On a full disk the reserve is given up for it (storage.ts): an emergency must go out.
      const sent = deps.storage.critical('an emergency', () =>
        deps.audit.transaction(c, (log) => {
          const result = emergencies.send(input, c.get('user').id);
          log({ action: 'send', objectType: 'emergency', objectId: result.scheduleId, after: input });
          return result;
        }),
      );
      return c.json(sent, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/api/emergencies/{id}', summary: 'Cancel an emergency: publish at once without it', tags,
      ...guarded(deps.auth.require('send_emergency')),
      request: { params: Params },
      responses: { 200: jsonResponse(z.object({ revision: z.int() }), 'Published; screens return to their schedules'), ...commonErrors, 404: errorResponse('emergency_not_found') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const result = deps.storage.critical('an emergency\'s cancellation', () =>
        deps.audit.transaction(c, (log) => {
          const cancelled = emergencies.cancel(id, c.get('user').id);
          log({ action: 'cancel', objectType: 'emergency', objectId: id });
          return cancelled;
        }),
      );
      return c.json(result, 200);
    },
  );

  return app;
}
