import type { ScreenStatus } from '../playlists/index.ts';

export interface Reach {
  screens: number;
  /** Wards with at least one of those screens. */
  wards: number;
  /** Chosen wards without a screen (by code). */
  emptyWards: string[];
}

type ReachScreen = Pick<ScreenStatus, 'id' | 'wardCode' | 'locationKind' | 'tags'>;

/**
 * Which screens an emergency to `wards` (none: every screen) reaches, for the confirmation
 * before sending. An emergency targets all screens or wards only (server/emergency.ts), for
 * which the server's rule (playlists/schedule.ts `targets`; the test checks they agree) comes
 * down to this filter. Importing `targets` here would put it in the chunk the admin shares with
 * the player, and so in every screen's boot JavaScript.
 */
export function emergencyReach(screens: readonly ReachScreen[], wards: readonly string[]): Reach {
  const reached = wards.length === 0 ? screens : screens.filter((s) => s.wardCode !== null && wards.includes(s.wardCode));
  const reachedWards = new Set(reached.map((s) => s.wardCode).filter((c): c is string => c !== null));
  return { screens: reached.length, wards: reachedWards.size, emptyWards: wards.filter((w) => !reachedWards.has(w)) };
}
