import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Pending, PublishResult, REVISION_PAGE_MAX, RevisionPage, RevisionPageQuery, toLocalIso } from '../../playlists/index.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import { scopeOf } from '../auth/ward-scope.ts';
import type { Publisher } from '../publishing/publisher.ts';
import { scopedSummaries } from '../publishing/scoped-summaries.ts';
import type { ContentRepo } from '../repos/content.ts';
import type { PlaylistRepo } from '../repos/playlists.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import type { ReviewRepo } from '../repos/reviews.ts';
import type { ScheduleRepo } from '../repos/schedules.ts';
import { commonErrors, errorResponse, guarded, jsonResponse, newRouter } from './router.ts';

const RevisionParams = z.object({
  number: z.string().regex(/^[1-9]\d{0,8}$/, 'expected a revision number').transform(Number),
});

export function publishRoutes(deps: {
  auth: SessionService;
  publisher: Publisher;
  revisions: RevisionRepo;
  content: ContentRepo;
  reviews: Pick<ReviewRepo, 'submittedCount'>;
  playlists: PlaylistRepo;
  schedules: ScheduleRepo;
  audit: AuditLog;
}) {
  const app = newRouter();
  const tags = ['publishing'];

  app.openapi(
    createRoute({
      method: 'get', path: '/api/publish', tags,
      summary: 'What publishing now would change (city items only as approved), and how many city items wait for approval',
      ...guarded(deps.auth.require('any')),
      responses: { 200: jsonResponse(Pending, 'Pending changes'), ...commonErrors },
    }),
    (c) => {
      const scope = scopeOf(c);
      const { revision, summary } = deps.publisher.pending(scope.ward);
      const pending = Object.values(summary).some((s) => s.added.length + s.changed.length + s.removed.length > 0);
      // A ward's local content needs no approval; the city's queue is not a ward's business.
      const awaitingApproval = scope.isCity ? deps.reviews.submittedCount() : 0;
      return c.json({ revision, pending, summary, awaitingApproval }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/publish',
      summary: "Publish the drafts as a new numbered revision (a ward operator: its ward's local rows only)", tags,
      ...guarded(deps.auth.require('publish')),
      responses: {
        201: jsonResponse(PublishResult, 'Published; screens receive it now'),
        ...commonErrors,
        409: errorResponse('nothing_to_publish'),
      },
    }),
    (c) => {
      const result = deps.audit.transaction(c, (log) => {
        const ward = scopeOf(c).ward;
        const published = deps.publisher.publish(c.get('user').id, ward);
        log({ action: 'publish', objectType: 'revision', objectId: published.revision, wardCode: ward, after: published });
        return published;
      });
      return c.json(result, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/revisions', tags,
      summary: `Published revisions, newest first, ${REVISION_PAGE_MAX} a page at most; older ones with \`before\` = \`nextCursor\``,
      ...guarded(deps.auth.require('any')),
      request: { query: RevisionPageQuery },
      responses: { 200: jsonResponse(RevisionPage, 'One page of revisions'), ...commonErrors },
    }),
    (c) => {
      const { before, limit = REVISION_PAGE_MAX } = c.req.valid('query');
      const scoped = scopedSummaries(deps, scopeOf(c));
      // One more than the page: whether older revisions exist, without counting them.
      const rows = deps.revisions.list(limit + 1, before);
      const page = rows.slice(0, limit);
      const nextCursor = rows.length > limit ? page[page.length - 1]!.number : null;
      const revisions = page.map((r) => ({ ...r, publishedAt: toLocalIso(r.publishedAt), summary: scoped(r.summary) }));
      return c.json({ revisions, nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/revisions/{number}/restore',
      summary: 'Publish an earlier revision again (rollback); it also becomes the draft', tags,
      ...guarded(deps.auth.require('restore')),
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
      return c.json(result, 201);
    },
  );

  return app;
}
