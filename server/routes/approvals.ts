import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ApprovalQueue, ApproveBody, ContentEntry, Id, RejectBody, toLocalIso, type ContentItem, type Right } from '../../playlists/index.ts';
import type { AuditContext, AuditLog } from '../audit/audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import { scopeOf } from '../auth/ward-scope.ts';
import type { Clock } from '../clock.ts';
import { itemState } from '../publishing/snapshot.ts';
import { AppError, notFound } from '../errors.ts';
import type { ContentRepo, StoredItem } from '../repos/content.ts';
import type { ReviewRepo } from '../repos/reviews.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import type { User, UserRepo } from '../repos/users.ts';
import { fieldsOf, reviewInfo, submissionVersion } from '../content/review-policy.ts';
import { commonErrors, errorResponse, guarded, jsonBody, jsonResponse, newRouter } from './router.ts';

const Params = z.object({ id: Id });

/**
 * Approval of city content (issue 5): submit, approve, reject (with a reason), archive and
 * unarchive, and the queue of submitted items beside what screens have now. Nobody approves
 * their own submission. Ward-local content needs no approval (409 ward_content). Approve and
 * reject name the submission's version the approver saw (issue 11): a newer submission answers
 * 409 submission_changed and nothing is written.
 */
export function approvalRoutes(deps: {
  auth: SessionService;
  clock: Clock;
  content: ContentRepo;
  reviews: ReviewRepo;
  revisions: RevisionRepo;
  users: Pick<UserRepo, 'byId'>;
  audit: AuditLog;
}) {
  const app = newRouter();
  const tags = ['approval'];
  const entry = (stored: StoredItem) => ({
    item: stored.item,
    state: itemState(stored.item, deps.revisions.latest().snapshot),
    updatedAt: toLocalIso(stored.updatedAt),
    ownerWard: stored.ownerWard,
    review: reviewInfo(deps.reviews.get(stored.item.id), stored, deps.users),
  });

  /** A city item the caller sees, or the error that says why there is none to review. */
  function cityItem(c: { var: { user: User } }, id: string): StoredItem {
    const stored = scopeOf(c).find(deps.content.get(id), (s) => s.ownerWard, () => notFound('item'));
    if (stored.ownerWard !== null) throw new AppError(409, 'ward_content', "A ward's local content needs no approval");
    return stored;
  }

  app.openapi(
    createRoute({
      method: 'get', path: '/api/approvals', summary: 'City items waiting for approval, each beside the version on air', tags,
      ...guarded(deps.auth.require('read_approvals')),
      responses: { 200: jsonResponse(ApprovalQueue, 'Oldest submission first'), ...commonErrors },
    }),
    (c) => {
      const me = c.get('user').id;
      const published = new Map(deps.revisions.latest().snapshot.items.map(({ revision: _r, ...item }) => [item.id, item as ContentItem]));
      const reviews = deps.reviews.all();
      const items = deps.content.list().flatMap((s) => {
        const review = reviews.get(s.item.id);
        if (s.ownerWard !== null || review?.state !== 'submitted' || review.submittedBy === null || review.submittedAt === null) return [];
        const onAir = published.get(s.item.id);
        return [{
          id: s.item.id,
          submitted: fieldsOf(s.item),
          version: submissionVersion(s.item),
          onAir: onAir ? fieldsOf(onAir) : null,
          submittedBy: deps.users.byId(review.submittedBy)?.username ?? '',
          submittedAt: toLocalIso(review.submittedAt),
          own: review.submittedBy === me,
          at: review.submittedAt,
        }];
      });
      items.sort((a, b) => a.at - b.at);
      return c.json({ items: items.map(({ at: _at, ...rest }) => rest) }, 200);
    },
  );

  /** Applies one transition to the item named in the path, audited; answers the item. */
  function apply(c: AuditContext & { var: { user: User } }, id: string, action: string, run: (userId: number, stored: StoredItem) => void, detail?: object) {
    const stored = cityItem(c, id);
    deps.audit.transaction(c, (log) => {
      const before = deps.reviews.get(id)?.state;
      run(c.var.user.id, stored);
      log({ action, objectType: 'content_item', objectId: id, before: { review: before }, after: { review: deps.reviews.get(id)?.state, ...detail } });
    });
    return entry(deps.content.get(id)!);
  }

  /**
   * Refuses a decision on anything but the submission the approver saw: 409 not_submitted when
   * nothing waits, 409 submission_changed when a newer submission does. Runs in the decision's
   * transaction, before its write, so the check and the write see the same row.
   */
  function checkSubmission(id: string, version: string): void {
    if (deps.reviews.get(id)?.state !== 'submitted') throw new AppError(409, 'not_submitted', 'Only a submitted item can be decided on');
    if (submissionVersion(deps.content.get(id)!.item) !== version) {
      throw new AppError(409, 'submission_changed', 'The item was submitted again after you opened it: review the new submission');
    }
  }

  const responses = (conflict: string, extra: Record<number, ReturnType<typeof errorResponse>> = {}) => ({
    200: jsonResponse(ContentEntry, 'The item, in its new state'),
    ...commonErrors,
    ...extra,
    404: errorResponse('item_not_found'),
    409: errorResponse(`${conflict}, or ward_content: ward-local content needs no approval`),
  });

  /** A transition without a body. */
  function transition(action: string, right: Right, summary: string, conflict: string, run: (userId: number, stored: StoredItem) => void) {
    app.openapi(
      createRoute({
        method: 'post', path: `/api/content/{id}/${action}`, summary, tags,
        ...guarded(deps.auth.require(right)),
        request: { params: Params },
        responses: responses(conflict),
      }),
      (c) => c.json(apply(c, c.req.valid('param').id, action, run), 200),
    );
  }

  const refuse = (done: boolean, code: string, message: string) => {
    if (!done) throw new AppError(409, code, message);
  };

  transition('submit', 'submit', 'Submit a draft (or rejected) city item for approval', 'not_submittable: only a draft or rejected item',
    (user, s) => refuse(deps.reviews.submit(s.item.id, user, deps.clock.now()), 'not_submittable', 'Only a draft or rejected item can be submitted'));

  const DECIDED = 'not_submitted: only a submitted item; submission_changed: submitted again since the version named';

  app.openapi(
    createRoute({
      method: 'post', path: '/api/content/{id}/approve', tags,
      summary: 'Approve the submission of a city item the caller saw (never one the caller submitted); publishing then sends it to screens',
      ...guarded(deps.auth.require('approve')),
      request: { params: Params, ...jsonBody(ApproveBody) },
      responses: responses(DECIDED, { 403: errorResponse('forbidden, or own_submission: nobody approves their own submission') }),
    }),
    (c) => {
      const { version } = c.req.valid('json');
      const run = (user: number, s: StoredItem) => {
        const review = deps.reviews.get(s.item.id);
        if (review?.state === 'submitted' && review.submittedBy === user) {
          throw new AppError(403, 'own_submission', 'Nobody approves their own submission');
        }
        checkSubmission(s.item.id, version);
        refuse(deps.reviews.approve(s.item.id, user, deps.clock.now()), 'not_submitted', 'Only a submitted item can be approved');
      };
      return c.json(apply(c, c.req.valid('param').id, 'approve', run, { version }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/content/{id}/reject', tags,
      summary: 'Reject a submitted city item with a reason; its editor edits it and submits again',
      ...guarded(deps.auth.require('approve')),
      request: { params: Params, ...jsonBody(RejectBody) },
      responses: responses(DECIDED),
    }),
    (c) => {
      const { reason, version } = c.req.valid('json');
      const run = (user: number, s: StoredItem) => {
        checkSubmission(s.item.id, version);
        refuse(deps.reviews.reject(s.item.id, user, deps.clock.now(), reason), 'not_submitted', 'Only a submitted item can be rejected');
      };
      return c.json(apply(c, c.req.valid('param').id, 'reject', run, { reason, version }), 200);
    },
  );

  transition('archive', 'archive', 'Archive a city item: the next publish takes it off screens', 'already_archived',
    (_user, s) => refuse(deps.reviews.archive(s.item.id), 'already_archived', 'The item is archived already'));

  transition('unarchive', 'archive', 'Take a city item out of the archive: approved if it reads as approved, a draft otherwise', 'not_archived',
    (_user, s) => refuse(deps.reviews.unarchive(s.item.id), 'not_archived', 'The item is not archived'));

  return app;
}
