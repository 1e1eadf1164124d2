import type { ChangeSummary, ContentItem, Playlist, PublishedItem, Schedule } from '../playlists/index.ts';
import { canonicalJson } from './canonical.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db.ts';
import { AppError } from './errors.ts';
import type { ContentRepo } from './repos/content.ts';
import type { PlaylistRepo } from './repos/playlists.ts';
import type { ScheduleRepo } from './repos/schedules.ts';
import type { RevisionRepo, Snapshot } from './repos/revisions.ts';
import type { SettingsRepo } from './repos/settings.ts';

type WithId = { id: string };

function diff<T extends WithId>(before: T[], after: T[], same: (a: T, b: T) => boolean) {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  return {
    added: after.filter((x) => !old.has(x.id)).map((x) => x.id),
    changed: after.filter((x) => old.has(x.id) && !same(old.get(x.id)!, x)).map((x) => x.id),
    removed: before.filter((x) => !now.has(x.id)).map((x) => x.id),
  };
}

const withoutRevision = ({ revision: _r, ...rest }: PublishedItem) => rest;
const sameItem = (a: PublishedItem, b: PublishedItem) => canonicalJson(withoutRevision(a)) === canonicalJson(withoutRevision(b));
const samePlaylist = (a: Playlist, b: Playlist) => canonicalJson(a) === canonicalJson(b);
const sameSchedule = (a: Schedule, b: Schedule) => canonicalJson(a) === canonicalJson(b);

export function isEmpty(summary: ChangeSummary): boolean {
  return [summary.items, summary.playlists, summary.schedules].every((c) => !c.added.length && !c.changed.length && !c.removed.length);
}

/**
 * Publishing turns the drafts into an immutable, numbered revision. Each published item
 * keeps the revision in which its content last changed, so play events name what was shown.
 */
export class Publisher {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      content: ContentRepo;
      playlists: PlaylistRepo;
      schedules: ScheduleRepo;
      revisions: RevisionRepo;
      settings: SettingsRepo;
    },
  ) {}

  /** What publishing now would change. */
  pending(): { revision: number; summary: ChangeSummary } {
    const latest = this.deps.revisions.latest();
    const next = this.#draftSnapshot(latest.number + 1, latest.snapshot);
    return { revision: latest.number, summary: this.#summary(latest.snapshot, next) };
  }

  publish(userId: number | null): { revision: number; summary: ChangeSummary } {
    return this.deps.db.transaction(() => {
      const latest = this.deps.revisions.latest();
      const number = latest.number + 1;
      const next = this.#draftSnapshot(number, latest.snapshot);
      const summary = this.#summary(latest.snapshot, next);
      if (isEmpty(summary)) throw new AppError(409, 'nothing_to_publish', 'There are no unpublished changes');
      this.deps.revisions.insert(number, this.deps.clock.now(), userId, summary, next);
      return { revision: number, summary };
    }).immediate();
  }

  /** Publishes an earlier revision's content again, as a new revision, and makes it the draft. */
  restore(number: number, userId: number | null): { revision: number; summary: ChangeSummary } {
    return this.deps.db.transaction(() => {
      const snapshot = this.deps.revisions.snapshot(number);
      if (!snapshot) throw new AppError(404, 'revision_not_found', 'revision not found');
      const now = this.deps.clock.now();
      this.deps.content.replaceAll(snapshot.items.map(withoutRevision) as ContentItem[], now);
      this.deps.playlists.replaceAll(snapshot.playlists, now);
      this.deps.schedules.replaceAll(snapshot.schedules ?? [], now);
      if (snapshot.defaultPlaylistId) this.deps.settings.set('default_playlist_id', snapshot.defaultPlaylistId);
      return this.publish(userId);
    }).immediate();
  }

  #draftSnapshot(number: number, previous: Snapshot): Snapshot {
    const before = new Map(previous.items.map((i) => [i.id, i]));
    const items = this.deps.content.list().map(({ item }): PublishedItem => {
      const old = before.get(item.id);
      const candidate = { ...item, revision: number } as PublishedItem;
      return old && sameItem(old, candidate) ? { ...candidate, revision: old.revision } : candidate;
    });
    return {
      items,
      playlists: this.deps.playlists.list().map((p) => p.playlist),
      defaultPlaylistId: this.deps.settings.get('default_playlist_id'),
      schedules: this.deps.schedules.list().map((s) => s.schedule),
    };
  }

  #summary(before: Snapshot, after: Snapshot): ChangeSummary {
    const summary = {
      items: diff(before.items, after.items, sameItem),
      playlists: diff(before.playlists, after.playlists, samePlaylist),
      schedules: diff(before.schedules ?? [], after.schedules ?? [], sameSchedule),
    };
    if (before.defaultPlaylistId !== after.defaultPlaylistId && after.defaultPlaylistId) {
      if (!summary.playlists.changed.includes(after.defaultPlaylistId) && !summary.playlists.added.includes(after.defaultPlaylistId)) {
        summary.playlists.changed.push(after.defaultPlaylistId);
      }
    }
    return summary;
  }
}
