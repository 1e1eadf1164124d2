import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id, ScreenFallbackInput, ScreenFallbackResult } from '../../playlists/index.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import { scopeOf } from '../auth/ward-scope.ts';
import { AppError, notFound } from '../errors.ts';
import type { Fleet } from '../fleet/fleet.ts';
import type { ManifestBuilder } from '../publishing/manifests.ts';
import type { Publisher } from '../publishing/publisher.ts';
import type { PlaylistRepo } from '../repos/playlists.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import { commonErrors, errorResponse, guarded, jsonBody, jsonResponse, newRouter } from './router.ts';

const Params = z.object({ id: Id });

/**
 * A screen's own fallback playlist (SCHEDULE.md [S7]): what it plays when no schedule does.
 * Admins set it for any screen, a ward operator for its ward's screens; the playlist is the
 * city's or the screen's ward's own (any other answers as a missing one).
 */
export function screenFallbackRoutes(deps: {
  auth: SessionService;
  screens: ScreenRepo;
  playlists: PlaylistRepo;
  manifests: ManifestBuilder;
  audit: AuditLog;
  publisher: Pick<Publisher, 'setScreenFallback'>;
  fleet: Fleet;
}) {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'put', path: '/api/screens/{id}/fallback',
      summary: "Set a screen's own fallback playlist (null: the city default); a connected screen gets its new manifest at once",
      tags: ['screens'],
      ...guarded(deps.auth.require('set_screen_fallback')),
      request: { params: Params, ...jsonBody(ScreenFallbackInput) },
      responses: {
        200: jsonResponse(ScreenFallbackResult, 'The screen, and the fallback it plays from the published revision'),
        ...commonErrors,
        404: errorResponse('screen_not_found'),
        422: errorResponse('unknown_playlist'),
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const { playlistId } = c.req.valid('json');
      const screen = scopeOf(c).find(deps.screens.get(id), (s) => s.wardCode, () => notFound('screen'));
      const ward = screen.wardCode ?? null;
      if (playlistId !== null) {
        const playlist = deps.playlists.get(playlistId);
        // Another ward's playlist is answered like a missing one (ward-scope.ts).
        if (!playlist || (playlist.ownerWard !== null && playlist.ownerWard !== ward)) {
          throw new AppError(422, 'unknown_playlist', 'No playlist with that id for this screen', [{ path: 'playlistId', message: `no playlist ${playlistId}` }]);
        }
      }
      deps.audit.transaction(c, (log) => {
        deps.publisher.setScreenFallback(id, playlistId);
        log({ action: 'update_fallback', objectType: 'screen', objectId: id, wardCode: ward, before: { playlistId: screen.fallbackPlaylistId }, after: { playlistId } });
      });
      deps.fleet.changed(id);
      const updated = deps.screens.get(id)!;
      return c.json({ screen: deps.fleet.status(updated), fallback: deps.manifests.fallbackOf(updated) }, 200);
    },
  );

  return app;
}
