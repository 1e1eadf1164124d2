import { may, toLocalIso, type ContentFields, type ContentItem, type ReviewInfo, type Role } from '../../playlists/index.ts';
import { canonicalJson, sha256Hex } from '../canonical.ts';
import type { ReviewRepo, ReviewRow } from '../repos/reviews.ts';
import type { UserRepo } from '../repos/users.ts';

/** An item's fields: what a submission is made of (the id names the item, not a version of it). */
export const fieldsOf = (item: ContentItem): ContentFields => {
  const { id: _id, ...fields } = item;
  return fields as ContentFields;
};

/** The version of a submission (playlists/review.ts, SubmissionVersion): the same fields, the same version. */
export function submissionVersion(item: ContentItem): string {
  return sha256Hex(canonicalJson(fieldsOf(item)));
}

/** A review as the API shows it (usernames, local times); null for ward-local content. */
export function reviewInfo(
  review: ReviewRow | undefined,
  stored: { item: ContentItem; ownerWard: string | null },
  users: Pick<UserRepo, 'byId'>,
): ReviewInfo | null {
  if (stored.ownerWard !== null || !review) return null;
  const name = (id: number | null) => (id === null ? undefined : users.byId(id)?.username);
  const at = (t: number | null) => (t === null ? undefined : toLocalIso(t));
  const info: ReviewInfo = { state: review.state, hasApproved: review.approvedBody !== null };
  const fields = {
    version: review.state === 'submitted' ? submissionVersion(stored.item) : undefined,
    submittedBy: name(review.submittedBy),
    submittedAt: at(review.submittedAt),
    reviewedBy: name(review.reviewedBy),
    reviewedAt: at(review.reviewedAt),
    reason: review.state === 'rejected' ? review.reason ?? undefined : undefined,
  };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(info, { [key]: value });
  return info;
}

/** Every state an admin's own save approves from (an archived item stays archived). */
const ADMIN_APPROVES_FROM = ['draft', 'submitted', 'approved', 'rejected'] as const;

/**
 * The review rule for a save of a city item (DESIGN.md, "Drafts and revisions"): an admin's own
 * save is approved at once (the admin owns the installation), recorded with the admin as
 * reviewer; anyone else's makes it a draft that needs approval again, while its approved
 * version stays on air. Ward-local content needs no approval. Call inside the save's transaction.
 */
export function recordSave(
  reviews: Pick<ReviewRepo, 'approve' | 'edited'>,
  user: { id: number; role: Role },
  id: string,
  ownerWard: string | null,
  now: number,
): void {
  if (ownerWard !== null) return;
  if (may(user.role, 'approve_own_saves')) reviews.approve(id, user.id, now, ADMIN_APPROVES_FROM);
  else reviews.edited(id);
}
