/**
 * Migration 13: bangtin and the systems around it (issue 17) — CAP alerts and the keys their
 * sources post with, the secret calendar feeds users subscribe to, and web portals' views.
 */
export const INTEROP_MIGRATION = `
  -- Every CAP alert taken in (refused ones are only in the audit log): what it said, what
  -- bangtin did with it, and the schedule it put on screens. One row per sender, identifier
  -- and sent instant: the same alert again is a duplicate.
  CREATE TABLE cap_alerts (
    id TEXT PRIMARY KEY,
    sender TEXT NOT NULL,
    identifier TEXT NOT NULL,
    sent TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    status TEXT NOT NULL,
    msg_type TEXT NOT NULL,
    scope TEXT NOT NULL,
    event TEXT,
    headline TEXT,
    tier TEXT CHECK (tier IN ('emergency', 'priority')),
    outcome TEXT NOT NULL,
    reason TEXT,
    wards TEXT NOT NULL DEFAULT '[]',
    schedule_id TEXT,
    source TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    UNIQUE (sender, identifier, sent_at)
  ) STRICT;
  CREATE INDEX cap_alerts_received ON cap_alerts(received_at);
  CREATE INDEX cap_alerts_schedule ON cap_alerts(schedule_id);

  -- Keys a CAP source posts with (Authorization: Bearer), kept only as their sha256.
  CREATE TABLE cap_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    revoked_at INTEGER,
    last_used_at INTEGER
  ) STRICT;

  -- A user's secret calendar feed (one at a time), kept only as its token's sha256.
  CREATE TABLE calendar_feeds (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
  ) STRICT;

  -- Views of the playlists embedded on web portals, per Hanoi day and audience ('city' or a
  -- ward code): counted apart from proof of play.
  CREATE TABLE portal_views (
    day TEXT NOT NULL,
    audience TEXT NOT NULL,
    views INTEGER NOT NULL,
    PRIMARY KEY (day, audience)
  ) STRICT, WITHOUT ROWID;
`;
