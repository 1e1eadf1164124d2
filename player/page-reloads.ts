import type { ZonePlay } from '../playlists/player.ts';
import type { DailyReload } from './daily-reload.ts';
import { sessionStorageOrNull, type PlayerView } from './session.ts';
import type { WatchdogReload } from './watchdog-reload.ts';

/** The page's own reloads, as the player wires them (controller.ts). */
export interface PageReloads {
  /** Loads both (field.ts) for `player`: call once the first content shows. Until then they do nothing. */
  load(player: Pick<PlayerView, 'clock' | 'screen'>): Promise<void>;
  /** Starts and stops the daily reload's check once a minute, for a screen with nothing on it. */
  start(): void;
  stop(): void;
  /** An item boundary: `left` went off the screen, `play` comes on. The page may reload now. */
  boundary(left: ZonePlay | null, play: ZonePlay | null): void;
  /** The main-zone item of slot `since` failed or stalled. True when the page reloads now. */
  failed(since: number): boolean;
}

/**
 * The page's own reloads: the daily one (daily-reload.ts) and the watchdog's, after items keep
 * failing (watchdog-reload.ts). Either restarts the page from its offline cache.
 */
export function pageReloads(): PageReloads {
  let daily: DailyReload | null = null;
  let watchdog: WatchdogReload | null = null;
  /** The slot of the last item that failed or stalled. */
  let failedSince: number | null = null;
  return {
    load: async (player) => {
      const field = await import('./field.ts');
      daily = new field.DailyReload({
        now: () => player.clock.now(),
        uptime: () => performance.now(),
        reloadAt: () => player.screen?.dailyReloadAt ?? null,
        reload: () => location.reload(),
      });
      watchdog = new field.WatchdogReload(sessionStorageOrNull());
    },
    start: () => daily?.start(),
    stop: () => daily?.stop(),
    boundary: (left, play) => {
      // An item that left the screen without failing breaks a run of failures.
      if (left?.item && left.since !== failedSince) watchdog?.succeeded();
      daily?.boundary(play);
    },
    failed: (since) => {
      failedSince = since;
      // Items keep failing: the page itself may be broken, and restarts from its cache.
      if (!watchdog?.failed()) return false;
      location.reload();
      return true;
    },
  };
}
