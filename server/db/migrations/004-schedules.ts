/**
 * Migration 4, scheduling (issue 4): draft schedules and the
 * receipts of emergencies shown on screens.
 */
export const SCHEDULES_MIGRATION = `
  -- Draft schedules (the working copy); screens get the published ones from revisions.snapshot.
  -- The playlist reference is checked at commit, so restoring a revision can replace playlists
  -- and schedules together.
  CREATE TABLE schedules (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    playlist_id TEXT NOT NULL REFERENCES playlists(id) DEFERRABLE INITIALLY DEFERRED,
    tier TEXT NOT NULL CHECK (tier IN ('normal', 'priority', 'emergency')),
    owner_ward TEXT,
    body TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (owner_ward IS NULL OR tier = 'normal')
  ) STRICT;
  CREATE INDEX schedules_playlist ON schedules(playlist_id);
  CREATE INDEX schedules_owner_ward ON schedules(owner_ward);

  -- The first time each screen showed an emergency ('shown' message), stored once.
  CREATE TABLE emergency_receipts (
    schedule_id TEXT NOT NULL,
    screen_id TEXT NOT NULL REFERENCES screens(id) ON DELETE CASCADE,
    shown_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (schedule_id, screen_id)
  ) STRICT;
`;
