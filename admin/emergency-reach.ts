import { targets, type ScreenStatus } from '../playlists/index.ts';

export interface Reach {
  screens: number;
  /** Wards with at least one of those screens. */
  wards: number;
  /** Chosen wards without a screen (by code). */
  emptyWards: string[];
}

type ReachScreen = Pick<ScreenStatus, 'id' | 'wardCode' | 'locationKind' | 'tags'>;

/**
 * Which screens an emergency to `wards` (none: every screen) reaches, by the rule the server
 * publishes it with (playlists/schedule.ts `targets`), for the confirmation before sending.
 */
export function emergencyReach(screens: readonly ReachScreen[], wards: readonly string[]): Reach {
  const target = { all: wards.length === 0, wards: [...wards], locationKinds: [], tags: [], screenIds: [] };
  const reached = screens.filter((s) => targets({ target, ownerWard: null }, s));
  const reachedWards = new Set(reached.map((s) => s.wardCode).filter((c): c is string => c !== null));
  return { screens: reached.length, wards: reachedWards.size, emptyWards: wards.filter((w) => !reachedWards.has(w)) };
}
