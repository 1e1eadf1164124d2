import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Id, PlaylistEntry, PlaylistFields, PlaylistList, toLocalIso } from '../../playlists/index.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import { checkChangeOwned, scopeOf, type WardScope } from '../auth/ward-scope.ts';
import type { Clock } from '../clock.ts';
import { playlistState } from '../publishing/snapshot.ts';
import { AppError, notFound } from '../errors.ts';
import type { ContentRepo } from '../repos/content.ts';
import type { PlaylistRepo, StoredPlaylist } from '../repos/playlists.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import type { ScheduleRepo } from '../repos/schedules.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { SettingsRepo } from '../repos/settings.ts';
import { newId } from '../ids.ts';
import { commonErrors, errorResponse, guarded, jsonBody, jsonResponse, newRouter } from './router.ts';

const Params = z.object({ id: Id });
const CopyFields = PlaylistFields.pick({ name: true });
const PlaylistListWithDefault = PlaylistList.extend({ defaultPlaylistId: Id.nullable() });
const playlistOwner = (s: StoredPlaylist) => s.ownerWard;

/**
 * City playlists: the city's content writers ('write_content', 'write_city_content'). A ward
 * operator builds its ward's own local playlists, of its ward's own items only; it neither sees
 * nor uses city playlists (the city's content reaches its screens through city schedules), so
 * its local share carries local messages.
 */
