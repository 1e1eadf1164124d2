/**
 * Migration 6, ward-owned content (issue 5): a ward operator's
 * local content items and playlists carry their ward's code; the city's have NULL. Like
 * schedules.owner_ward, no foreign key: a ward is removed only when nothing links to it
 * (routes/wards.ts), and a restored revision brings its owners back with its rows.
 */
export const WARD_CONTENT_MIGRATION = `
  ALTER TABLE content_items ADD COLUMN owner_ward TEXT;
  ALTER TABLE playlists ADD COLUMN owner_ward TEXT;
  CREATE INDEX content_items_owner_ward ON content_items(owner_ward);
  CREATE INDEX playlists_owner_ward ON playlists(owner_ward);
`;
