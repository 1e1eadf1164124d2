import { SKELETON_MIGRATION } from './001-skeleton.ts';
import { SCREENS_IN_THE_FIELD_MIGRATION } from './002-screens-in-the-field.ts';
import { ACCOUNTS_MIGRATION } from './003-accounts.ts';
import { SCHEDULES_MIGRATION } from './004-schedules.ts';
import { LAYOUT_MIGRATION } from './005-layout.ts';
import { WARD_CONTENT_MIGRATION } from './006-ward-content.ts';
import { MEDIA_MIGRATION } from './007-media.ts';
import { HOURS_MIGRATION } from './008-hours.ts';
import { FALLBACK_MIGRATION } from './009-fallback.ts';
import { APPROVALS_MIGRATION } from './010-approvals.ts';
import { PAIRING_NETWORKS_MIGRATION } from './011-pairing-networks.ts';
import { REPORTS_MIGRATION } from './012-reports.ts';
import { INTEROP_MIGRATION } from './013-interop.ts';
import { RETIRED_SCREENS_MIGRATION } from './014-retired-screens.ts';

/** One migration: the file it is written in (`NNN-name.ts`) and its SQL. */
export interface Migration {
  file: string;
  sql: string;
}

/**
 * The migrations, in the order of their file names: migration N is file `N-….ts`, and
 * `PRAGMA user_version` holds the number applied last. Append only: a released migration is
 * never edited or renumbered (databases in the field count them). To add one, write the next
 * numbered file and add it at the end here; order.test.ts checks both lists agree.
 */
export const MIGRATIONS: readonly Migration[] = [
  { file: '001-skeleton.ts', sql: SKELETON_MIGRATION },
  { file: '002-screens-in-the-field.ts', sql: SCREENS_IN_THE_FIELD_MIGRATION },
  { file: '003-accounts.ts', sql: ACCOUNTS_MIGRATION },
  { file: '004-schedules.ts', sql: SCHEDULES_MIGRATION },
  { file: '005-layout.ts', sql: LAYOUT_MIGRATION },
  { file: '006-ward-content.ts', sql: WARD_CONTENT_MIGRATION },
  { file: '007-media.ts', sql: MEDIA_MIGRATION },
  { file: '008-hours.ts', sql: HOURS_MIGRATION },
  { file: '009-fallback.ts', sql: FALLBACK_MIGRATION },
  { file: '010-approvals.ts', sql: APPROVALS_MIGRATION },
  { file: '011-pairing-networks.ts', sql: PAIRING_NETWORKS_MIGRATION },
  { file: '012-reports.ts', sql: REPORTS_MIGRATION },
  { file: '013-interop.ts', sql: INTEROP_MIGRATION },
  { file: '014-retired-screens.ts', sql: RETIRED_SCREENS_MIGRATION },
];

/** The SQL of each migration, migration N at index N − 1. */
export const migrations: readonly string[] = MIGRATIONS.map((m) => m.sql);
