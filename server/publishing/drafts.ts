import type { ContentItem, PublishedItem } from '../../playlists/index.ts';
import type { ContentRepo, StoredItem } from '../repos/content.ts';
import type { PlaylistRepo } from '../repos/playlists.ts';
import type { ReviewRepo, ReviewRow } from '../repos/reviews.ts';
import type { ScheduleRepo } from '../repos/schedules.ts';
import type { SettingsRepo } from '../repos/settings.ts';
import { sameItem, type Snapshot, type SnapshotOwners } from './snapshot.ts';

/** Where the drafts are read from. */
export interface DraftSources {
  content: Pick<ContentRepo, 'list'>;
  reviews: Pick<ReviewRepo, 'all'>;
  playlists: Pick<PlaylistRepo, 'list'>;
  schedules: Pick<ScheduleRepo, 'list'>;
  settings: Pick<SettingsRepo, 'get'>;
}

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
 * The snapshot publishing now would make, as revision `number` after `previous`: the city's
 * drafts (city items only as approved), or with `ward`, that ward's own drafts over everyone
 * else's published rows. Each item keeps the revision in which its content last changed.
 */
export function draftSnapshot(deps: DraftSources, number: number, previous: Snapshot, ward: string | null): Snapshot {
  const before = new Map(previous.items.map((i) => [i.id, i]));
  const drafts = { items: deps.content.list(), playlists: deps.playlists.list(), schedules: deps.schedules.list() };
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
    const reviews = deps.reviews.all();
    return {
      items: drafts.items.flatMap((s) => {
        const item = onAir(s, reviews.get(s.item.id));
        return item ? [publish({ item })] : [];
      }),
      playlists: drafts.playlists.map((p) => p.playlist),
      defaultPlaylistId: deps.settings.get('default_playlist_id'),
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
