import type { ReportFilters } from '../../playlists/reports.ts';
import type { WardScope } from '../auth/ward-scope.ts';
import { notFound } from '../errors.ts';
import type { ScreenRecord } from '../repos/screens.ts';

/**
 * The screens a report covers: those the user sees (a ward operator: its ward's only), narrowed
 * by the filters. A ward or screen the user does not see is answered exactly like one that does
 * not exist — 404, never an empty report — so a ward operator learns nothing of other wards.
 */
export function chooseScreens(
  all: readonly ScreenRecord[],
  filters: ReportFilters,
  scope: WardScope,
  wardExists: (code: string) => boolean,
): ScreenRecord[] {
  for (const code of filters.wards) {
    if (!scope.sees(code) || !wardExists(code)) throw notFound('ward');
  }
  const visible = scope.only(all, (s) => s.wardCode);
  const byId = new Map(visible.map((s) => [s.id, s]));
  for (const id of filters.screens) if (!byId.has(id)) throw notFound('screen');
  const wards = new Set(filters.wards);
  const kinds = new Set<string>(filters.locationKinds);
  const screens = new Set(filters.screens);
  return visible.filter((s) =>
    (!wards.size || (s.wardCode != null && wards.has(s.wardCode))) &&
    (!kinds.size || kinds.has(s.locationKind)) &&
    (!screens.size || screens.has(s.id)));
}
