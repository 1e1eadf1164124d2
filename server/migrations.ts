import { ACCOUNTS_MIGRATION } from './migration-accounts.ts';
import { LAYOUT_MIGRATION } from './migration-layout.ts';
import { HOURS_MIGRATION } from './migration-hours.ts';
import { SCHEDULES_MIGRATION } from './migration-schedules.ts';
import { MEDIA_MIGRATION } from '../media/index.ts';
import { WARD_CONTENT_MIGRATION } from './migration-ward-content.ts';
import { FALLBACK_MIGRATION } from './migration-fallback.ts';
import { APPROVALS_MIGRATION } from './migration-approvals.ts';
import { PAIRING_NETWORKS_MIGRATION } from './migration-pairing-networks.ts';
import { REPORTS_MIGRATION } from './migration-reports.ts';

/**
 * Numbered migrations; `PRAGMA user_version` holds the number applied last. Append only:
 * a released migration is never edited.
 */
export const migrations: readonly string[] = [
  // 1: the walking skeleton
  `
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
  `,
  // Screens in the field: pairing codes, what a screen last reported about itself, plays per screen.
  `
  -- A new screen's pairing. Only hashes are kept: the screen token is derived from the secret,
  -- which only the player holds. A row is deleted once its token has been handed over.
  CREATE TABLE pairings (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    viewport TEXT,
    player_version TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    screen_id TEXT REFERENCES screens(id) ON DELETE CASCADE,
    claimed_at INTEGER
  ) STRICT;
  CREATE INDEX pairings_expires ON pairings(expires_at);

  -- The last heartbeat's device facts (JSON): secure context, cache, memory, queued plays.
  ALTER TABLE screens ADD COLUMN health TEXT;

  CREATE INDEX play_events_screen ON play_events(screen_id, started_at);
  `,
  // Accounts, wards, sign-in throttling and the audit log (server/migration-accounts.ts)
  ACCOUNTS_MIGRATION,
  // Schedules and emergency receipts (server/migration-schedules.ts)
  SCHEDULES_MIGRATION,
  // Screen layout: canvas, ticker strip, theme (server/migration-layout.ts)
  LAYOUT_MIGRATION,
  // Ward-owned content items and playlists (server/migration-ward-content.ts)
  WARD_CONTENT_MIGRATION,
  // The media library: media and their stored files (media/migration.ts)
  MEDIA_MIGRATION,
  // Operating hours and the daily reload time per screen (server/migration-hours.ts)
  HOURS_MIGRATION,
  // A screen's own fallback playlist (server/migration-fallback.ts)
  FALLBACK_MIGRATION,
  // Approval of city content: review state and the approved version (server/migration-approvals.ts)
  APPROVALS_MIGRATION,
  // The address and network each pairing code was asked from (server/migration-pairing-networks.ts)
  PAIRING_NETWORKS_MIGRATION,
  // Reports: play rollups, connection sessions and uptime, QR scans, periodic reports (server/migration-reports.ts)
  REPORTS_MIGRATION,
];
