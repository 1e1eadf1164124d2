import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { RestorePreview, RevisionDiff, toLocalIso } from '../../playlists/index.ts';
import type { SessionService } from '../auth/sessions.ts';
import { scopeOf } from '../auth/ward-scope.ts';
import { AppError } from '../errors.ts';
import { type RevisionRepo } from '../repos/revisions.ts';
import { EMPTY_SNAPSHOT } from '../publishing/snapshot.ts';
import type { Publisher } from '../publishing/publisher.ts';
import { revisionChanges } from '../publishing/revision-diff.ts';
import { commonErrors, errorResponse, guarded, jsonResponse, newRouter } from './router.ts';

const RevisionParams = z.object({
  number: z.string().regex(/^[1-9]\d{0,8}$/, 'expected a revision number').transform(Number),
});

/** The revision history's side-by-side difference (issue 5): read-only, for every signed-in role. */
export function revisionDiffRoutes(deps: { auth: SessionService; revisions: RevisionRepo; publisher: Pick<Publisher, 'restoring'> }) {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get', path: '/api/revisions/{number}/diff',
      summary: "What a revision changed, each object before and after (a ward operator: its ward's objects only)",
      tags: ['publishing'],
      ...guarded(deps.auth.require('any')),
      request: { params: RevisionParams },
      responses: { 200: jsonResponse(RevisionDiff, 'The changes'), ...commonErrors, 404: errorResponse('revision_not_found') },
    }),
    (c) => {
      const number = c.req.valid('param').number;
      const row = deps.revisions.get(number);
      const after = row && deps.revisions.snapshot(number);
      if (!row || !after) throw new AppError(404, 'revision_not_found', `There is no revision ${number}`);
      const previous = number - 1;
      const before = (previous > 0 && deps.revisions.snapshot(previous)) || EMPTY_SNAPSHOT;
      const changes = revisionChanges(before, after, scopeOf(c));
      return c.json({ revision: number, previous, publishedAt: toLocalIso(row.publishedAt), publishedBy: row.publishedBy, changes }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/revisions/{number}/restore-preview',
      summary: 'What restoring a revision now would change on air, each object before and after (asked before restoring)',
      tags: ['publishing'],
      ...guarded(deps.auth.require('restore')),
      request: { params: RevisionParams },
      responses: { 200: jsonResponse(RestorePreview, 'The changes a restore would make'), ...commonErrors, 404: errorResponse('revision_not_found') },
    }),
    (c) => {
      const number = c.req.valid('param').number;
      if (!deps.revisions.get(number)) throw new AppError(404, 'revision_not_found', `There is no revision ${number}`);
      const { revision, before, after } = deps.publisher.restoring(number);
      return c.json({ restoring: number, current: revision, changes: revisionChanges(before, after, scopeOf(c)) }, 200);
    },
  );

  return app;
}
