import './zod-config.ts';
import { z } from 'zod';
import { ContentFields, Id, Instant, text } from './classic.ts';

/**
 * Approval of city content (issue 5): draft → submitted → approved, or rejected (with a reason)
 * and back to draft by the next edit; archived takes an item off screens. Ward-local items need
 * no approval.
 */
export const REVIEW_STATES = ['draft', 'submitted', 'approved', 'rejected', 'archived'] as const;
export const ReviewState = z.enum(REVIEW_STATES);
export type ReviewState = z.infer<typeof ReviewState>;

export const REJECT_REASON_MAX = 500;

/**
 * Which submission a decision is about: a hash (SHA-256, hex) of the item's fields as submitted.
 * Approve and reject name it, so a decision taken on what the approver saw never lands on a newer
 * submission (409 submission_changed).
 */
export const SubmissionVersion = z.string().regex(/^[0-9a-f]{64}$/, 'expected the version of the submission');

/** Where a city item stands in approval; usernames and local ISO times. */
export const ReviewInfo = z.object({
  state: ReviewState,
  submittedBy: z.string().optional(),
  submittedAt: Instant.optional(),
  reviewedBy: z.string().optional(),
  reviewedAt: Instant.optional(),
  /** Why it was rejected (while rejected). */
  reason: z.string().optional(),
  /** Whether an approved version exists: it stays on air while a newer draft waits. */
  hasApproved: z.boolean(),
  /** While submitted: the submission's version, which approve and reject name. */
  version: SubmissionVersion.optional(),
});
export type ReviewInfo = z.infer<typeof ReviewInfo>;

/** `POST /api/content/{id}/approve`: the submission the approver saw. */
export const ApproveBody = z.strictObject({ version: SubmissionVersion });

/** `POST /api/content/{id}/reject`: why, and the submission the approver saw. */
export const RejectBody = z.strictObject({ reason: text(REJECT_REASON_MAX), version: SubmissionVersion });

/** One submitted item in the approval queue: what it would be, and what screens have now. */
export const ApprovalEntry = z.object({
  id: Id,
  submitted: ContentFields,
  /** The submission's version: approve and reject send it back. */
  version: SubmissionVersion,
  /** The item as in the latest published revision; null: new to screens. */
  onAir: ContentFields.nullable(),
  submittedBy: z.string(),
  submittedAt: Instant,
  /** Whether the signed-in user submitted it (nobody approves their own submission). */
  own: z.boolean(),
});
export type ApprovalEntry = z.infer<typeof ApprovalEntry>;
export const ApprovalQueue = z.object({ items: z.array(ApprovalEntry) });
export type ApprovalQueue = z.infer<typeof ApprovalQueue>;
