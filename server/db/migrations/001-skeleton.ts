/**
 * Migration 1, the walking skeleton: users and sessions, the drafts (content items, playlists),
 * published revisions, screens, settings and play events.
 */
export const SKELETON_MIGRATION = `
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'approver', 'ward_operator', 'viewer')),
    must_change_password INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX sessions_user ON sessions(user_id);

  -- The working copy (drafts). What screens have lives in revisions.snapshot.
  CREATE TABLE content_items (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE playlists (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    item_ids TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE revisions (
    number INTEGER PRIMARY KEY,
    published_at INTEGER NOT NULL,
    published_by INTEGER REFERENCES users(id),
    summary TEXT NOT NULL,
    snapshot TEXT NOT NULL
  ) STRICT;

  CREATE TABLE screens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    ward TEXT,
    location_kind TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER,
    manifest_version TEXT,
    player_version TEXT,
    viewport TEXT
  ) STRICT;

  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE TABLE play_events (
    id TEXT PRIMARY KEY,
    screen_id TEXT NOT NULL REFERENCES screens(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    item_revision INTEGER NOT NULL,
    playlist_id TEXT,
    schedule_id TEXT,
    tier TEXT NOT NULL,
    theme INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    completed INTEGER NOT NULL,
    received_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX play_events_started ON play_events(started_at);
  `;
