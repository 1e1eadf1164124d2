import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id, PlaylistEntry, PlaylistFields, PlaylistList, toLocalIso } from '../../playlists/index.ts';
import type { AuditLog } from '../audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import type { Clock } from '../clock.ts';
import { playlistState } from '../drafts.ts';
import { AppError, notFound } from '../errors.ts';
import type { ContentRepo } from '../repos/content.ts';
import type { PlaylistRepo, StoredPlaylist } from '../repos/playlists.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import type { SettingsRepo } from '../repos/settings.ts';
import { newId } from './content.ts';
import { commonErrors, cookieAuth, errorResponse, jsonBody, jsonResponse, newRouter } from './router.ts';

const Params = z.object({ id: Id });
const PlaylistListWithDefault = PlaylistList.extend({ defaultPlaylistId: Id.nullable() });

export function playlistRoutes(deps: {
  auth: SessionService;
  clock: Clock;
  content: ContentRepo;
  playlists: PlaylistRepo;
  revisions: RevisionRepo;
  settings: SettingsRepo;
  audit: AuditLog;
}) {
  const app = newRouter();
  const tags = ['playlists'];
  const entry = ({ playlist, updatedAt }: StoredPlaylist) => ({
    playlist,
    state: playlistState(playlist, deps.revisions.latest().snapshot),
    updatedAt: toLocalIso(updatedAt),
  });

  app.openapi(
    createRoute({
      method: 'get', path: '/api/playlists', summary: 'Draft playlists and the city default', tags, security: cookieAuth,
      middleware: [deps.auth.require('any')] as const,
      responses: { 200: jsonResponse(PlaylistListWithDefault, 'All draft playlists'), ...commonErrors },
    }),
    (c) =>
      c.json({ playlists: deps.playlists.list().map(entry), defaultPlaylistId: deps.settings.get('default_playlist_id') }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/playlists/{id}', summary: 'One draft playlist', tags, security: cookieAuth,
      middleware: [deps.auth.require('any')] as const,
      request: { params: Params },
      responses: { 200: jsonResponse(PlaylistEntry, 'The playlist'), ...commonErrors, 404: errorResponse('playlist_not_found') },
    }),
    (c) => {
      const stored = deps.playlists.get(c.req.valid('param').id);
      if (!stored) throw notFound('playlist');
      return c.json(entry(stored), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/api/playlists/{id}', summary: 'Replace a draft playlist (name, items in order)', tags,
      security: cookieAuth,
      middleware: [deps.auth.require(['admin', 'editor'])] as const,
      request: { params: Params, ...jsonBody(PlaylistFields) },
      responses: {
        200: jsonResponse(PlaylistEntry, 'Saved'),
        ...commonErrors,
        404: errorResponse('playlist_not_found'),
        422: errorResponse('unknown_item: itemIds names items that do not exist (issues say which)'),
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const fields = c.req.valid('json');
      const before = deps.playlists.get(id);
      if (!before) throw notFound('playlist');
      const missing = fields.itemIds
        .map((itemId, index) => ({ itemId, index }))
        .filter(({ itemId }) => !deps.content.get(itemId));
      if (missing.length) {
        throw new AppError(422, 'unknown_item', 'The playlist names items that do not exist',
          missing.map(({ itemId, index }) => ({ path: `itemIds.${index}`, message: `no item ${itemId}` })));
      }
      deps.audit.transaction(c, (log) => {
        deps.playlists.update(id, fields, deps.clock.now());
        log({ action: 'update', objectType: 'playlist', objectId: id, before: before.playlist, after: deps.playlists.get(id)!.playlist });
      });
      return c.json(entry(deps.playlists.get(id)!), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/playlists', summary: 'Create a draft playlist (a campaign to schedule)', tags,
      security: cookieAuth,
      middleware: [deps.auth.require(['admin', 'editor'])] as const,
      request: jsonBody(PlaylistFields),
      responses: {
        201: jsonResponse(PlaylistEntry, 'Created'),
        ...commonErrors,
        422: errorResponse('unknown_item: itemIds names items that do not exist (issues say which)'),
      },
    }),
    (c) => {
      const fields = c.req.valid('json');
      const missing = fields.itemIds.map((itemId, index) => ({ itemId, index })).filter(({ itemId }) => !deps.content.get(itemId));
      if (missing.length) {
        throw new AppError(422, 'unknown_item', 'The playlist names items that do not exist',
          missing.map(({ itemId, index }) => ({ path: `itemIds.${index}`, message: `no item ${itemId}` })));
      }
      const id = newId('p');
      deps.audit.transaction(c, (log) => {
        deps.playlists.insert(id, fields, deps.clock.now());
        log({ action: 'create', objectType: 'playlist', objectId: id, after: deps.playlists.get(id)!.playlist });
      });
      return c.json(entry(deps.playlists.get(id)!), 201);
    },
  );

  return app;
}
