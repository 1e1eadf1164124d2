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

/** What the player lends the target of remote actions (controller.ts). */
export interface CommandHost {
  /** Shows (true) or hides the screen's name full-screen. */
  identify(on: boolean): void;
  /** Forgets the stored manifest and asks the server for it again; the one in memory plays on. */
  refetchManifest(): void;
}

/** The player's target of remote actions; `stop` ends a name on screen (the page is going). */
export function commandTarget(host: CommandHost): CommandTarget & { stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    identify: (ms) => {
      clearTimeout(timer);
      // The name shows in `<bt-notice>`, loaded with the first such command.
      import('./components/notice.ts').catch((err: unknown) => console.error('bangtin: notice not loaded', err));
      host.identify(true);
      timer = setTimeout(() => host.identify(false), ms);
    },
    reload: () => location.reload(),
    clearCache: async () => {
      await clearCacheStorage();
      host.refetchManifest();
    },
    stop: () => clearTimeout(timer),
  };
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
