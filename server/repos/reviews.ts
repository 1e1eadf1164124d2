import { ContentFields, type ReviewState } from '../../playlists/index.ts';
import type { Db } from '../db/connection.ts';

/** The approval columns of one content item (server/db/migrations/010-approvals.ts). */
export interface ReviewRow {
  state: ReviewState;
  submittedBy: number | null;
  submittedAt: number | null;
  reviewedBy: number | null;
  reviewedAt: number | null;
  reason: string | null;
  /** The fields as approved: what the city's publish sends. Null: never approved. */
  approvedBody: ContentFields | null;
}

type Row = {
  id: string;
  review_state: ReviewState;
  submitted_by: number | null;
  submitted_at: number | null;
  reviewed_by: number | null;
  reviewed_at: number | null;
  review_reason: string | null;
  approved_body: string | null;
};

const COLUMNS = 'id, review_state, submitted_by, submitted_at, reviewed_by, reviewed_at, review_reason, approved_body';

const toReview = (row: Row): ReviewRow => ({
  state: row.review_state,
  submittedBy: row.submitted_by,
  submittedAt: row.submitted_at,
  reviewedBy: row.reviewed_by,
  reviewedAt: row.reviewed_at,
  reason: row.review_reason,
  approvedBody: row.approved_body === null ? null : ContentFields.parse(JSON.parse(row.approved_body)),
});

/**
 * The approval state of content items, beside their drafts in `content_items`. Each change is
 * one conditional UPDATE: it reports `false` when the item is not in a state it starts from,
 * so a transition decided on a stale read changes nothing. Call inside the route's transaction.
 */
export class ReviewRepo {
  readonly #get;
  readonly #all;
  readonly #submitted;
  readonly #edited;
  readonly #approve;
  readonly #approveCity;
  readonly #submit;
  readonly #reject;
  readonly #archive;
  readonly #unarchive;

  constructor(db: Db) {
    this.#get = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM content_items WHERE id = ?`);
    this.#all = db.prepare<[], Row>(`SELECT ${COLUMNS} FROM content_items`);
    this.#submitted = db.prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM content_items WHERE review_state = 'submitted' AND owner_ward IS NULL",
    );
    // A save by a writer who is not an approver: the item is a draft again, unless it now reads
    // exactly as approved. An archived item stays archived; the approved version is kept.
    this.#edited = db.prepare(`UPDATE content_items SET review_state = CASE
        WHEN review_state = 'archived' THEN 'archived'
        WHEN approved_body IS NOT NULL AND approved_body = body THEN 'approved'
        ELSE 'draft' END
      WHERE id = ?`);
    const approved = `approved_body = body, reviewed_by = ?, reviewed_at = ?, review_reason = NULL`;
    this.#approve = db.prepare(`UPDATE content_items SET review_state = 'approved', ${approved}
      WHERE id = ? AND review_state IN (SELECT value FROM json_each(?))`);
    this.#approveCity = db.prepare(`UPDATE content_items SET review_state = 'approved', ${approved},
      submitted_by = NULL, submitted_at = NULL WHERE owner_ward IS NULL`);
    this.#submit = db.prepare(`UPDATE content_items SET review_state = 'submitted', submitted_by = ?, submitted_at = ?,
      review_reason = NULL WHERE id = ? AND review_state IN ('draft', 'rejected')`);
    this.#reject = db.prepare(`UPDATE content_items SET review_state = 'rejected', reviewed_by = ?, reviewed_at = ?,
      review_reason = ? WHERE id = ? AND review_state = 'submitted'`);
    this.#archive = db.prepare("UPDATE content_items SET review_state = 'archived' WHERE id = ? AND review_state <> 'archived'");
    this.#unarchive = db.prepare(`UPDATE content_items SET review_state = CASE
        WHEN approved_body IS NOT NULL AND approved_body = body THEN 'approved' ELSE 'draft' END
      WHERE id = ? AND review_state = 'archived'`);
  }

  get(id: string): ReviewRow | undefined {
    const row = this.#get.get(id);
    return row ? toReview(row) : undefined;
  }

  all(): Map<string, ReviewRow> {
    return new Map(this.#all.all().map((row) => [row.id, toReview(row)]));
  }

  /** City items waiting for an approver. */
  submittedCount(): number {
    return this.#submitted.get()!.n;
  }

  /** After a save by someone whose saves need approval. */
  edited(id: string): void {
    this.#edited.run(id);
  }

  /**
   * Approves the current draft (`by`: the approver, or null for the system), from any of `from`
   * (default: only a submitted item; an admin's own save approves from every state but archived).
   */
  approve(id: string, by: number | null, now: number, from: readonly ReviewState[] = ['submitted']): boolean {
    return this.#approve.run(by, now, id, JSON.stringify(from)).changes === 1;
  }

  /** Every city item as approved now (the demo seed, a restored revision: on air before). */
  approveAllCity(by: number | null, now: number): void {
    this.#approveCity.run(by, now);
  }

  submit(id: string, by: number, now: number): boolean {
    return this.#submit.run(by, now, id).changes === 1;
  }

  reject(id: string, by: number, now: number, reason: string): boolean {
    return this.#reject.run(by, now, reason, id).changes === 1;
  }

  archive(id: string): boolean {
    return this.#archive.run(id).changes === 1;
  }

  unarchive(id: string): boolean {
    return this.#unarchive.run(id).changes === 1;
  }
}
