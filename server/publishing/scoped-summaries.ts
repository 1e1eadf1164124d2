import type { ChangeSummary } from '../../playlists/index.ts';
import type { WardScope } from '../auth/ward-scope.ts';
import type { ContentRepo } from '../repos/content.ts';
import type { PlaylistRepo } from '../repos/playlists.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import type { ScheduleRepo } from '../repos/schedules.ts';

export interface SummarySources {
  revisions: Pick<RevisionRepo, 'latest'>;
  content: Pick<ContentRepo, 'list'>;
  playlists: Pick<PlaylistRepo, 'list'>;
  schedules: Pick<ScheduleRepo, 'list'>;
}

/**
 * A ward operator's view of change summaries (the revision history): the ids its ward owns (as
 * published now or in its drafts) — never another ward's or the city's. The city sees them whole.
 */
export function scopedSummaries(deps: SummarySources, scope: WardScope): (summary: ChangeSummary) => ChangeSummary {
  if (scope.isCity) return (summary) => summary;
  const latest = deps.revisions.latest().snapshot;
  const ward = scope.ward;
  const owned = {
    items: new Set([
      ...Object.keys(latest.owners?.items ?? {}).filter((id) => latest.owners!.items[id] === ward),
      ...deps.content.list().filter((s) => s.ownerWard === ward).map((s) => s.item.id),
    ]),
    playlists: new Set([
      ...Object.keys(latest.owners?.playlists ?? {}).filter((id) => latest.owners!.playlists[id] === ward),
      ...deps.playlists.list().filter((s) => s.ownerWard === ward).map((s) => s.playlist.id),
    ]),
    schedules: new Set([
      ...(latest.schedules ?? []).filter((s) => s.ownerWard === ward).map((s) => s.id),
      ...deps.schedules.list().filter((s) => s.schedule.ownerWard === ward).map((s) => s.schedule.id),
    ]),
  };
  const keep = (summary: ChangeSummary, kind: keyof ChangeSummary) => {
    const own = (id: string) => owned[kind].has(id);
    const c = summary[kind];
    return { added: c.added.filter(own), changed: c.changed.filter(own), removed: c.removed.filter(own) };
  };
  return (summary) => ({ items: keep(summary, 'items'), playlists: keep(summary, 'playlists'), schedules: keep(summary, 'schedules') });
}
