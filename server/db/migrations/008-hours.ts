/** Migration 8: operating hours and the daily reload (issue 6). */
export const HOURS_MIGRATION = `
  -- JSON {windows: [{days, from, to}], outside}; NULL: always on.
  ALTER TABLE screens ADD COLUMN operating_hours TEXT CHECK (operating_hours IS NULL OR json_valid(operating_hours));
  -- HH:MM of the player's daily page reload (Asia/Ho_Chi_Minh); NULL: never.
  ALTER TABLE screens ADD COLUMN daily_reload_at TEXT DEFAULT '03:30'
    CHECK (daily_reload_at IS NULL OR daily_reload_at GLOB '[0-2][0-9]:[0-5][0-9]');
`;
