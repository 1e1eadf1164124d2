import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { toLocalIso, type Manifest, type ScreenSettings, type ZonePlay } from '../playlists/index.ts';
import { Clock } from './clock.ts';
import { Connection, type ConnectionStatus } from './connection.ts';
import { Playback } from './playback.ts';
import { PlayerStore, browserStorage, takeToken } from './store.ts';

/** A corrected-clock move bigger than this re-resolves what is on screen at once. */
const CLOCK_JUMP_MS = 1_000;

/**
 * Wires the player together for `<bt-player>`: token and storage, the corrected clock, the
 * playback schedule and the server connection. The host renders from its public fields.
 */
export class PlayerController implements ReactiveController {
  /** Whether the player has a token; without one it shows the unregistered notice. */
  registered = false;
  /** Another tab or box took over this screen's connection. */
  replaced = false;
  status: ConnectionStatus = 'stopped';
  play: ZonePlay | null = null;
  manifestVersion: string | null = null;
  screen: ScreenSettings | null = null;

  readonly clock = new Clock();
  /**
   * The corrected clock for renderers. Its identity changes only when corrected time jumps,
   * which tells the clock and countdown renderers to re-read it and re-align their timers.
   */
  now = (): number => this.clock.now();

  private readonly store = new PlayerStore(browserStorage());
  private readonly playback = new Playback(() => this.clock.now(), (play) => {
    this.play = play;
    this.host.requestUpdate();
  });
  private connection: Connection | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    const token = takeToken(location.href, this.store, (url) => history.replaceState(history.state, '', url));
    this.registered = token !== null;
    if (token === null) return;
    // Play what was applied last before any connection: the server may be down after a reboot.
    const manifest = this.store.manifest();
    this.manifestVersion = manifest?.version ?? null;
    this.screen = this.store.screen();
    this.playback.start(manifest);
    this.connection = new Connection({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/player`,
      token,
      clock: this.clock,
      manifestVersion: () => this.manifestVersion,
      playing: () => {
        const play = this.play;
        return play?.item ? { itemId: play.item.id, since: toLocalIso(play.since) } : null;
      },
      viewport: () => ({ width: window.innerWidth, height: window.innerHeight }),
      onManifest: (m) => this.applyManifest(m),
      onScreen: (screen) => {
        this.screen = screen;
        this.store.saveScreen(screen);
        this.host.requestUpdate();
      },
      onClockSync: (delta) => {
        if (Math.abs(delta) <= CLOCK_JUMP_MS) return;
        this.now = () => this.clock.now();
        this.playback.refresh();
        this.host.requestUpdate();
      },
      onStatus: (status) => {
        this.status = status;
        this.host.requestUpdate();
      },
      onUnregistered: () => this.unregister(),
      onReplaced: () => {
        this.replaced = true;
        this.host.requestUpdate();
      },
      reload: () => location.reload(),
      session: sessionStorageOrNull(),
    });
    this.connection.start();
  }

  hostDisconnected(): void {
    this.connection?.stop();
    this.connection = null;
    this.playback.stop();
  }

  private applyManifest(manifest: Manifest): void {
    this.store.saveManifest(manifest);
    this.playback.apply(manifest);
    this.manifestVersion = manifest.version;
    this.host.requestUpdate();
  }

  private unregister(): void {
    this.store.forgetScreen();
    this.playback.stop();
    this.registered = false;
    this.play = null;
    this.manifestVersion = null;
    this.screen = null;
    this.host.requestUpdate();
  }
}

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
