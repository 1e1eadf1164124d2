import type { Playlist, PublishedItem, RevisionChange, Schedule } from '../../playlists/index.ts';
import type { WardScope } from '../auth/ward-scope.ts';
import { differences, sameItem, sameValue, type Snapshot } from './snapshot.ts';

/**
 * What one revision changed against the one before it, object by object, with both versions.
 * A ward operator sees only its ward's items, playlists and schedules (owned in either
 * snapshot), never the city's or another ward's, nor the city's fallback setting.
 */
export function revisionChanges(before: Snapshot, after: Snapshot, scope: WardScope): RevisionChange[] {
  const itemWard = (id: string) => after.owners?.items[id] ?? before.owners?.items[id] ?? null;
  const playlistWard = (id: string) => after.owners?.playlists[id] ?? before.owners?.playlists[id] ?? null;
  const changes: RevisionChange[] = [
    ...differences<PublishedItem>(before.items, after.items, sameItem)
      .filter((p) => scope.sees(itemWard(p.id)))
      .map((p) => ({ kind: 'item' as const, ...p })),
    ...differences<Playlist>(before.playlists, after.playlists, sameValue)
      .filter((p) => scope.sees(playlistWard(p.id)))
      .map((p) => ({ kind: 'playlist' as const, ...p })),
    ...differences<Schedule>(before.schedules ?? [], after.schedules ?? [], sameValue)
      .filter((p) => scope.sees((p.after ?? p.before)!.ownerWard))
      .map((p) => ({ kind: 'schedule' as const, ...p })),
  ];
  if (scope.isCity && before.defaultPlaylistId !== after.defaultPlaylistId) {
    changes.push({ kind: 'defaultPlaylist', id: 'defaultPlaylist', before: before.defaultPlaylistId, after: after.defaultPlaylistId });
  }
  return changes;
}
