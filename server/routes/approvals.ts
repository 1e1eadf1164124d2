import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ApprovalQueue, ContentEntry, ContentFields, Id, RejectBody, toLocalIso, type ContentItem, type Role } from '../../playlists/index.ts';
import type { AuditContext, AuditLog } from '../audit.ts';
import type { SessionService } from '../auth/sessions.ts';
import { scopeOf } from '../auth/ward-scope.ts';
import type { Clock } from '../clock.ts';
import { itemState } from '../drafts.ts';
import { AppError, notFound } from '../errors.ts';
import type { ContentRepo, StoredItem } from '../repos/content.ts';
import type { ReviewRepo } from '../repos/reviews.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import type { User, UserRepo } from '../repos/users.ts';
import { reviewInfo } from '../review-policy.ts';
import { commonErrors, cookieAuth, errorResponse, jsonBody, jsonResponse, newRouter } from './router.ts';

const Params = z.object({ id: Id });
/** City content writers submit; approvers (and the admin) decide; both may archive. */
const SUBMITTERS = ['admin', 'editor'] as const;
const APPROVERS = ['admin', 'approver'] as const;
const ARCHIVERS = ['admin', 'editor', 'approver'] as const;
const QUEUE_READERS = ['admin', 'approver', 'editor', 'viewer'] as const;

const fieldsOf = (item: ContentItem): ContentFields => {
  const { id: _id, ...fields } = item;
  return fields as ContentFields;
};

/**
 * Approval of city content (issue 5): submit, approve, reject (with a reason), archive and
 * unarchive, and the queue of submitted items beside what screens have now. Nobody approves
 * their own submission. Ward-local content needs no approval (409 ward_content).
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
  const entry = ({ item, updatedAt, ownerWard }: StoredItem) => ({
    item,
    state: itemState(item, deps.revisions.latest().snapshot),
    updatedAt: toLocalIso(updatedAt),
    ownerWard,
    review: reviewInfo(deps.reviews.get(item.id), ownerWard, deps.users),
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
      security: cookieAuth,
      middleware: [deps.auth.require(QUEUE_READERS)] as const,
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

  const responses = (conflict: string, extra: Record<number, ReturnType<typeof errorResponse>> = {}) => ({
    200: jsonResponse(ContentEntry, 'The item, in its new state'),
    ...commonErrors,
    ...extra,
    404: errorResponse('item_not_found'),
    409: errorResponse(`${conflict}, or ward_content: ward-local content needs no approval`),
  });

  /** A transition without a body. */
  function transition(action: string, roles: readonly Role[], summary: string, conflict: string, run: (userId: number, stored: StoredItem) => void) {
    app.openapi(
      createRoute({
        method: 'post', path: `/api/content/{id}/${action}`, summary, tags, security: cookieAuth,
        middleware: [deps.auth.require(roles)] as const,
        request: { params: Params },
        responses: responses(conflict, action === 'approve' ? { 403: errorResponse('forbidden, or own_submission: nobody approves their own submission') } : {}),
      }),
      (c) => c.json(apply(c, c.req.valid('param').id, action, run), 200),
    );
  }

  const refuse = (done: boolean, code: string, message: string) => {
    if (!done) throw new AppError(409, code, message);
  };

  transition('submit', SUBMITTERS, 'Submit a draft (or rejected) city item for approval', 'not_submittable: only a draft or rejected item',
    (user, s) => refuse(deps.reviews.submit(s.item.id, user, deps.clock.now()), 'not_submittable', 'Only a draft or rejected item can be submitted'));

  transition('approve', APPROVERS, 'Approve a submitted city item (never one the caller submitted); publishing then sends it to screens',
    'not_submitted: only a submitted item',
    (user, s) => {
      const review = deps.reviews.get(s.item.id);
      if (review?.state === 'submitted' && review.submittedBy === user) {
        throw new AppError(403, 'own_submission', 'Nobody approves their own submission');
      }
      refuse(deps.reviews.approve(s.item.id, user, deps.clock.now()), 'not_submitted', 'Only a submitted item can be approved');
    });

  app.openapi(
    createRoute({
      method: 'post', path: '/api/content/{id}/reject', tags, security: cookieAuth,
      summary: 'Reject a submitted city item with a reason; its editor edits it and submits again',
      middleware: [deps.auth.require(APPROVERS)] as const,
      request: { params: Params, ...jsonBody(RejectBody) },
      responses: responses('not_submitted: only a submitted item'),
    }),
    (c) => {
      const { reason } = c.req.valid('json');
      const run = (user: number, s: StoredItem) =>
        refuse(deps.reviews.reject(s.item.id, user, deps.clock.now(), reason), 'not_submitted', 'Only a submitted item can be rejected');
      return c.json(apply(c, c.req.valid('param').id, 'reject', run, { reason }), 200);
    },
  );

  transition('archive', ARCHIVERS, 'Archive a city item: the next publish takes it off screens', 'already_archived',
    (_user, s) => refuse(deps.reviews.archive(s.item.id), 'already_archived', 'The item is archived already'));

  transition('unarchive', ARCHIVERS, 'Take a city item out of the archive: approved if it reads as approved, a draft otherwise', 'not_archived',
    (_user, s) => refuse(deps.reviews.unarchive(s.item.id), 'not_archived', 'The item is not archived'));

  return app;
}
