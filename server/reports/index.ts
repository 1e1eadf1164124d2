import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import type { ScreenRecord } from '../repos/screens.ts';
import type { Job, Scheduler } from '../scheduler.ts';
import type { StorageHealth } from '../storage/storage.ts';
import { PeriodicReports } from './periodic.ts';
import { ReportQueries } from './report-query.ts';
import { PlayRetention, retentionDays } from './retention.ts';
import { ScanCounter } from './scans.ts';
import { ConnectionSessions, type SessionSource } from './sessions.ts';
import { UptimeService } from './uptime.ts';

/** When the timed report jobs run, Hanoi time. */
export const REPORT_JOBS = {
  /** Yesterday's uptime, once the day is over. */
  uptimeRollUp: { hour: 0, minute: 20 },
  /** Raw plays past their retention, in small batches. */
  retention: { hour: 2, minute: 40 },
  /** Periodic reports due within a week. */
  drafts: { hour: 6, minute: 0 },
} as const;

export interface ReportingDeps {
  db: Db;
  clock: Clock;
  hub: SessionSource;
  screens: { listEver(): ScreenRecord[]; get(id: string): ScreenRecord | undefined; getEver(id: string): ScreenRecord | undefined };
  wards: { get(code: string): { name: string } | undefined; list(): { code: string; screens: number }[] };
  storage: Pick<StorageHealth, 'background'>;
  /** Raw plays are kept this long (BANGTIN_PLAYS_RETENTION_DAYS). */
  retentionDays?: number;
}

/**
 * Everything behind the reports (issue 14): connection sessions and uptime, the report
 * queries, the periodic reports, QR scans, and the raw plays' retention; `start` runs their
 * jobs on the server's scheduler (tests pass a ManualScheduler and run them by hand).
 */
export function createReporting(deps: ReportingDeps) {
  const sessions = new ConnectionSessions({ db: deps.db, clock: deps.clock, hub: deps.hub, storage: deps.storage });
  const uptime = new UptimeService({ db: deps.db, clock: deps.clock, screens: deps.screens });
  const queries = new ReportQueries({ db: deps.db, clock: deps.clock, uptime });
  const periodic = new PeriodicReports({ db: deps.db, clock: deps.clock, queries, screens: deps.screens, wards: deps.wards });
  const scans = new ScanCounter({ db: deps.db, clock: deps.clock, screens: deps.screens, items: queries.items });
  const retention = new PlayRetention({ db: deps.db, clock: deps.clock, days: deps.retentionDays ?? retentionDays() });
  const jobs: Job[] = [];

  const draftDue = () => deps.storage.background('periodic report drafts', () => {
    const drafted = deps.db.transaction(() => periodic.draftDue())();
    if (drafted.length) console.log(`reports: drafted ${drafted.length} periodic report(s)`);
  });
  const rollUp = () => deps.storage.background('uptime roll-up', () => uptime.rollUp());
  const purge = () => {
    retention.run().then(
      (r) => r.deleted && console.log(`reports: deleted ${r.deleted} play events past retention (longest batch ${r.maxBatchMs.toFixed(1)} ms)`),
      (err: unknown) => console.warn(`reports: play retention failed: ${(err as Error).message}`),
    );
  };

  return {
    sessions, uptime, queries, periodic, scans, retention,
    /** Drafts the periodic reports due now (the job's work, also for tests). */
    draftDue,
    /** Closes sessions a restart left open, catches up on missed work, and schedules the jobs. */
    start(scheduler: Scheduler): void {
      sessions.recover();
      sessions.start();
      rollUp();
      draftDue();
      purge();
      jobs.push(
        scheduler.daily('uptime-roll-up', REPORT_JOBS.uptimeRollUp, rollUp),
        scheduler.daily('plays-retention', REPORT_JOBS.retention, purge),
        scheduler.daily('periodic-report-drafts', REPORT_JOBS.drafts, draftDue),
      );
    },
    stop(): void {
      for (const job of jobs.splice(0)) job.cancel();
      sessions.stop();
    },
  };
}
export type Reporting = ReturnType<typeof createReporting>;
