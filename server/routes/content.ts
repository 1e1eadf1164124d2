import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ContentEntry, ContentFields, ContentList, Id, toLocalIso, validityOk } from '../../playlists/index.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import { checkChangeOwned, scopeOf } from '../auth/ward-scope.ts';
import type { Clock } from '../clock.ts';
import { newId } from '../ids.ts';
import { itemState } from '../publishing/snapshot.ts';
import { checkMediaRefs } from '../content/media-usage.ts';
import type { MediaLibrary } from '../../media/index.ts';
import { AppError, notFound } from '../errors.ts';
import type { ContentRepo, StoredItem } from '../repos/content.ts';
import type { PlaylistRepo } from '../repos/playlists.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import type { ReviewRepo } from '../repos/reviews.ts';
import type { UserRepo } from '../repos/users.ts';
import { recordSave, reviewInfo } from '../content/review-policy.ts';
import { commonErrors, errorResponse, guarded, jsonBody, jsonResponse, newRouter } from './router.ts';

const Params = z.object({ id: Id });
const itemOwner = (s: StoredItem) => s.ownerWard;

function checkValidity(fields: ContentFields): void {
  if (!validityOk(fields)) {
    throw new AppError(400, 'invalid_request', 'validFrom must be before validUntil', [
      { path: 'validUntil', message: 'must be after validFrom' },
    ]);
  }
}

/**
 * City content: its writers ('write_content', 'write_city_content'). A ward operator's content
 * is its ward's own (local) and invisible to other wards (auth/ward-scope.ts); an approver or
 * admin may take it down ('take_down_ward_content').
 */
export function contentRoutes(deps: {
  auth: SessionService;
  clock: Clock;
  content: ContentRepo;
  playlists: PlaylistRepo;
  revisions: RevisionRepo;
  reviews: ReviewRepo;
  users: Pick<UserRepo, 'byId'>;
  audit: AuditLog;
  /** Items may only refer to media the library has, of the right kind (422 otherwise). */
  media: Pick<MediaLibrary, 'repo'>;
}) {
  const app = newRouter();
  const entry = ({ item, updatedAt, ownerWard }: StoredItem) => ({
    item,
    state: itemState(item, deps.revisions.latest().snapshot),
    updatedAt: toLocalIso(updatedAt),
    ownerWard,
    review: reviewInfo(deps.reviews.get(item.id), { item, ownerWard }, deps.users),
  });
  const read = deps.auth.require('any');
  const write = deps.auth.require('write_content');
  const tags = ['content'];

  app.openapi(
    createRoute({
      method: 'get', path: '/api/content', summary: 'Draft content items', tags,
      ...guarded(read),
      responses: { 200: jsonResponse(ContentList, 'All draft items'), ...commonErrors },
    }),
    (c) => {
      const published = deps.revisions.latest().snapshot;
      const reviews = deps.reviews.all();
      const items = scopeOf(c).only(deps.content.list(), itemOwner).map((s) => ({
        item: s.item, state: itemState(s.item, published), updatedAt: toLocalIso(s.updatedAt), ownerWard: s.ownerWard,
        review: reviewInfo(reviews.get(s.item.id), s, deps.users),
      }));
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/content', tags,
      summary: "Create a draft item (city content needs approval before it is published; an admin's own is approved at once)",
      ...guarded(write),
      request: jsonBody(ContentFields),
      responses: { 201: jsonResponse(ContentEntry, 'Created'), ...commonErrors },
    }),
    (c) => {
      const fields = c.req.valid('json');
      checkValidity(fields);
      checkMediaRefs(fields, deps.media.repo);
      const id = newId('c');
      const owner = scopeOf(c).owner;
      deps.audit.transaction(c, (log) => {
        deps.content.insert(id, fields, deps.clock.now(), owner);
        recordSave(deps.reviews, c.get('user'), id, owner, deps.clock.now());
        log({ action: 'create', objectType: 'content_item', objectId: id, wardCode: owner, after: deps.content.get(id)!.item });
      });
      return c.json(entry(deps.content.get(id)!), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/content/{id}', summary: 'One draft item', tags,
      ...guarded(read),
      request: { params: Params },
      responses: { 200: jsonResponse(ContentEntry, 'The item'), ...commonErrors, 404: errorResponse('item_not_found') },
    }),
    (c) => {
      const stored = scopeOf(c).find(deps.content.get(c.req.valid('param').id), itemOwner, () => notFound('item'));
      return c.json(entry(stored), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/api/content/{id}', tags,
      summary: "Replace a draft item (a city item needs approval again, its approved version stays on air; an admin's own save is approved at once)",
      ...guarded(write),
      request: { params: Params, ...jsonBody(ContentFields) },
      responses: { 200: jsonResponse(ContentEntry, 'Saved'), ...commonErrors, 404: errorResponse('item_not_found') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const fields = c.req.valid('json');
      checkValidity(fields);
      checkMediaRefs(fields, deps.media.repo);
      const before = scopeOf(c).find(deps.content.get(id), itemOwner, () => notFound('item'));
      checkChangeOwned(c.get('user'), before.ownerWard);
      deps.audit.transaction(c, (log) => {
        deps.content.update(id, fields, deps.clock.now());
        recordSave(deps.reviews, c.get('user'), id, before.ownerWard, deps.clock.now());
        log({ action: 'update', objectType: 'content_item', objectId: id, wardCode: before.ownerWard, before: before.item, after: deps.content.get(id)!.item });
      });
      return c.json(entry(deps.content.get(id)!), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/api/content/{id}', summary: 'Delete a draft item', tags,
      ...guarded(deps.auth.require('remove_content')),
      request: { params: Params },
      responses: {
        204: { description: 'Deleted (an approver may take down ward content); screens lose it at the next publish' },
        ...commonErrors,
        404: errorResponse('item_not_found'),
        409: errorResponse('item_in_use: a playlist still lists it (issues name the playlists)'),
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const before = scopeOf(c).find(deps.content.get(id), itemOwner, () => notFound('item'));
      checkChangeOwned(c.get('user'), before.ownerWard, true);
      const usedBy = deps.playlists.usedBy(id);
      if (usedBy.length) {
        throw new AppError(409, 'item_in_use', 'Remove the item from its playlists first',
          usedBy.map((p) => ({ path: `playlists.${p}`, message: 'lists this item' })));
      }
      deps.audit.transaction(c, (log) => {
        deps.content.delete(id);
        log({ action: 'delete', objectType: 'content_item', objectId: id, wardCode: before.ownerWard, before: before.item });
      });
      return c.body(null, 204);
    },
  );

  return app;
}
