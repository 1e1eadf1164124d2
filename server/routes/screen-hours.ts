import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id, ScreenHours, ScreenStatus } from '../../playlists/index.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import { scopeOf } from '../auth/ward-scope.ts';
import { notFound } from '../errors.ts';
import type { Fleet } from '../fleet/fleet.ts';
import type { Hub } from '../hub/hub.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import { commonErrors, errorResponse, guarded, jsonBody, jsonResponse, newRouter } from './router.ts';

const ScreenParams = z.object({ id: Id });

/**
 * A screen's operating hours and daily reload time (issue 6). Admins set them for every screen,
 * a ward operator for its own ward's (another ward's screen answers as a missing one). The
 * connected player gets them at once in a `screen` message and keeps them offline.
 */
export function screenHoursRoutes(deps: { auth: SessionService; screens: ScreenRepo; hub: Hub; fleet: Fleet; audit: AuditLog }) {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'put', path: '/api/screens/{id}/hours', tags: ['screens'],
      summary: "Set a screen's operating hours (null: always on), what it shows outside them, and its daily reload time",
      description:
        'Times are HH:MM in Asia/Ho_Chi_Minh; a window whose end is at or before its start crosses midnight and belongs to ' +
        'the weekday it starts on (ISO weekdays, 1 = Monday). Outside its hours a screen shows the clock, dimmed content or ' +
        'black; emergencies show at any hour. Offline alerts count only time within the hours.',
      ...guarded(deps.auth.require('set_screen_hours')),
      request: { params: ScreenParams, ...jsonBody(ScreenHours) },
      responses: { 200: jsonResponse(ScreenStatus, 'The screen with its new hours'), ...commonErrors, 404: errorResponse('screen_not_found') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const hours = c.req.valid('json');
      const screen = scopeOf(c).find(deps.screens.get(id), (s) => s.wardCode, () => notFound('screen'));
      deps.audit.transaction(c, (log) => {
        deps.screens.setHours(id, hours);
        log({
          action: 'update_hours', objectType: 'screen', objectId: id, wardCode: screen.wardCode ?? null,
          before: { hours: screen.hours, dailyReloadAt: screen.dailyReloadAt }, after: hours,
        });
      });
      deps.hub.screenChanged(id);
      deps.fleet.changed(id);
      return c.json(deps.fleet.status(deps.screens.get(id)!), 200);
    },
  );

  return app;
}
