import { SessionService } from './auth/sessions.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db.ts';
import { ManifestBuilder } from './manifests.ts';
import { Publisher } from './publish.ts';
import { ContentRepo } from './repos/content.ts';
import { PairingService } from './pairing.ts';
import { PairingRepo } from './repos/pairings.ts';
import { PlayRepo } from './repos/plays.ts';
import { PlaylistRepo } from './repos/playlists.ts';
import { ReceiptRepo } from './repos/receipts.ts';
import { RevisionRepo } from './repos/revisions.ts';
import { ScheduleRepo } from './repos/schedules.ts';
import { ScreenRepo } from './repos/screens.ts';
import { SessionRepo } from './repos/sessions.ts';
import { ThrottleRepo } from './repos/throttle.ts';
import { SignInThrottle } from './auth/throttle.ts';
import { AuditLog } from './audit.ts';
import { AuditRepo } from './repos/audit.ts';
import { WardRepo } from './repos/wards.ts';
import { SettingsRepo } from './repos/settings.ts';
import { UserRepo } from './repos/users.ts';

/** Repositories and services over one database. */
export function createServices(db: Db, clock: Clock) {
  const users = new UserRepo(db);
  const sessions = new SessionRepo(db);
  const content = new ContentRepo(db);
  const playlists = new PlaylistRepo(db);
  const revisions = new RevisionRepo(db);
  const schedules = new ScheduleRepo(db);
  const settings = new SettingsRepo(db);
  const screens = new ScreenRepo(db);
  const plays = new PlayRepo(db);
  const receipts = new ReceiptRepo(db);
  return {
    db,
    clock,
    users,
    sessions,
    content,
    playlists,
    revisions,
    schedules,
    settings,
    screens,
    plays,
    receipts,
    auth: new SessionService({ sessions, users, clock }),
    throttle: new SignInThrottle({ db, repo: new ThrottleRepo(db), clock }),
    wards: new WardRepo(db),
    auditEntries: new AuditRepo(db),
    audit: new AuditLog({ db, repo: new AuditRepo(db), clock }),
    publisher: new Publisher({ db, clock, content, playlists, schedules, revisions, settings }),
    manifests: new ManifestBuilder({ revisions, settings, clock }),
    pairing: new PairingService({ db, clock, pairings: new PairingRepo(db), screens }),
  };
}
export type Services = ReturnType<typeof createServices>;
