/** Migration 3: accounts, wards and audit (issue 5). */
export const ACCOUNTS_MIGRATION = `
  -- Sign-in failures per account ('account:<name>') and per client address ('address:<ip>').
  -- In SQLite rather than memory, so a restart does not hand a guesser a fresh allowance.
  CREATE TABLE sign_in_throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at INTEGER NOT NULL,
    blocked_until INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX sign_in_throttle_last ON sign_in_throttle(last_failure_at);

  -- Ward-level units (xã, phường), by their official code.
  CREATE TABLE wards (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('xa', 'phuong')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;

  -- A ward operator is bound to exactly one ward; nobody else has one.
  ALTER TABLE users ADD COLUMN ward_code TEXT REFERENCES wards(code)
    CHECK ((role = 'ward_operator') = (ward_code IS NOT NULL));
  ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
  CREATE INDEX users_ward ON users(ward_code);

  -- screens.ward stays the free-text label the player shows; ward_code links a screen to a
  -- ward going forward (NULL for screens registered before wards existed).
  ALTER TABLE screens ADD COLUMN ward_code TEXT REFERENCES wards(code);
  CREATE INDEX screens_ward ON screens(ward_code);

  -- Every change, appended and never altered: the triggers refuse UPDATE and DELETE.
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    user_id INTEGER REFERENCES users(id),
    username TEXT,
    address TEXT,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT,
    ward_code TEXT,
    before TEXT,
    after TEXT
  ) STRICT;
  CREATE INDEX audit_log_at ON audit_log(at);
  CREATE INDEX audit_log_user ON audit_log(user_id, at);
  CREATE INDEX audit_log_object ON audit_log(object_type, object_id, at);
  CREATE INDEX audit_log_ward ON audit_log(ward_code, at);
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`;