export function playlistRoutes(deps: {
  auth: SessionService;
  clock: Clock;
  content: ContentRepo;
  playlists: PlaylistRepo;
  schedules: ScheduleRepo;
  screens: ScreenRepo;
  revisions: RevisionRepo;
  settings: SettingsRepo;
  audit: AuditLog;
}) {
  const app = newRouter();
  const tags = ['playlists'];
  const entry = ({ playlist, updatedAt, ownerWard }: StoredPlaylist) => ({
    playlist,
    state: playlistState(playlist, deps.revisions.latest().snapshot),
    updatedAt: toLocalIso(updatedAt),
    ownerWard,
  });

  /**
   * A playlist lists items of its own owner: items the user cannot see are unknown (422
   * unknown_item, as if missing); a city operator mixing city and ward items gets
   * item_owner_mismatch.
   */
  function checkItems(itemIds: string[], owner: string | null, scope: WardScope): void {
    const listed = itemIds.map((itemId, index) => ({ itemId, index, stored: deps.content.get(itemId) }));
    const missing = listed.filter(({ stored }) => !stored || !scope.sees(stored.ownerWard));
    if (missing.length) {
      throw new AppError(422, 'unknown_item', 'The playlist names items that do not exist',
        missing.map(({ itemId, index }) => ({ path: `itemIds.${index}`, message: `no item ${itemId}` })));
    }
    const foreign = listed.filter(({ stored }) => stored!.ownerWard !== owner);
    if (foreign.length) {
      throw new AppError(422, 'item_owner_mismatch', 'A playlist lists only items of its own owner (the city or one ward)',
        foreign.map(({ itemId, index }) => ({ path: `itemIds.${index}`, message: `item ${itemId} belongs to another owner` })));
    }
  }

  app.openapi(
    createRoute({
      method: 'get', path: '/api/playlists', summary: 'Draft playlists and the city default', tags,
      ...guarded(deps.auth.require('any')),
      responses: { 200: jsonResponse(PlaylistListWithDefault, 'All draft playlists'), ...commonErrors },
    }),
    (c) => {
      const scope = scopeOf(c);
      // The city default is a city playlist: a ward operator does not see it.
      const defaultPlaylistId = scope.isCity ? deps.settings.get('default_playlist_id') : null;
      return c.json({ playlists: scope.only(deps.playlists.list(), playlistOwner).map(entry), defaultPlaylistId }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/playlists/{id}', summary: 'One draft playlist', tags,
      ...guarded(deps.auth.require('any')),
      request: { params: Params },
      responses: { 200: jsonResponse(PlaylistEntry, 'The playlist'), ...commonErrors, 404: errorResponse('playlist_not_found') },
    }),
    (c) => {
      const stored = scopeOf(c).find(deps.playlists.get(c.req.valid('param').id), playlistOwner, () => notFound('playlist'));
      return c.json(entry(stored), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/api/playlists/{id}', summary: 'Replace a draft playlist (name, items in order)', tags,
      ...guarded(deps.auth.require('write_content')),
      request: { params: Params, ...jsonBody(PlaylistFields) },
      responses: {
        200: jsonResponse(PlaylistEntry, 'Saved'),
        ...commonErrors,
        404: errorResponse('playlist_not_found'),
        422: errorResponse('unknown_item or item_owner_mismatch (issues say which)'),
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const fields = c.req.valid('json');
      const scope = scopeOf(c);
      const before = scope.find(deps.playlists.get(id), playlistOwner, () => notFound('playlist'));
      checkChangeOwned(c.get('user'), before.ownerWard);
      checkItems(fields.itemIds, before.ownerWard, scope);
      deps.audit.transaction(c, (log) => {
        deps.playlists.update(id, fields, deps.clock.now());
        log({ action: 'update', objectType: 'playlist', objectId: id, wardCode: before.ownerWard, before: before.playlist, after: deps.playlists.get(id)!.playlist });
      });
      return c.json(entry(deps.playlists.get(id)!), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/playlists', summary: 'Create a draft playlist (a campaign to schedule)', tags,
      ...guarded(deps.auth.require('write_content')),
      request: jsonBody(PlaylistFields),
      responses: {
        201: jsonResponse(PlaylistEntry, 'Created (a ward operator\'s belongs to its ward)'),
        ...commonErrors,
        422: errorResponse('unknown_item or item_owner_mismatch (issues say which)'),
      },
    }),
    (c) => {
      const fields = c.req.valid('json');
      const scope = scopeOf(c);
      checkItems(fields.itemIds, scope.owner, scope);
      const id = newId('p');
      deps.audit.transaction(c, (log) => {
        deps.playlists.insert(id, fields, deps.clock.now(), scope.owner);
        log({ action: 'create', objectType: 'playlist', objectId: id, wardCode: scope.owner, after: deps.playlists.get(id)!.playlist });
      });
      return c.json(entry(deps.playlists.get(id)!), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/playlists/{id}/copy', summary: 'Duplicate a draft playlist under a new name (same items, same owner)', tags,
      ...guarded(deps.auth.require('write_content')),
      request: { params: Params, ...jsonBody(CopyFields) },
      responses: { 201: jsonResponse(PlaylistEntry, 'The copy'), ...commonErrors, 404: errorResponse('playlist_not_found') },
    }),
    (c) => {
      const { name } = c.req.valid('json');
      const before = scopeOf(c).find(deps.playlists.get(c.req.valid('param').id), playlistOwner, () => notFound('playlist'));
      checkChangeOwned(c.get('user'), before.ownerWard);
      const id = newId('p');
      deps.audit.transaction(c, (log) => {
        deps.playlists.insert(id, { name, itemIds: before.playlist.itemIds }, deps.clock.now(), before.ownerWard);
        log({ action: 'create', objectType: 'playlist', objectId: id, wardCode: before.ownerWard, after: deps.playlists.get(id)!.playlist });
      });
      return c.json(entry(deps.playlists.get(id)!), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/api/playlists/{id}', summary: 'Delete a draft playlist no schedule, screen or setting plays', tags,
      ...guarded(deps.auth.require('write_content')),
      request: { params: Params },
      responses: {
        204: { description: 'Deleted; screens lose it at the next publish' },
        ...commonErrors,
        404: errorResponse('playlist_not_found'),
        409: errorResponse('playlist_in_use: schedules, screens or the city default play it (issues name them)'),
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const before = scopeOf(c).find(deps.playlists.get(id), playlistOwner, () => notFound('playlist'));
      checkChangeOwned(c.get('user'), before.ownerWard);
      const users = [
        ...deps.schedules.list().filter((s) => s.schedule.playlistId === id)
          .map((s) => ({ path: `schedules.${s.schedule.id}`, message: s.schedule.name })),
        ...deps.screens.list().filter((s) => s.fallbackPlaylistId === id)
          .map((s) => ({ path: `screens.${s.id}`, message: s.name })),
        ...(deps.settings.get('default_playlist_id') === id ? [{ path: 'settings.default_playlist_id', message: before.playlist.name }] : []),
      ];
      if (users.length) throw new AppError(409, 'playlist_in_use', 'Schedules, screens or the city default still play the playlist', users);
      deps.audit.transaction(c, (log) => {
        deps.playlists.delete(id);
        log({ action: 'delete', objectType: 'playlist', objectId: id, wardCode: before.ownerWard, before: before.playlist });
      });
      return c.body(null, 204);
    },
  );

  return app;
}
