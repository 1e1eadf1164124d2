import type { ReactiveControllerHost } from 'lit';
import { toLocalIso, type ClientMessage, type Manifest, type ScreenSettings, type ZonePlay } from '../playlists/player.ts';
import type { Clock } from './clock.ts';
import { Connection, type ConnectionStatus } from './connection.ts';
import type { DeviceProbe } from './device.ts';
import type { HoursGate } from './hours.ts';
import { outputOf, saveOutput, type ScreenOutput } from './layout.ts';
import type { OfflineCache } from './offline.ts';
import type { Playback } from './playback.ts';
import type { ProofOfPlay } from './proof-of-play.ts';
import type { Receipts } from './receipts.ts';
import type { RemoteActions } from './remote-actions.ts';
import { socketUrls } from './sockets.ts';
import type { KeyValueStorage, PlayerStore } from './store.ts';
import type { TickerZone } from './ticker-zone.ts';

/** A corrected-clock move bigger than this re-resolves what is on screen at once. */
const CLOCK_JUMP_MS = 1_000;

/** What `<bt-player>` renders from (the controller's public fields), kept current by the session. */
export interface PlayerView {
  readonly clock: Clock;
  readonly play: ZonePlay | null;
  now: () => number;
  status: ConnectionStatus;
  manifestVersion: string | null;
  screen: ScreenSettings | null;
  output: ScreenOutput;
  replaced: boolean;
  identifying: boolean;
}

/** The player's parts that the session drives (controller.ts owns them). */
export interface PlayerParts {
  host: ReactiveControllerHost;
  store: PlayerStore;
  outputStorage: KeyValueStorage | null;
  hours: HoursGate;
  offline: OfflineCache;
  playback: Playback;
  ticker: TickerZone;
  receipts: Receipts;
  proof: ProofOfPlay;
  device: DeviceProbe;
  /** Settles once the manifest is applied (or failed to): the connection acks then. */
  applyManifest(manifest: Manifest): Promise<void>;
  /** The server no longer knows this screen; `retired` when an operator retired it. */
  unregister(retired: boolean): void;
}

/** A registered screen's session with the server, for the page's lifetime. Its methods may be passed on unbound. */
export interface Session {
  /** Connects under `token`. */
  start(token: string): void;
  /** False when there is no open socket. */
  send(message: ClientMessage): boolean;
  /** Sends a heartbeat now (the cache report changed). */
  reportNow(): void;
  stop(): void;
}

/**
 * The playing session (controller.ts): the connection to the server under the screen's token,
 * what each server message changes on screen, and the remote actions that come over it.
 */
export function playingSession(player: PlayerView & PlayerParts): Session {
  let connection: Connection | null = null;
  /** Remote actions, once the first came (remote-actions.ts). */
  let actions: RemoteActions | null = null;
  const send = (message: ClientMessage) => connection?.send(message) ?? false;
  return {
    start: (token) => {
      connection = new Connection({
        urls: socketUrls(document.querySelector<HTMLMetaElement>('meta[name=bangtin-sockets]')?.content, location),
        token,
        clock: player.clock,
        manifestVersion: () => player.manifestVersion,
        heldManifest: () => player.store.manifest(),
        subtle: globalThis.crypto?.subtle ?? null,
        playing: () => {
          const play = player.play;
          return play?.item ? { itemId: play.item.id, since: toLocalIso(play.since) } : null;
        },
        viewport: () => ({ width: window.innerWidth, height: window.innerHeight }),
        device: () => player.device.report(),
        open: () => player.hours.open,
        onManifest: (manifest) => player.applyManifest(manifest),
        onScreen: (screen) => {
          player.screen = screen;
          player.output = outputOf(screen);
          player.store.saveScreen(screen);
          saveOutput(player.outputStorage, player.output);
          player.hours.set(screen.hours);
          player.ticker.sync();
          player.offline.zonesChanged();
          player.host.requestUpdate();
        },
        onClockSync: (delta) => {
          if (Math.abs(delta) <= CLOCK_JUMP_MS) return;
          player.now = () => player.clock.now();
          player.hours.refresh();
          player.playback.refresh();
          player.ticker.refresh();
          player.host.requestUpdate();
        },
        onStatus: (status) => {
          player.status = status;
          if (status === 'online') player.receipts.flush();
          if (status === 'online') player.offline.checkForUpdate();
          player.proof.online(status === 'online');
          player.host.requestUpdate();
        },
        onPlaysAck: player.proof.acknowledged,
        // Remote actions are rare: their code loads when one comes.
        onCommand: (command) =>
          void import('./remote-actions.ts').then(({ remoteActions }) =>
            (actions ??= remoteActions(player, () => connection)).run(command, send),
          ),
        onUnregistered: (retired) => {
          // The connection closes itself.
          connection = null;
          player.unregister(retired);
        },
        onReplaced: () => {
          player.replaced = true;
          player.proof.recorder.discard();
          player.ticker.discard();
          player.host.requestUpdate();
        },
        reload: () => location.reload(),
        session: sessionStorageOrNull(),
      });
      connection.start();
    },
    send,
    reportNow: () => connection?.reportNow(),
    stop: () => {
      actions?.stop();
      connection?.stop();
      connection = null;
    },
  };
}

/** The tab's sessionStorage, if the browser lets the page have it. */
export function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
