/**
 * Migration 14: a screen can be retired (issue 12, item 5). Its row stays, so the plays,
 * rollups, uptime and scans it gathered keep counting in reports; `retired_at` marks it and its
 * token hash is cleared, so its token is refused everywhere. Live lists leave it out.
 */
export const RETIRED_SCREENS_MIGRATION = `
  ALTER TABLE screens ADD COLUMN retired_at INTEGER;
  CREATE INDEX screens_retired ON screens(retired_at);
`;
