import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { CloseCode, Id } from '../../playlists/index.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import { scopeOf } from '../auth/ward-scope.ts';
import type { Clock } from '../clock.ts';
import { notFound } from '../errors.ts';
import type { Fleet } from '../fleet/fleet.ts';
import type { Hub } from '../hub/hub.ts';
import { hashToken } from '../ids.ts';
import type { ScreenTokenRepo } from '../repos/screen-tokens.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { SettingsRepo } from '../repos/settings.ts';
import { commonErrors, errorResponse, guarded, newRouter } from './router.ts';

const ScreenParams = z.object({ id: Id });

/**
 * `DELETE /api/screens/{id}`: retires a screen (issue 12, item 5), as Xibo's "retire display".
 * Its token is revoked and its row marked retired in one transaction; its live socket is closed
 * with 4005 (`CloseCode.retired`), so the player forgets the token and shows pairing with a line
 * saying it was retired. The screen leaves the dashboard, the fleet counts, schedules' reach and
 * every screen route (404 from now on), but its row stays: plays, rollups, uptime until the
 * retirement and scans still count in reports. Re-pairing the same box makes a new screen.
 * Admins only (`retire_screens`; the reason is in playlists/permissions.ts); ward-scoped all
 * the same, so that a wider grant would still stop at the ward's own screens.
 */
export function screenRetireRoutes(deps: {
  auth: SessionService;
  clock: Clock;
  screens: ScreenRepo;
  screenTokens: ScreenTokenRepo;
  settings: SettingsRepo;
  hub: Hub;
  fleet: Fleet;
  audit: AuditLog;
}) {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'delete', path: '/api/screens/{id}', tags: ['screens'],
      summary: 'Retire a screen: off the air at once (its socket closed with 4005), its token refused from now on, gone from the ' +
        'dashboard; its play history stays in reports. Re-pairing the box later gives a new screen',
      ...guarded(deps.auth.require('retire_screens')),
      request: { params: ScreenParams },
      responses: { 204: { description: 'Retired' }, ...commonErrors, 404: errorResponse('No such screen in service (screen_not_found), or retired already') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const screen = scopeOf(c).find(deps.screens.get(id), (s) => s.wardCode, () => notFound('screen'));
      const wardCode = screen.wardCode ?? null;
      deps.audit.transaction(c, (log) => {
        const oldHash = deps.screenTokens.hashOf(id);
        deps.screenTokens.revoke(id);
        if (!deps.screens.retire(id, deps.clock.now())) throw notFound('screen');
        // The demo screen's link is printed at startup from its token: a retired one has none.
        const demo = deps.settings.get('demo_screen_token');
        if (demo !== null && oldHash !== null && hashToken(demo) === oldHash) deps.settings.delete('demo_screen_token');
        // The log names the screen as it was, so the entry reads as retiring that screen by name.
        log({ action: 'retire', objectType: 'screen', objectId: id, wardCode,
          before: { name: screen.name, ward: screen.ward ?? null, wardCode, locationKind: screen.locationKind, tags: screen.tags } });
      });
      deps.hub.disconnect(id, CloseCode.retired, 'screen retired');
      deps.fleet.removed({ id, wardCode });
      return c.body(null, 204);
    },
  );

  return app;
}
