import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaLibrary } from '../media/index.ts';
import { AccessChanges } from './auth/access-changes.ts';
import { SessionService } from './auth/sessions.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db/connection.ts';
import { ManifestBuilder } from './publishing/manifests.ts';
import { Emergencies } from './publishing/emergencies.ts';
import { Publisher } from './publishing/publisher.ts';
import { ContentRepo } from './repos/content.ts';
import { ReviewRepo } from './repos/reviews.ts';
import { PairingService } from './pairing/pairing.ts';
import { PairingRepo } from './repos/pairings.ts';
import { PlayRepo } from './repos/plays.ts';
import { PlayBasisRepo } from './repos/play-basis.ts';
import { PlayGuard } from './hub/play-guard.ts';
import { PlaylistRepo } from './repos/playlists.ts';
import { ReceiptRepo } from './repos/receipts.ts';
import { RevisionRepo } from './repos/revisions.ts';
import { ScheduleRepo } from './repos/schedules.ts';
import { ScreenRepo } from './repos/screens.ts';
import { ScreenTokenRepo } from './repos/screen-tokens.ts';
import { SessionRepo } from './repos/sessions.ts';
import { ThrottleRepo } from './repos/throttle.ts';
import { SignInThrottle } from './auth/throttle.ts';
import { AuditLog } from './audit/audit.ts';
import { AuditRepo } from './repos/audit.ts';
import { WardRepo } from './repos/wards.ts';
import { DiskReserve } from './storage/disk-reserve.ts';
import { DEFAULT_MIN_FREE_BYTES, StorageHealth } from './storage/storage.ts';
import { SettingsRepo } from './repos/settings.ts';
import { UserRepo } from './repos/users.ts';
import { AlertBroadcasts } from './publishing/alerts.ts';
import { CapAlertRepo } from './repos/cap-alerts.ts';
import { CapKeyRepo } from './repos/cap-keys.ts';
import { CapIngest } from './cap/ingest.ts';
import { CapFeed } from './cap/feed.ts';
import { CalendarFeedRepo } from './repos/calendar-feeds.ts';
import { Calendars } from './calendar/calendars.ts';
import { PortalViewRepo } from './repos/portal-views.ts';
import { PortalViews } from './embed/portal-views.ts';

let scratchMediaDir: string | null = null;

/**
 * Where media go when no directory is given (tests, the benchmark): one directory per process,
 * removed when it exits. Files are named by their hash, so databases of one process can share it.
 */
function scratchDir(): string {
  if (!scratchMediaDir) {
    const dir = join(tmpdir(), `bangtin-media-${process.pid}`);
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    scratchMediaDir = dir;
  }
  return scratchMediaDir;
}

export interface ServiceOptions {
  /** The media library's directory, `<dataDir>/media` (main.ts). */
  mediaDir?: string;
  /** The data directory, whose free space is watched, and the disk reserve kept in it (main.ts). */
  storage?: { dir: string; reserveBytes: number };
}

/** Repositories and services over one database. */
export function createServices(db: Db, clock: Clock, options: ServiceOptions = {}) {
  const access = new AccessChanges();
  const users = new UserRepo(db, () => access.changed());
  const sessions = new SessionRepo(db, () => access.changed());
  const content = new ContentRepo(db);
  const reviews = new ReviewRepo(db);
  const playlists = new PlaylistRepo(db);
  const revisions = new RevisionRepo(db);
  const schedules = new ScheduleRepo(db);
  const settings = new SettingsRepo(db);
  const screens = new ScreenRepo(db);
  const plays = new PlayRepo(db);
  const receipts = new ReceiptRepo(db);
  const media = new MediaLibrary(db, options.mediaDir ?? scratchDir());
  const dir = options.storage?.dir ?? null;
  const reserveBytes = options.storage?.reserveBytes ?? 0;
  const storage = new StorageHealth({
    dir,
    reserve: dir && reserveBytes > 0 ? new DiskReserve(join(dir, 'disk-reserve'), reserveBytes, DEFAULT_MIN_FREE_BYTES) : null,
    probe: () => settings.set('storage_checked_at', String(clock.now())),
  });
  const wards = new WardRepo(db);
  const publisher = new Publisher({ db, clock, content, reviews, playlists, schedules, revisions, settings, screens });
  const audit = new AuditLog({ db, repo: new AuditRepo(db), clock });
  // CAP alerts in (issue 17): put on air through the same publisher as every emergency.
  const capAlerts = new CapAlertRepo(db);
  const broadcasts = new AlertBroadcasts({ clock, publisher, content, reviews, playlists, schedules, revisions, screens, settings });
  const capIngest = new CapIngest({ db, clock, capAlerts, broadcasts, wards, audit, storage });
  const calendarFeeds = new CalendarFeedRepo(db);
  const portalViewRows = new PortalViewRepo(db);
  return {
    db,
    clock,
    users,
    sessions,
    content,
    reviews,
    playlists,
    revisions,
    schedules,
    settings,
    screens,
    screenTokens: new ScreenTokenRepo(db),
    plays,
    receipts,
    media,
    storage,
    auth: new SessionService({ sessions, users, clock, storage }),
    access,
    throttle: new SignInThrottle({ db, repo: new ThrottleRepo(db), clock }),
    wards,
    auditEntries: new AuditRepo(db),
    audit,
    publisher,
    emergencies: new Emergencies({ clock, publisher, content, reviews, playlists, schedules, revisions, screens, wards, receipts, settings, media }),
    manifests: new ManifestBuilder({ revisions, settings, clock, media: media.repo }),
    pairing: new PairingService({ db, clock, pairings: new PairingRepo(db), screens }),
    playGuard: new PlayGuard({ clock, basis: new PlayBasisRepo(db), media: media.repo }),
    capAlerts,
    capKeys: new CapKeyRepo(db),
    broadcasts,
    capIngest,
    capFeed: new CapFeed({ clock, settings, ingest: capIngest }),
    calendarFeeds,
    calendars: new Calendars({ revisions, screens, wards, users, calendarFeeds }),
    portalViewRows,
    portalViews: new PortalViews({ db, clock, repo: portalViewRows, storage }),
  };
}
export type Services = ReturnType<typeof createServices>;
