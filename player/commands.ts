import type { CommandAction } from '../playlists/player.ts';

/** How long `identify` shows the screen's name. */
export const IDENTIFY_MS = 10_000;
/** A reload waits this long, so the answer leaves before the page does. */
export const RELOAD_DELAY_MS = 300;

/** What the player does for each remote action. */
export interface CommandTarget {
  /** Shows the screen's name full-screen for `ms`. */
  identify(ms: number): void;
  reload(): void;
  /** Drops what the player stored (cached files, the manifest) and asks for the manifest again. */
  clearCache(): Promise<void>;
}

/**
 * Carries out an operator's remote action and says how it went. A reload is answered before
 * it happens (afterwards there is no one left to answer).
 */
export async function runCommand(action: CommandAction, target: CommandTarget, answer: (ok: boolean, error?: string) => void): Promise<void> {
  try {
    switch (action) {
      case 'identify':
        target.identify(IDENTIFY_MS);
        answer(true);
        return;
      case 'reload':
        answer(true);
        setTimeout(() => target.reload(), RELOAD_DELAY_MS);
        return;
      case 'clear_cache':
        await target.clearCache();
        answer(true);
        return;
      default: {
        const unknown: never = action;
        answer(false, `unknown action ${String(unknown)}`);
      }
    }
  } catch (err) {
    answer(false, String(err instanceof Error ? err.message : err).slice(0, 200));
  }
}

/** Empties Cache Storage where the page has it (secure contexts); the service worker fills it later. */
export async function clearCacheStorage(): Promise<void> {
  if (typeof caches === 'undefined') return;
  for (const key of await caches.keys()) await caches.delete(key);
}
