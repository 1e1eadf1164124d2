/**
 * Reports (issue 14): play rollups, screens'
 * connection sessions and daily uptime, QR scans, periodic reports and playout frame numbers.
 *
 * Rollup buckets are integers in Asia/Ho_Chi_Minh: `hour_start` the instant (ms) an hour
 * starts, `day` whole local days since 1970-01-01, `month` year × 12 + month − 1. A play is
 * counted in the hour, day and month in which it started. Rollups keep no foreign key to
 * screens: a report of last year keeps a screen that has since been removed.
 */
const rollup = (name: string, bucket: string) => `
  CREATE TABLE ${name} (
    ${bucket} INTEGER NOT NULL,
    screen_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    theme INTEGER NOT NULL,
    tier TEXT NOT NULL,
    plays INTEGER NOT NULL,
    completed INTEGER NOT NULL,
    airtime_ms INTEGER NOT NULL,
    PRIMARY KEY (${bucket}, screen_id, item_id, theme, tier)
  ) STRICT, WITHOUT ROWID;
`;

const itemRollup = (name: string, bucket: string) => `
  CREATE TABLE ${name} (
    ${bucket} INTEGER NOT NULL,
    item_id TEXT NOT NULL,
    theme INTEGER NOT NULL,
    plays INTEGER NOT NULL,
    completed INTEGER NOT NULL,
    airtime_ms INTEGER NOT NULL,
    PRIMARY KEY (${bucket}, item_id, theme)
  ) STRICT, WITHOUT ROWID;
`;

/** The same sums over the plays already stored, so an upgraded server reports its history. */
const backfill = (name: string, bucket: string, expr: string) => `
  INSERT INTO ${name} (${bucket}, screen_id, item_id, theme, tier, plays, completed, airtime_ms)
  SELECT ${expr}, screen_id, item_id, theme, tier, count(*), sum(completed), sum(duration_ms)
  FROM play_events GROUP BY 1, 2, 3, 4, 5;
`;

const LOCAL = '(started_at + 25200000)';
const MONTH = `CAST(strftime('%Y', ${LOCAL} / 1000, 'unixepoch') AS INTEGER) * 12 + CAST(strftime('%m', ${LOCAL} / 1000, 'unixepoch') AS INTEGER) - 1`;

