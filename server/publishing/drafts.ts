import type { ContentItem, Playlist, Schedule } from '../../playlists/index.ts';
import { canonicalJson } from '../canonical.ts';
import type { Snapshot } from '../repos/revisions.ts';

export type DraftState = 'published' | 'new' | 'changed';

/** How a draft item compares with what screens have. */
export function itemState(item: ContentItem, published: Snapshot): DraftState {
  const old = published.items.find((i) => i.id === item.id);
  if (!old) return 'new';
  const { revision: _r, ...fields } = old;
  return canonicalJson(fields) === canonicalJson(item) ? 'published' : 'changed';
}

export function playlistState(playlist: Playlist, published: Snapshot): DraftState {
  const old = published.playlists.find((p) => p.id === playlist.id);
  if (!old) return 'new';
  return canonicalJson(old) === canonicalJson(playlist) ? 'published' : 'changed';
}

export function scheduleState(schedule: Schedule, published: Snapshot): DraftState {
  const old = published.schedules?.find((s) => s.id === schedule.id);
  if (!old) return 'new';
  return canonicalJson(old) === canonicalJson(schedule) ? 'published' : 'changed';
}
