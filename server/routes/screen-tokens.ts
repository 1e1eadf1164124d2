import { createRoute, z } from '@hono/zod-openapi';
import { CloseCode, Id, ScreenTokenIssued } from '../../playlists/index.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import { notFound } from '../errors.ts';
import type { Fleet } from '../fleet/fleet.ts';
import type { Hub } from '../hub/hub.ts';
import { hashToken, newScreenToken } from '../ids.ts';
import type { ScreenTokenRepo } from '../repos/screen-tokens.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { SettingsRepo } from '../repos/settings.ts';
import { commonErrors, errorResponse, guarded, jsonResponse, newRouter } from './router.ts';
import { playerUrl } from '../http/pages.ts';

const Params = z.object({ id: Id });
/** The issue gives screens to admins ("users, wards, screens, settings"): only they rotate or revoke. */

/**
 * A screen's token: rotate (a new one, shown once, the old one dead at once) or revoke (none).
 * Either closes the screen's live socket with 4003, so the player forgets its token and shows
 * pairing (DESIGN.md, close codes); a rotated screen is given its new player link.
 */
export function screenTokenRoutes(deps: {
  auth: SessionService;
  screens: ScreenRepo;
  screenTokens: ScreenTokenRepo;
  settings: SettingsRepo;
  hub: Hub;
  fleet: Fleet;
  audit: AuditLog;
}) {
  const app = newRouter();
  const tags = ['screens'];
  const admin = deps.auth.require('manage_screens');

  const screenById = (id: string) => {
    const screen = deps.screens.get(id);
    if (!screen) throw notFound('screen');
    return screen;
  };

  /** The demo screen's token is kept readable so startup can print its link: keep it true. */
  function updateDemoToken(oldHash: string | null, token: string | null): void {
    const demo = deps.settings.get('demo_screen_token');
    if (demo === null || oldHash === null || hashToken(demo) !== oldHash) return;
    if (token === null) deps.settings.delete('demo_screen_token');
    else deps.settings.set('demo_screen_token', token);
  }

  function disconnect(screenId: string, reason: string): void {
    deps.hub.disconnect(screenId, CloseCode.tokenRevoked, reason);
    deps.fleet.changed(screenId);
  }

  app.openapi(
    createRoute({
      method: 'post', path: '/api/screens/{id}/token', tags,
      summary: 'Rotate a screen\'s token: the old one stops working at once (its player is disconnected, 4003); the new one and its link are shown only this once',
      ...guarded(admin),
      request: { params: Params },
      responses: { 201: jsonResponse(ScreenTokenIssued, 'Rotated'), ...commonErrors, 404: errorResponse('screen_not_found') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const screen = screenById(id);
      const token = newScreenToken();
      deps.audit.transaction(c, (log) => {
        const oldHash = deps.screenTokens.hashOf(id);
        deps.screenTokens.replace(id, hashToken(token));
        updateDemoToken(oldHash, token);
        // The token never enters the log.
        log({ action: 'rotate_token', objectType: 'screen', objectId: id, wardCode: screen.wardCode ?? null });
      });
      disconnect(id, 'token rotated');
      return c.json({ screenId: id, token, playerUrl: playerUrl(c.get('publicOrigin'), token) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/api/screens/{id}/token', tags,
      summary: 'Revoke a screen\'s token: its player is disconnected at once (4003) and shows pairing; rotate to give it a new one',
      ...guarded(admin),
      request: { params: Params },
      responses: { 204: { description: 'Revoked' }, ...commonErrors, 404: errorResponse('screen_not_found') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const screen = screenById(id);
      deps.audit.transaction(c, (log) => {
        const oldHash = deps.screenTokens.hashOf(id);
        deps.screenTokens.revoke(id);
        updateDemoToken(oldHash, null);
        log({ action: 'revoke_token', objectType: 'screen', objectId: id, wardCode: screen.wardCode ?? null });
      });
      disconnect(id, 'token revoked');
      return c.body(null, 204);
    },
  );

  return app;
}
