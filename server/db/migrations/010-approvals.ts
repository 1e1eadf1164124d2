/**
 * Migration 10: approval of city content (issue 5). A city item
 * moves draft → submitted → approved (or rejected → draft) → archived; `approved_body` holds the
 * fields as approved, which is what the city's publish sends (server/publishing/publisher.ts), so an edited
 * approved item stays on air as approved until its new version is approved. Ward-local items
 * (owner_ward set) go on air without approval and keep 'draft'.
 *
 * City items that exist now were published under the rules before approval: they count as
 * approved, so what is on air stays on air.
 */
export const APPROVALS_MIGRATION = `
  ALTER TABLE content_items ADD COLUMN review_state TEXT NOT NULL DEFAULT 'draft'
    CHECK (review_state IN ('draft', 'submitted', 'approved', 'rejected', 'archived'));
  ALTER TABLE content_items ADD COLUMN submitted_by INTEGER REFERENCES users(id);
  ALTER TABLE content_items ADD COLUMN submitted_at INTEGER;
  ALTER TABLE content_items ADD COLUMN reviewed_by INTEGER REFERENCES users(id);
  ALTER TABLE content_items ADD COLUMN reviewed_at INTEGER;
  ALTER TABLE content_items ADD COLUMN review_reason TEXT;
  ALTER TABLE content_items ADD COLUMN approved_body TEXT;
  CREATE INDEX content_items_review_state ON content_items(review_state);
  UPDATE content_items SET review_state = 'approved', approved_body = body WHERE owner_ward IS NULL;
`;
