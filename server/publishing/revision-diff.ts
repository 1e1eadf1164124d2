import type { Playlist, PublishedItem, RevisionChange, Schedule } from '../../playlists/index.ts';
import { canonicalJson } from '../canonical.ts';
import type { WardScope } from '../auth/ward-scope.ts';
import type { Snapshot } from '../repos/revisions.ts';

type WithId = { id: string };

/** Added, changed and removed objects, in the order the later snapshot lists them, removed ones last. */
function pairs<T extends WithId>(before: readonly T[], after: readonly T[], same: (a: T, b: T) => boolean): { id: string; before: T | null; after: T | null }[] {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Set(after.map((x) => x.id));
  return [
    ...after.filter((x) => !old.has(x.id) || !same(old.get(x.id)!, x)).map((x) => ({ id: x.id, before: old.get(x.id) ?? null, after: x })),
    ...before.filter((x) => !now.has(x.id)).map((x) => ({ id: x.id, before: x, after: null })),
  ];
}

// An item's `revision` says when it last changed, so it is not a change of its own (as in publish.ts).
const withoutRevision = ({ revision: _r, ...rest }: PublishedItem) => rest;
const sameItem = (a: PublishedItem, b: PublishedItem) => canonicalJson(withoutRevision(a)) === canonicalJson(withoutRevision(b));
const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/**
 * What one revision changed against the one before it, object by object, with both versions.
 * A ward operator sees only its ward's items, playlists and schedules (owned in either
 * snapshot), never the city's or another ward's, nor the city's fallback setting.
 */
export function revisionChanges(before: Snapshot, after: Snapshot, scope: WardScope): RevisionChange[] {
  const itemWard = (id: string) => after.owners?.items[id] ?? before.owners?.items[id] ?? null;
  const playlistWard = (id: string) => after.owners?.playlists[id] ?? before.owners?.playlists[id] ?? null;
  const changes: RevisionChange[] = [
    ...pairs<PublishedItem>(before.items, after.items, sameItem)
      .filter((p) => scope.sees(itemWard(p.id)))
      .map((p) => ({ kind: 'item' as const, ...p })),
    ...pairs<Playlist>(before.playlists, after.playlists, same)
      .filter((p) => scope.sees(playlistWard(p.id)))
      .map((p) => ({ kind: 'playlist' as const, ...p })),
    ...pairs<Schedule>(before.schedules ?? [], after.schedules ?? [], same)
      .filter((p) => scope.sees((p.after ?? p.before)!.ownerWard))
      .map((p) => ({ kind: 'schedule' as const, ...p })),
  ];
  if (scope.isCity && before.defaultPlaylistId !== after.defaultPlaylistId) {
    changes.push({ kind: 'defaultPlaylist', id: 'defaultPlaylist', before: before.defaultPlaylistId, after: after.defaultPlaylistId });
  }
  return changes;
}
