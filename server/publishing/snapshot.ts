import type { ChangeSummary, ContentItem, Playlist, PublishedItem, Schedule } from '../../playlists/index.ts';
import { canonicalJson } from '../canonical.ts';

/** Everything screens may receive, as of one revision. */
export interface Snapshot {
  items: PublishedItem[];
  playlists: Playlist[];
  defaultPlaylistId: string | null;
  /** Absent in revisions published before scheduling existed. */
  schedules?: Schedule[];
  /**
   * The wards owning local items and playlists, by id (city rows are absent). Never sent to
   * screens: a ward's publish and a restore read it. Absent before ward content existed.
   */
  owners?: SnapshotOwners;
}

export interface SnapshotOwners {
  items: Record<string, string>;
  playlists: Record<string, string>;
}

export const EMPTY_SNAPSHOT: Snapshot = { items: [], playlists: [], defaultPlaylistId: null };

type WithId = { id: string };

/** An item without the revision it was published in: what its content is. */
export const withoutRevision = (item: PublishedItem | ContentItem) => {
  const { revision: _r, ...rest } = item as PublishedItem;
  return rest;
};

/**
 * Whether two versions of an item show the same. An item's `revision` says when it last
 * changed, so it is not a change of its own; a draft (no revision) compares with its published
 * version the same way.
 */
export const sameItem = (a: PublishedItem | ContentItem, b: PublishedItem | ContentItem) =>
  canonicalJson(withoutRevision(a)) === canonicalJson(withoutRevision(b));

/** Whether two versions of a playlist or a schedule are the same, field for field. */
export const sameValue = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** One object that differs between two lists: added (no `before`), removed (no `after`) or changed. */
export interface Difference<T> {
  id: string;
  before: T | null;
  after: T | null;
}

/** Added and changed objects in the order the later list gives them, then removed ones in the earlier list's order. */
export function differences<T extends WithId>(before: readonly T[], after: readonly T[], same: (a: T, b: T) => boolean): Difference<T>[] {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Set(after.map((x) => x.id));
  return [
    ...after.filter((x) => !old.has(x.id) || !same(old.get(x.id)!, x)).map((x) => ({ id: x.id, before: old.get(x.id) ?? null, after: x })),
    ...before.filter((x) => !now.has(x.id)).map((x) => ({ id: x.id, before: x, after: null })),
  ];
}

/** The ids added, changed and removed between two lists (a revision's summary). */
export function changedIds<T extends WithId>(before: readonly T[], after: readonly T[], same: (a: T, b: T) => boolean): ChangeSummary['items'] {
  const found = differences(before, after, same);
  return {
    added: found.filter((d) => d.before === null).map((d) => d.id),
    changed: found.filter((d) => d.before !== null && d.after !== null).map((d) => d.id),
    removed: found.filter((d) => d.after === null).map((d) => d.id),
  };
}

/** What two snapshots' items, playlists and schedules differ by, as ids (the default playlist aside). */
export function summaryOf(before: Snapshot, after: Snapshot): ChangeSummary {
  return {
    items: changedIds(before.items, after.items, sameItem),
    playlists: changedIds(before.playlists, after.playlists, sameValue),
    schedules: changedIds(before.schedules ?? [], after.schedules ?? [], sameValue),
  };
}

export function isEmpty(summary: ChangeSummary): boolean {
  return [summary.items, summary.playlists, summary.schedules].every((c) => !c.added.length && !c.changed.length && !c.removed.length);
}

/** How a draft compares with what screens have. */
export type DraftState = 'published' | 'new' | 'changed';

function stateOf<T extends WithId>(published: readonly T[] | undefined, draft: T, same: (a: T, b: T) => boolean): DraftState {
  const old = published?.find((x) => x.id === draft.id);
  if (!old) return 'new';
  return same(old, draft) ? 'published' : 'changed';
}

export const itemState = (item: ContentItem, published: Snapshot): DraftState =>
  stateOf<PublishedItem | ContentItem>(published.items, item, sameItem);
export const playlistState = (playlist: Playlist, published: Snapshot): DraftState => stateOf(published.playlists, playlist, sameValue);
export const scheduleState = (schedule: Schedule, published: Snapshot): DraftState => stateOf(published.schedules, schedule, sameValue);
