// Loaded with the first remote action (session.ts): they are rare, and none is on the boot path.
import type { ClientMessage, CommandAction } from '../playlists/player.ts';
import { commandTarget, runCommand } from './commands.ts';
import type { Connection } from './connection.ts';
import type { PlayerParts, PlayerView } from './session.ts';

/** An operator's remote actions on this page, carried out and answered. */
export interface RemoteActions {
  run(command: { id: string; action: CommandAction }, send: (message: ClientMessage) => boolean): void;
  /** Ends a name on screen (the page is going). */
  stop(): void;
}

/** The target of remote actions for the player: what they change on it (commands.ts). */
export function remoteActions(player: PlayerView & Pick<PlayerParts, 'host' | 'store'>, connection: () => Connection | null): RemoteActions {
  const target = commandTarget({
    identify: (on) => {
      player.identifying = on;
      player.host.requestUpdate();
    },
    refetchManifest: () => {
      // The manifest in memory plays on (never black) while a fresh copy is fetched.
      player.store.forgetManifest();
      player.manifestVersion = null;
      const current = connection();
      setTimeout(() => {
        current?.stop();
        current?.start();
      }, 0);
    },
  });
  return {
    run: ({ id, action }, send) => void runCommand(action, target, (ok, error) => send({ type: 'commandResult', id, ok, ...(error ? { error } : {}) })),
    stop: target.stop,
  };
}
