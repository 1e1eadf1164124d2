import { randomBytes } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { ScreenCreate, ScreenCreated, ScreenList, toLocalIso, type ScreenStatus } from '../../playlists/index.ts';
import type { SessionService } from '../auth/sessions.ts';
import type { Clock } from '../clock.ts';
import { hashToken, type Hub } from '../hub/hub.ts';
import type { ScreenRecord, ScreenRepo } from '../repos/screens.ts';
import { newId } from './content.ts';
import { commonErrors, cookieAuth, jsonBody, jsonResponse, newRouter } from './router.ts';

export const newScreenToken = () => randomBytes(24).toString('base64url');
export const playerUrl = (origin: string, token: string) => `${origin}/player/?token=${encodeURIComponent(token)}`;

export function screenRoutes(deps: {
  auth: SessionService;
  clock: Clock;
  screens: ScreenRepo;
  hub: Hub;
}) {
  const app = newRouter();
  const tags = ['screens'];

  const status = (s: ScreenRecord): ScreenStatus => {
    const live = deps.hub.live(s.id);
    const lastSeen = live?.lastSeenAt ?? s.lastSeenAt;
    return {
      id: s.id,
      name: s.name,
      ward: s.ward,
      locationKind: s.locationKind,
      tags: s.tags,
      connected: Boolean(live),
      lastSeenAt: lastSeen === null ? null : toLocalIso(lastSeen),
      manifestVersion: live ? live.ackedVersion : s.manifestVersion,
      expectedVersion: deps.hub.expectedVersion(s),
      playerVersion: live?.playerVersion ?? s.playerVersion,
      viewport: live?.viewport ?? s.viewport,
    };
  };

  app.openapi(
    createRoute({
      method: 'get', path: '/api/screens', summary: 'Screens with their live connection state', tags,
      security: cookieAuth,
      middleware: [deps.auth.require('any')] as const,
      responses: { 200: jsonResponse(ScreenList, 'All screens'), ...commonErrors },
    }),
    (c) => c.json({ screens: deps.screens.list().map(status) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/screens',
      summary: 'Register a screen; the answer holds its token and player link, shown only this once', tags,
      security: cookieAuth,
      middleware: [deps.auth.require(['admin'])] as const,
      request: jsonBody(ScreenCreate),
      responses: { 201: jsonResponse(ScreenCreated, 'Registered'), ...commonErrors },
    }),
    (c) => {
      const body = c.req.valid('json');
      const screen = { id: newId('s'), name: body.name, ward: body.ward ?? null, locationKind: body.locationKind, tags: body.tags };
      const token = newScreenToken();
      deps.screens.insert(screen, hashToken(token), deps.clock.now());
      return c.json({ screen, token, playerUrl: playerUrl(new URL(c.req.url).origin, token) }, 201);
    },
  );

  return app;
}
