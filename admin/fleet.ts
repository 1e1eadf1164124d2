import type { ScreenStatus } from '../playlists/index.ts';

/** The screens view's state filter: a screen state, or a condition across states. */
export type StateFilter = 'all' | 'online' | 'offline' | 'never' | 'alert' | 'behind' | 'no_offline_cache';

export interface FleetFilter {
  ward: string;
  locationKind: string;
  state: StateFilter;
  /** Part of the name, any case. */
  text: string;
}

export const NO_FILTER: FleetFilter = { ward: '', locationKind: '', state: 'all', text: '' };

function matchesState(s: ScreenStatus, state: StateFilter): boolean {
  switch (state) {
    case 'all':
      return true;
    case 'alert':
      return s.alert !== null;
    case 'behind':
      return s.sync === 'behind';
    case 'no_offline_cache':
      return noOfflineCache(s.device);
    default:
      return s.state === state;
  }
}

/**
 * Whether a screen reported that it cannot play from its own cache: no secure context, or (players
 * that say so) no service worker. Unknown (never reported) counts as neither.
 */
export function noOfflineCache(device: ScreenStatus['device']): boolean {
  return device !== null && (!device.secureContext || device.offlineCache === false);
}

/**
 * The screens to list: filtered, alerts first (longest offline first), then offline, then by
 * name, so what needs attention is at the top of a list of thousands.
 */
export function filterScreens(screens: Iterable<ScreenStatus>, f: FleetFilter): ScreenStatus[] {
  const text = f.text.trim().toLocaleLowerCase('vi');
  const out: ScreenStatus[] = [];
  for (const s of screens) {
    if (f.ward && (s.ward ?? '') !== f.ward) continue;
    if (f.locationKind && s.locationKind !== f.locationKind) continue;
    if (!matchesState(s, f.state)) continue;
    if (text && !s.name.toLocaleLowerCase('vi').includes(text)) continue;
    out.push(s);
  }
  const rank = (s: ScreenStatus) => (s.alert ? 0 : s.state === 'offline' ? 1 : 2);
  return out.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.alert && b.alert ? a.alert.since.localeCompare(b.alert.since) : 0) ||
      a.name.localeCompare(b.name, 'vi') ||
      a.id.localeCompare(b.id),
  );
}

export interface FleetSummary {
  all: number;
  online: number;
  offline: number;
  never: number;
  /** Offline outside its operating hours: expected, so not counted as offline. */
  closed: number;
  alerts: number;
  behind: number;
}

export function summarize(screens: Iterable<ScreenStatus>): FleetSummary {
  const sum: FleetSummary = { all: 0, online: 0, offline: 0, never: 0, closed: 0, alerts: 0, behind: 0 };
  for (const s of screens) {
    sum.all += 1;
    if (s.state === 'offline' && !s.open) sum.closed += 1;
    else sum[s.state] += 1;
    if (s.alert) sum.alerts += 1;
    if (s.sync === 'behind') sum.behind += 1;
  }
  return sum;
}

/** The rows a virtualised list renders: the visible ones and `overscan` on either side. */
export function visibleRange(scrollTop: number, height: number, rowHeight: number, total: number, overscan = 8): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const count = Math.ceil(Math.max(0, height) / rowHeight) + 1;
  return { start: Math.max(0, first - overscan), end: Math.min(total, first + count + overscan) };
}
