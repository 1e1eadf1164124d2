import type { ScreenStateFilter, ScreenStatus } from '../playlists/index.ts';

/** The screens view's state filter: a screen state, or a condition across states (the server filters). */
export type StateFilter = ScreenStateFilter;

export interface FleetFilter {
  ward: string;
  locationKind: string;
  state: StateFilter;
  /** Part of the name, any case. */
  text: string;
}

export const NO_FILTER: FleetFilter = { ward: '', locationKind: '', state: 'all', text: '' };

/**
 * Whether a screen reported that it cannot play from its own cache: no secure context, or (players
 * that say so) no service worker. Unknown (never reported) counts as neither.
 */
export function noOfflineCache(device: ScreenStatus['device']): boolean {
  return device !== null && (!device.secureContext || device.offlineCache === false);
}
