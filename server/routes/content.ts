import { randomBytes } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ContentEntry, ContentFields, ContentList, Id, toLocalIso, validityOk } from '../../playlists/index.ts';
import type { AuditLog } from '../audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import type { Clock } from '../clock.ts';
import { itemState } from '../drafts.ts';
import { AppError, notFound } from '../errors.ts';
import type { ContentRepo, StoredItem } from '../repos/content.ts';
import type { PlaylistRepo } from '../repos/playlists.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import { commonErrors, cookieAuth, errorResponse, jsonBody, jsonResponse, newRouter } from './router.ts';

const Params = z.object({ id: Id });
const EDITORS = ['admin', 'editor'] as const;

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

function checkValidity(fields: ContentFields): void {
  if (!validityOk(fields)) {
    throw new AppError(400, 'invalid_request', 'validFrom must be before validUntil', [
      { path: 'validUntil', message: 'must be after validFrom' },
    ]);
  }
}

export function contentRoutes(deps: {
  auth: SessionService;
  clock: Clock;
  content: ContentRepo;
  playlists: PlaylistRepo;
  revisions: RevisionRepo;
  audit: AuditLog;
}) {
  const app = newRouter();
  const entry = ({ item, updatedAt }: StoredItem) => ({
    item,
    state: itemState(item, deps.revisions.latest().snapshot),
    updatedAt: toLocalIso(updatedAt),
  });
  const read = deps.auth.require('any');
  const write = deps.auth.require(EDITORS);
  const tags = ['content'];

  app.openapi(
    createRoute({
      method: 'get', path: '/api/content', summary: 'Draft content items', tags, security: cookieAuth,
      middleware: [read] as const,
      responses: { 200: jsonResponse(ContentList, 'All draft items'), ...commonErrors },
    }),
    (c) => {
      const published = deps.revisions.latest().snapshot;
      const items = deps.content.list().map((s) => ({
        item: s.item, state: itemState(s.item, published), updatedAt: toLocalIso(s.updatedAt),
      }));
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/content', summary: 'Create a draft item', tags, security: cookieAuth,
      middleware: [write] as const,
      request: jsonBody(ContentFields),
      responses: { 201: jsonResponse(ContentEntry, 'Created'), ...commonErrors },
    }),
    (c) => {
      const fields = c.req.valid('json');
      checkValidity(fields);
      const id = newId('c');
      deps.audit.transaction(c, (log) => {
        deps.content.insert(id, fields, deps.clock.now());
        log({ action: 'create', objectType: 'content_item', objectId: id, after: deps.content.get(id)!.item });
      });
      return c.json(entry(deps.content.get(id)!), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/content/{id}', summary: 'One draft item', tags, security: cookieAuth,
      middleware: [read] as const,
      request: { params: Params },
      responses: { 200: jsonResponse(ContentEntry, 'The item'), ...commonErrors, 404: errorResponse('item_not_found') },
    }),
    (c) => {
      const stored = deps.content.get(c.req.valid('param').id);
      if (!stored) throw notFound('item');
      return c.json(entry(stored), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put', path: '/api/content/{id}', summary: 'Replace a draft item', tags, security: cookieAuth,
      middleware: [write] as const,
      request: { params: Params, ...jsonBody(ContentFields) },
      responses: { 200: jsonResponse(ContentEntry, 'Saved'), ...commonErrors, 404: errorResponse('item_not_found') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const fields = c.req.valid('json');
      checkValidity(fields);
      const before = deps.content.get(id);
      if (!before) throw notFound('item');
      deps.audit.transaction(c, (log) => {
        deps.content.update(id, fields, deps.clock.now());
        log({ action: 'update', objectType: 'content_item', objectId: id, before: before.item, after: deps.content.get(id)!.item });
      });
      return c.json(entry(deps.content.get(id)!), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/api/content/{id}', summary: 'Delete a draft item', tags, security: cookieAuth,
      middleware: [write] as const,
      request: { params: Params },
      responses: {
        204: { description: 'Deleted; screens lose it at the next publish' },
        ...commonErrors,
        404: errorResponse('item_not_found'),
        409: errorResponse('item_in_use: a playlist still lists it (issues name the playlists)'),
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const before = deps.content.get(id);
      if (!before) throw notFound('item');
      const usedBy = deps.playlists.usedBy(id);
      if (usedBy.length) {
        throw new AppError(409, 'item_in_use', 'Remove the item from its playlists first',
          usedBy.map((p) => ({ path: `playlists.${p}`, message: 'lists this item' })));
      }
      deps.audit.transaction(c, (log) => {
        deps.content.delete(id);
        log({ action: 'delete', objectType: 'content_item', objectId: id, before: before.item });
      });
      return c.body(null, 204);
    },
  );

  return app;
}