export const REPORTS_MIGRATION = `
  ${rollup('play_rollup_hourly', 'hour_start')}
  ${rollup('play_rollup_daily', 'day')}
  ${rollup('play_rollup_monthly', 'month')}
  -- Per screen and day, all items together: the per-day chart without reading every item.
  CREATE TABLE play_rollup_screen_daily (
    day INTEGER NOT NULL,
    screen_id TEXT NOT NULL,
    plays INTEGER NOT NULL,
    completed INTEGER NOT NULL,
    airtime_ms INTEGER NOT NULL,
    PRIMARY KEY (day, screen_id)
  ) STRICT, WITHOUT ROWID;
  -- The same without screens, for reports over every screen: per item (and theme) by day and
  -- month, per screen by month, and the whole city by day. A report over chosen screens reads
  -- the per-screen tables instead.
  CREATE TABLE play_rollup_screen_monthly (
    month INTEGER NOT NULL,
    screen_id TEXT NOT NULL,
    plays INTEGER NOT NULL,
    completed INTEGER NOT NULL,
    airtime_ms INTEGER NOT NULL,
    PRIMARY KEY (month, screen_id)
  ) STRICT, WITHOUT ROWID;
  ${itemRollup('play_rollup_item_daily', 'day')}
  ${itemRollup('play_rollup_item_monthly', 'month')}
  CREATE TABLE play_rollup_city_daily (
    day INTEGER PRIMARY KEY,
    plays INTEGER NOT NULL,
    completed INTEGER NOT NULL,
    airtime_ms INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  ${backfill('play_rollup_hourly', 'hour_start', 'started_at - started_at % 3600000')}
  ${backfill('play_rollup_daily', 'day', `${LOCAL} / 86400000`)}
  ${backfill('play_rollup_monthly', 'month', MONTH)}
  INSERT INTO play_rollup_screen_daily (day, screen_id, plays, completed, airtime_ms)
  SELECT ${LOCAL} / 86400000, screen_id, count(*), sum(completed), sum(duration_ms) FROM play_events GROUP BY 1, 2;
  INSERT INTO play_rollup_screen_monthly (month, screen_id, plays, completed, airtime_ms)
  SELECT ${MONTH}, screen_id, count(*), sum(completed), sum(duration_ms) FROM play_events GROUP BY 1, 2;
  INSERT INTO play_rollup_item_daily (day, item_id, theme, plays, completed, airtime_ms)
  SELECT ${LOCAL} / 86400000, item_id, theme, count(*), sum(completed), sum(duration_ms) FROM play_events GROUP BY 1, 2, 3;
  INSERT INTO play_rollup_item_monthly (month, item_id, theme, plays, completed, airtime_ms)
  SELECT ${MONTH}, item_id, theme, count(*), sum(completed), sum(duration_ms) FROM play_events GROUP BY 1, 2, 3;
  INSERT INTO play_rollup_city_daily (day, plays, completed, airtime_ms)
  SELECT ${LOCAL} / 86400000, count(*), sum(completed), sum(duration_ms) FROM play_events GROUP BY 1;

  -- A screen's connections as the server saw them; closed_at NULL while connected. A restart
  -- closes the ones left open at their last sign of life.
  CREATE TABLE screen_sessions (
    id INTEGER PRIMARY KEY,
    screen_id TEXT NOT NULL REFERENCES screens(id) ON DELETE CASCADE,
    connected_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    closed_at INTEGER,
    UNIQUE (screen_id, connected_at)
  ) STRICT;
  CREATE INDEX screen_sessions_closed ON screen_sessions(closed_at);
  CREATE INDEX screen_sessions_time ON screen_sessions(connected_at);

  -- Milliseconds open (within operating hours) and online within them, per screen and finished
  -- day, and per month of those days; the days after rolled_through are read from the sessions.
  CREATE TABLE screen_uptime_daily (
    day INTEGER NOT NULL,
    screen_id TEXT NOT NULL,
    open_ms INTEGER NOT NULL,
    online_ms INTEGER NOT NULL,
    PRIMARY KEY (day, screen_id)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE screen_uptime_monthly (
    month INTEGER NOT NULL,
    screen_id TEXT NOT NULL,
    open_ms INTEGER NOT NULL,
    online_ms INTEGER NOT NULL,
    PRIMARY KEY (month, screen_id)
  ) STRICT, WITHOUT ROWID;

  -- A scan of a screen's QR short link (/r/<code>): no address, no cookie, nothing personal.
  CREATE TABLE qr_scans (
    id INTEGER PRIMARY KEY,
    screen_id TEXT NOT NULL,
    ward_code TEXT,
    item_id TEXT NOT NULL,
    scanned_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX qr_scans_time ON qr_scans(scanned_at);

  -- The six-month (due before 25/05) and yearly (due before 15/12) reports of the city (ward_code
  -- NULL) or of one ward. A final report keeps the numbers it was frozen with (snapshot) and
  -- counts the plays of its period and screens stored after that (late_plays).
  CREATE TABLE periodic_reports (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('six_month', 'yearly')),
    year INTEGER NOT NULL,
    ward_code TEXT,
    due_date TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    unit_name TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'final')),
    drafted_by TEXT NOT NULL CHECK (drafted_by IN ('schedule', 'user')),
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    frozen_at INTEGER,
    frozen_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    snapshot TEXT CHECK (snapshot IS NULL OR json_valid(snapshot)),
    screen_ids TEXT CHECK (screen_ids IS NULL OR json_valid(screen_ids)),
    late_plays INTEGER NOT NULL DEFAULT 0,
    CHECK ((status = 'final') = (snapshot IS NOT NULL))
  ) STRICT;
  CREATE UNIQUE INDEX periodic_reports_one ON periodic_reports(kind, year, coalesce(ward_code, ''));

  -- Stable numbers for screens: the playout file's frame id is an integer.
  CREATE TABLE report_frames (
    frame_id INTEGER PRIMARY KEY AUTOINCREMENT,
    screen_id TEXT NOT NULL UNIQUE
  ) STRICT;
  INSERT INTO report_frames (screen_id) SELECT id FROM screens ORDER BY created_at, id;
  CREATE TRIGGER report_frames_new AFTER INSERT ON screens BEGIN
    INSERT OR IGNORE INTO report_frames (screen_id) VALUES (NEW.id);
  END;
`;
