import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  Id, SCREEN_PAGE_DEFAULT, SCREEN_PAGE_MAX, ScreenCreate, ScreenCreated, ScreenLayout, ScreenList, ScreenPageQuery, ScreenStatus, layoutOf, screenSettings,
} from '../../playlists/index.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import { scopeOf } from '../auth/ward-scope.ts';
import { AppError, notFound } from '../errors.ts';
import type { Fleet } from '../fleet/fleet.ts';
import type { WardRepo } from '../repos/wards.ts';
import type { Clock } from '../clock.ts';
import type { Hub } from '../hub/hub.ts';
import { hashToken, newId, newScreenToken } from '../ids.ts';
import type { ScreenRecord, ScreenRepo } from '../repos/screens.ts';
import { playerUrl } from '../http/pages.ts';
import { commonErrors, errorResponse, guarded, jsonBody, jsonResponse, newRouter } from './router.ts';

const ScreenParams = z.object({ id: Id });

export function screenRoutes(deps: {
  auth: SessionService;
  clock: Clock;
  screens: ScreenRepo;
  hub: Hub;
  fleet: Fleet;
  wards: WardRepo;
  audit: AuditLog;
}) {
  const app = newRouter();
  const tags = ['screens'];

  // The fleet judges online/offline (with hysteresis), current/behind and alerts.
  const status = (s: ScreenRecord): ScreenStatus => deps.fleet.status(s);

  app.openapi(
    createRoute({
      method: 'get', path: '/api/screens', tags,
      summary: `One page of screens with their live state (alerts first, then offline, then by name), filtered on the server; ` +
        `${SCREEN_PAGE_DEFAULT} a page unless \`limit\` says (at most ${SCREEN_PAGE_MAX}), with the fleet's counts`,
      ...guarded(deps.auth.require('any')),
      request: { query: ScreenPageQuery },
      responses: { 200: jsonResponse(ScreenList, 'One page of the screens the user sees (a ward operator: its ward\'s)'), ...commonErrors },
    }),
    (c) => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const page = deps.fleet.pages.page(c.req.valid('query'), scopeOf(c), deps.clock.now());
      // How long the page took to build, apart from any wait for the event loop, and the CPU time
      // it used (on a busy machine the wall time also counts other processes): the bench reads both.
      const used = process.cpuUsage(cpu);
      c.header('Server-Timing', `list;dur=${(performance.now() - started).toFixed(1)}, cpu;dur=${((used.user + used.system) / 1000).toFixed(1)}`);
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/screens',
      summary: 'Register a screen; the answer holds its token and player link, shown only this once', tags,
      ...guarded(deps.auth.require('manage_screens')),
      request: jsonBody(ScreenCreate),
      responses: { 201: jsonResponse(ScreenCreated, 'Registered'), ...commonErrors },
    }),
    (c) => {
      const body = c.req.valid('json');
      const ward = body.wardCode ? deps.wards.get(body.wardCode) : null;
      if (body.wardCode && !ward) {
        throw new AppError(422, 'unknown_ward', 'No ward has that code', [{ path: 'wardCode', message: `no ward ${body.wardCode}` }]);
      }
      const screen = screenSettings({ id: newId('s'), name: body.name, ward: body.ward ?? ward?.name ?? null, locationKind: body.locationKind, tags: body.tags });
      const token = newScreenToken();
      deps.audit.transaction(c, (log) => {
        deps.screens.insert({ ...screen, wardCode: ward?.code ?? null }, hashToken(token), deps.clock.now());
        // The token never enters the log: only the settings do.
        log({ action: 'create', objectType: 'screen', objectId: screen.id, wardCode: ward?.code ?? null, after: { ...screen, wardCode: ward?.code ?? null } });
      });
      deps.fleet.changed(screen.id);
      return c.json({ screen, token, playerUrl: playerUrl(c.get('publicOrigin'), token) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/api/screens/{id}/layout',
      summary: "Set a screen's canvas, ticker strip and theme; a connected screen gets them at once", tags,
      ...guarded(deps.auth.require('manage_screens')),
      request: { params: ScreenParams, ...jsonBody(ScreenLayout) },
      responses: { 200: jsonResponse(ScreenStatus, 'The screen with its new layout'), ...commonErrors, 404: errorResponse('screen_not_found') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const layout = c.req.valid('json');
      const screen = deps.screens.get(id);
      if (!screen) throw notFound('screen');
      deps.audit.transaction(c, (log) => {
        deps.screens.setLayout(id, layout);
        log({ action: 'update_layout', objectType: 'screen', objectId: id, wardCode: screen.wardCode ?? null, before: layoutOf(screen), after: layout });
      });
      deps.hub.screenChanged(id);
      deps.fleet.changed(id);
      return c.json(status(deps.screens.get(id)!), 200);
    },
  );

  return app;
}
