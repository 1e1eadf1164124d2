/** Migration 2, screens in the field: pairing codes, what a screen last reported about itself, plays per screen. */
export const SCREENS_IN_THE_FIELD_MIGRATION = `
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
  `;
