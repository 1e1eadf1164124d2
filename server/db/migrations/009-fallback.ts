/**
 * Migration 9: a screen's own fallback playlist (issue 4). NULL:
 * the city default (`settings.default_playlist_id`). No foreign key, like schedules' playlist:
 * a restored revision replaces the playlists table, and a fallback that names a playlist screens
 * have not got falls back to the city default when manifests are built (server/publishing/manifests.ts).
 */
export const FALLBACK_MIGRATION = `
  ALTER TABLE screens ADD COLUMN fallback_playlist_id TEXT CHECK (fallback_playlist_id IS NULL OR length(fallback_playlist_id) BETWEEN 1 AND 64);
`;
