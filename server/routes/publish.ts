import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Pending, PublishResult, RevisionList, toLocalIso } from '../../playlists/index.ts';
import type { AuditLog } from '../audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import type { Hub } from '../hub/hub.ts';
import type { Publisher } from '../publish.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import { commonErrors, cookieAuth, errorResponse, jsonResponse, newRouter } from './router.ts';

const RevisionParams = z.object({
  number: z.string().regex(/^[1-9]\d{0,8}$/, 'expected a revision number').transform(Number),
});
const PUBLISHERS = ['admin', 'approver'] as const;

export function publishRoutes(deps: { auth: SessionService; publisher: Publisher; revisions: RevisionRepo; hub: Hub; audit: AuditLog }) {
  const app = newRouter();
  const tags = ['publishing'];

  app.openapi(
    createRoute({
      method: 'get', path: '/api/publish', summary: 'What publishing now would change', tags, security: cookieAuth,
      middleware: [deps.auth.require('any')] as const,
      responses: { 200: jsonResponse(Pending, 'Pending changes'), ...commonErrors },
    }),
    (c) => {
      const { revision, summary } = deps.publisher.pending();
      const pending = Object.values(summary).some((s) => s.added.length + s.changed.length + s.removed.length > 0);
      return c.json({ revision, pending, summary }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/publish', summary: 'Publish the drafts as a new numbered revision', tags,
      security: cookieAuth,
      middleware: [deps.auth.require(PUBLISHERS)] as const,
      responses: {
        201: jsonResponse(PublishResult, 'Published; screens receive it now'),
        ...commonErrors,
        409: errorResponse('nothing_to_publish'),
      },
    }),
    (c) => {
      const result = deps.audit.transaction(c, (log) => {
        const published = deps.publisher.publish(c.get('user').id);
        log({ action: 'publish', objectType: 'revision', objectId: published.revision, after: published });
        return published;
      });
      deps.hub.publish();
      return c.json(result, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/revisions', summary: 'Published revisions, newest first', tags, security: cookieAuth,
      middleware: [deps.auth.require('any')] as const,
      responses: { 200: jsonResponse(RevisionList, 'Revisions'), ...commonErrors },
    }),
    (c) =>
      c.json({ revisions: deps.revisions.list().map((r) => ({ ...r, publishedAt: toLocalIso(r.publishedAt) })) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/revisions/{number}/restore',
      summary: 'Publish an earlier revision again (rollback); it also becomes the draft', tags, security: cookieAuth,
      middleware: [deps.auth.require(PUBLISHERS)] as const,
      request: { params: RevisionParams },
      responses: {
        201: jsonResponse(PublishResult, 'Published as a new revision'),
        ...commonErrors,
        404: errorResponse('revision_not_found'),
        409: errorResponse('nothing_to_publish: that revision is what screens have'),
      },
    }),
    (c) => {
      const from = c.req.valid('param').number;
      const result = deps.audit.transaction(c, (log) => {
        const published = deps.publisher.restore(from, c.get('user').id);
        log({ action: 'restore', objectType: 'revision', objectId: published.revision, after: { restoredFrom: from, ...published } });
        return published;
      });
      deps.hub.publish();
      return c.json(result, 201);
    },
  );

  return app;
}
