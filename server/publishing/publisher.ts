import type { ChangeSummary, ContentItem, PublishedItem } from '../../playlists/index.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { fallbackPlaylists, withCurrentEmergencies } from './emergencies.ts';
import { AppError } from '../errors.ts';
import type { ContentRepo, StoredItem } from '../repos/content.ts';
import type { ReviewRepo, ReviewRow } from '../repos/reviews.ts';
import type { PlaylistRepo } from '../repos/playlists.ts';
import type { ScheduleRepo } from '../repos/schedules.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import { isEmpty, sameItem, summaryOf, withoutRevision, type Snapshot, type SnapshotOwners } from './snapshot.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { SettingsRepo } from '../repos/settings.ts';

/** The entries of `owned` that belong to `ward`. */
const pick = (owned: Record<string, string>, ward: string) => Object.fromEntries(Object.entries(owned).filter(([, w]) => w === ward));

/**
 * What the city's publish sends of a draft item: a ward's local item as drafted; a city item
 * only as approved (its newer draft waits for approval), and nothing while it has no approved
 * version or is archived.
 */
function onAir(stored: StoredItem, review: ReviewRow | undefined): ContentItem | null {
  if (stored.ownerWard !== null) return stored.item;
  if (!review?.approvedBody || review.state === 'archived') return null;
  return { id: stored.item.id, ...review.approvedBody } as ContentItem;
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
      reviews: ReviewRepo;
      playlists: PlaylistRepo;
      schedules: ScheduleRepo;
      revisions: RevisionRepo;
      settings: SettingsRepo;
      screens: Pick<ScreenRepo, 'list'>;
    },
  ) {}

  /** What publishing now would change (`ward`: what that ward's publish would change). */
  pending(ward: string | null = null): { revision: number; summary: ChangeSummary } {
    const latest = this.deps.revisions.latest();
    const next = this.#draftSnapshot(latest.number + 1, latest.snapshot, ward);
    return { revision: latest.number, summary: this.#summary(latest.snapshot, next) };
  }

  /**
   * Publishes the drafts. With `ward`, only that ward's own local rows (items, playlists,
   * schedules it owns) go out — a ward's local content goes on air without the city, and
   * without taking the city's unfinished drafts with it; every other row stays as published.
   */
  publish(userId: number | null, ward: string | null = null): { revision: number; summary: ChangeSummary } {
    return this.deps.db.transaction(() => {
      const latest = this.deps.revisions.latest();
      const number = latest.number + 1;
      const next = this.#draftSnapshot(number, latest.snapshot, ward);
      const summary = this.#summary(latest.snapshot, next);
      if (isEmpty(summary)) throw new AppError(409, 'nothing_to_publish', 'There are no unpublished changes');
      this.deps.revisions.insert(number, this.deps.clock.now(), userId, summary, next);
      return { revision: number, summary };
    }).immediate();
  }

  /**
   * Publishes an earlier revision's content again, as a new revision, and makes it the draft.
   * Emergencies are not content: they stay as they are now (withCurrentEmergencies), so a
   * rollback never brings back one that was cancelled or has ended, nor drops one on air.
   */
  restore(number: number, userId: number | null): { revision: number; summary: ChangeSummary } {
    return this.deps.db.transaction(() => {
      const earlier = this.deps.revisions.snapshot(number);
      if (!earlier) throw new AppError(404, 'revision_not_found', 'revision not found');
      const now = this.deps.clock.now();
      const snapshot = withCurrentEmergencies(earlier, this.deps.revisions.latest().snapshot, now, fallbackPlaylists(this.deps.screens));
      this.deps.content.replaceAll(snapshot.items.map(withoutRevision) as ContentItem[], now, snapshot.owners?.items);
      // They were on air: the restored city items count as approved, by whoever restores them.
      this.deps.reviews.approveAllCity(userId, now);
      this.deps.playlists.replaceAll(snapshot.playlists, now, snapshot.owners?.playlists);
      this.deps.schedules.replaceAll(snapshot.schedules ?? [], now);
      if (snapshot.defaultPlaylistId) this.deps.settings.set('default_playlist_id', snapshot.defaultPlaylistId);
      return this.publish(userId);
    }).immediate();
  }

  #draftSnapshot(number: number, previous: Snapshot, ward: string | null): Snapshot {
    const before = new Map(previous.items.map((i) => [i.id, i]));
    const drafts = { items: this.deps.content.list(), playlists: this.deps.playlists.list(), schedules: this.deps.schedules.list() };
    const publish = ({ item }: { item: ContentItem }): PublishedItem => {
      const old = before.get(item.id);
      const candidate = { ...item, revision: number } as PublishedItem;
      return old && sameItem(old, candidate) ? { ...candidate, revision: old.revision } : candidate;
    };
    const owners: SnapshotOwners = {
      items: Object.fromEntries(drafts.items.flatMap((s) => (s.ownerWard ? [[s.item.id, s.ownerWard]] : []))),
      playlists: Object.fromEntries(drafts.playlists.flatMap((s) => (s.ownerWard ? [[s.playlist.id, s.ownerWard]] : []))),
    };
    if (ward === null) {
      const reviews = this.deps.reviews.all();
      return {
        items: drafts.items.flatMap((s) => {
          const item = onAir(s, reviews.get(s.item.id));
          return item ? [publish({ item })] : [];
        }),
        playlists: drafts.playlists.map((p) => p.playlist),
        defaultPlaylistId: this.deps.settings.get('default_playlist_id'),
        schedules: drafts.schedules.map((s) => s.schedule),
        owners,
      };
    }
    // A ward's publish: the published rows of everyone else, and this ward's drafts.
    const was = previous.owners ?? { items: {}, playlists: {} };
    const others = (owned: Record<string, string>) => Object.fromEntries(Object.entries(owned).filter(([, w]) => w !== ward));
    return {
      items: [...previous.items.filter((i) => was.items[i.id] !== ward), ...drafts.items.filter((s) => s.ownerWard === ward).map(publish)],
      playlists: [
        ...previous.playlists.filter((p) => was.playlists[p.id] !== ward),
        ...drafts.playlists.filter((s) => s.ownerWard === ward).map((s) => s.playlist),
      ],
      defaultPlaylistId: previous.defaultPlaylistId,
      schedules: [
        ...(previous.schedules ?? []).filter((s) => s.ownerWard !== ward),
        ...drafts.schedules.filter((s) => s.schedule.ownerWard === ward).map((s) => s.schedule),
      ],
      owners: {
        items: { ...others(was.items), ...pick(owners.items, ward) },
        playlists: { ...others(was.playlists), ...pick(owners.playlists, ward) },
      },
    };
  }

  #summary(before: Snapshot, after: Snapshot): ChangeSummary {
    const summary = summaryOf(before, after);
    if (before.defaultPlaylistId !== after.defaultPlaylistId && after.defaultPlaylistId) {
      if (!summary.playlists.changed.includes(after.defaultPlaylistId) && !summary.playlists.added.includes(after.defaultPlaylistId)) {
        summary.playlists.changed.push(after.defaultPlaylistId);
      }
    }
    return summary;
  }
}
