import { mayRunBetween, type Playlist, type Schedule } from '../../playlists/index.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { Snapshot } from './snapshot.ts';

/** What keeps a playlist (and so its items) needed: schedules that play it, the default playlist. */
interface Referrers {
  playlists: readonly Playlist[];
  schedules: readonly Schedule[];
  defaultPlaylistId: string | null;
}

/** Playlists screens fall back to on their own (screens.fallback_playlist_id): never left behind. */
export function fallbackPlaylists(screens: Pick<ScreenRepo, 'list'>): Set<string> {
  return new Set(screens.list().flatMap((s) => (s.fallbackPlaylistId ? [s.fallbackPlaylistId] : [])));
}

/**
 * Of `candidates` (the playlists of emergencies that are gone), those nothing plays any more — no
 * schedule, not the default, not in `kept` — and the items only they hold: an emergency's own
 * playlist and message, which go when it goes rather than stay behind as orphans.
 */
export function leftBehind(state: Referrers, candidates: Iterable<string>, kept: ReadonlySet<string>): { playlists: Set<string>; items: Set<string> } {
  const played = new Set(state.schedules.map((s) => s.playlistId));
  const playlists = new Set([...candidates].filter((id) => !played.has(id) && id !== state.defaultPlaylistId && !kept.has(id)));
  const held = new Set(state.playlists.filter((p) => !playlists.has(p.id)).flatMap((p) => p.itemIds));
  const items = new Set(state.playlists.filter((p) => playlists.has(p.id)).flatMap((p) => p.itemIds).filter((id) => !held.has(id)));
  return { playlists, items };
}

/** An emergency, or a broadcast alert of priority tier (a CAP alert's: it names its event). */
export const isAlert = (s: Schedule) => s.tier === 'emergency' || s.event !== undefined;

/** An alert that may still run at or after `now` (on air, or still to come). */
export const isLive = (s: Schedule, now: number) => isAlert(s) && mayRunBetween(s.time, now, Number.POSITIVE_INFINITY);

/** An alert past its end time: history (the emergency panel), no longer a draft to edit. */
export const hasEnded = (s: Schedule, now: number) => isAlert(s) && !isLive(s, now);

/**
 * An earlier revision's content with the emergencies of now (issue 11): a rollback restores
 * content, never the on-air state of emergencies. Emergencies published now that have not ended
 * stay — with their playlist and message, taken from now when the earlier revision predates them;
 * the earlier revision's emergencies that were cancelled or have ended stay gone, and so do their
 * own playlists and messages. `kept`: playlists never dropped (screens' fallbacks).
 */
export function withCurrentEmergencies(restored: Snapshot, current: Snapshot, now: number, kept: ReadonlySet<string>): Snapshot {
  const live = (current.schedules ?? []).filter((s) => isLive(s, now));
  const earlier = restored.schedules ?? [];
  const schedules = [...earlier.filter((s) => !isAlert(s)), ...live];
  const gone = leftBehind({ ...restored, schedules }, earlier.filter(isAlert).map((s) => s.playlistId), kept);
  const items = restored.items.filter((i) => !gone.items.has(i.id));
  const playlists = restored.playlists.filter((p) => !gone.playlists.has(p.id));
  const owners = { items: { ...restored.owners?.items }, playlists: { ...restored.owners?.playlists } };
  const has = new Set([...items.map((i) => i.id), ...playlists.map((p) => p.id)]);
  for (const s of live) {
    const playlist = current.playlists.find((p) => p.id === s.playlistId);
    if (!playlist || has.has(playlist.id)) continue;
    playlists.push(playlist);
    has.add(playlist.id);
    const ward = current.owners?.playlists[playlist.id];
    if (ward) owners.playlists[playlist.id] = ward;
    for (const item of current.items.filter((i) => playlist.itemIds.includes(i.id) && !has.has(i.id))) {
      items.push(item);
      has.add(item.id);
      const owner = current.owners?.items[item.id];
      if (owner) owners.items[item.id] = owner;
    }
  }
  return { ...restored, items, playlists, schedules, owners };
}
