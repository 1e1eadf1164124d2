import { SessionService } from './auth/sessions.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db.ts';
import { ManifestBuilder } from './manifests.ts';
import { Publisher } from './publish.ts';
import { ContentRepo } from './repos/content.ts';
import { PlayRepo } from './repos/plays.ts';
import { PlaylistRepo } from './repos/playlists.ts';
import { RevisionRepo } from './repos/revisions.ts';
import { ScreenRepo } from './repos/screens.ts';
import { SessionRepo } from './repos/sessions.ts';
import { SettingsRepo } from './repos/settings.ts';
import { UserRepo } from './repos/users.ts';

/** Repositories and services over one database. */
export function createServices(db: Db, clock: Clock) {
  const users = new UserRepo(db);
  const sessions = new SessionRepo(db);
  const content = new ContentRepo(db);
  const playlists = new PlaylistRepo(db);
  const revisions = new RevisionRepo(db);
  const settings = new SettingsRepo(db);
  const screens = new ScreenRepo(db);
  const plays = new PlayRepo(db);
  return {
    db,
    clock,
    users,
    sessions,
    content,
    playlists,
    revisions,
    settings,
    screens,
    plays,
    auth: new SessionService({ sessions, users, clock }),
    publisher: new Publisher({ db, clock, content, playlists, revisions, settings }),
    manifests: new ManifestBuilder({ revisions, clock }),
  };
}
export type Services = ReturnType<typeof createServices>;
