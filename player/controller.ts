import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Manifest, ScreenSettings, TickerStrip, ZonePlay } from '../playlists/player.ts';
import { Clock } from './clock.ts';
import type { ConnectionStatus } from './connection.ts';
import { DeviceProbe } from './device.ts';
import { WHOLE_OUTPUT, loadOutput, outputOf, type ScreenOutput } from './layout.ts';
import type { PairingClient, PairingStatus } from './pairing.ts';
import { Playback } from './playback.ts';
import { Receipts } from './receipts.ts';
import { emergencyNow } from './emergency-now.ts';
import { loadRenderers, loadRenderersNow } from './renderers.ts';
import { proofOfPlay } from './proof-of-play.ts';
import { mediaZones } from './media-files.ts';
import { OfflineCache } from './offline.ts';
import { PlayerStore, browserStorage, takeToken } from './store.ts';
import { TickerZone } from './ticker-zone.ts';
import { openPlayerDb } from './store-db.ts';
import { HoursGate, type HoursMode } from './hours.ts';
import { pageReloads } from './page-reloads.ts';
import { playingSession, type Session } from './session.ts';

/** How long a screen with nothing to show waits before loading what the first content would wait for. */
const SHOWN_WAIT_MS = 10_000;

/**
 * Wires the player together for `<bt-player>`: token and storage, the corrected clock, the
 * playback schedule and the server connection (session.ts). The host renders from its public
 * fields and getters. Its parts (store, hours, playback, …) are public for the session's sake
 * (`PlayerParts`); of them the host renders from `ticker` only.
 */
export class PlayerController implements ReactiveController {
  /** Whether the player has a token; without one it shows a pairing code. */
  registered = false;
  /** While unregistered: the code to show (null until the server gave one) and how pairing goes. */
  pairingCode: string | null = null;
  pairingStatus: PairingStatus = 'requesting';
  /** Another tab or box took over this screen's connection. */
  replaced = false;
  /** An operator retired this screen (close 4005): the pairing view says so until it is paired again. */
  retired = false;
  /** An operator asked the screen to show its name (remote action `identify`). */
  identifying = false;
  status: ConnectionStatus = 'stopped';
  play: ZonePlay | null = null;
  manifestVersion: string | null = null;
  screen: ScreenSettings | null = null;
  /** The canvas and theme, kept while pairing too. */
  output: ScreenOutput = WHOLE_OUTPUT;

  readonly clock = new Clock();
  /**
   * The corrected clock for renderers. Its identity changes only when corrected time jumps,
   * which tells the clock and countdown renderers to re-read it and re-align their timers.
   */
  now = (): number => this.clock.now();

  /** The connection to the server while registered, and what comes over it (session.ts). */
  private readonly session: Session = playingSession(this);
  /** The token in localStorage; manifest, screen and plays in IndexedDB once loaded (store.ts). */
  readonly store = new PlayerStore(browserStorage(), openPlayerDb);
  /** Service worker and verified media: a manifest applies once it can play offline. */
  readonly offline = new OfflineCache(
    () => mediaZones(this.screen, { width: window.innerWidth, height: window.innerHeight }),
    this.session.reportNow,
  );
  private alive = false;
  readonly outputStorage = browserStorage();
  /** Proof of play: events recorded as items leave the screen, queued until acknowledged. */
  readonly proof = proofOfPlay(this.store, () => this.clock.now(), () => this.screen?.id ?? null);
  /** Emergency receipts (`shown`), sent when an emergency first appears. */
  readonly receipts = new Receipts(this.session.send, () => this.clock.now());
  readonly device = new DeviceProbe(this.proof.queue, () => this.offline.report());
  readonly playback = new Playback(() => this.clock.now(), (play) => {
    const left = this.play;
    // A tab that another one replaced goes on showing content, but its plays are not counted;
    // nor is content hidden outside operating hours (the clock or black).
    this.hidden = this.hours.hides(play);
    if (!this.replaced) this.proof.recorder.showing(this.hidden ? null : play);
    this.receipts.showing(play);
    this.play = play;
    this.ticker.sync();
    this.host.requestUpdate();
    // An item boundary: the one moment a new player build may take over (sw-client.ts), and
    // the page's own reloads may happen.
    this.offline.boundary();
    this.reloads.boundary(left, play);
    if (play?.item) void this.host.updateComplete.then(this.markShown);
  });
  /** Settles once an item is on screen (or after a while without one): what it does not need loads then. */
  private markShown: () => void = () => undefined;
  private readonly shown = new Promise<void>((resolve) => (this.markShown = resolve));
  /**
   * Operating hours on corrected time (hours.ts; emergencies show at any hour): they decide the
   * first content. Open, with no hours, until a screen's are set.
   */
  readonly hours = new HoursGate(() => this.clock.now(), () => this.hoursChanged());
  /** Content is off the screen outside operating hours (clock or black). */
  private hidden = false;
  /** The daily reload and the watchdog's (page-reloads.ts). */
  private readonly reloads = pageReloads();
  /** The ticker strip zone; shown only where the layout has a strip (see layout.ts). */
  readonly ticker = new TickerZone({
    recorder: this.proof.recording,
    now: () => this.clock.now(),
    layout: () => ({ strip: this.hidden ? null : (this.screen?.ticker ?? null), main: this.play }),
    counting: () => !this.replaced,
    onChange: () => this.host.requestUpdate(),
  });
  private readonly onPageHide = () => {
    this.proof.recorder.finish();
    this.ticker.finish();
  };
  private pairing: PairingClient | null = null;
  /** Pairings started: one whose code loads after a newer one started never runs. */
  private pairingRuns = 0;

  constructor(readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The media of the manifest in use, for the photo, image and video renderers. */
  get media(): Manifest['media'] {
    return this.playback.manifest?.media ?? [];
  }

  /** The schedule of the emergency on screen, if the main zone plays one (its look: components/emergency.ts). */
  get emergency(): Manifest['schedules'][number] | undefined {
    const play = this.play;
    return play?.reason.tier === 'emergency' ? this.playback.manifest?.schedules.find((s) => s.id === play.reason.scheduleId) : undefined;
  }

  /** The item that follows the one on screen in the main zone, if the manifest has it. */
  get nextItem(): Manifest['items'][number] | null {
    const id = this.play?.next.itemId;
    return (id && this.playback.manifest?.items.find((i) => i.id === id)) || null;
  }

  /** A main-zone item ended before its slot (a clip ended, stalled or failed): move on. */
  itemEnded(itemId: string, since: number, reason?: 'ended' | 'error' | 'stalled'): void {
    if ((reason === 'error' || reason === 'stalled') && this.reloads.failed(since)) return;
    this.playback.skip(itemId, since);
  }

  /** What the screen shows for its operating hours now (hours.ts). */
  get hoursMode(): HoursMode {
    return this.registered ? this.hours.mode(this.play) : 'open';
  }

  private hoursChanged(): void {
    const hidden = this.hours.hides(this.play);
    if (hidden !== this.hidden && !this.replaced) this.proof.recorder.showing(hidden ? null : this.play);
    this.hidden = hidden;
    this.ticker.sync();
    this.host.requestUpdate();
  }

  /** The ticker strip on screen now: null while the layout has none or it is collapsed. */
  get strip(): TickerStrip | null {
    return this.ticker.strip;
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.onPageHide);
    this.output = loadOutput(this.outputStorage);
    this.alive = true;
    void this.boot();
  }

  /** Reads IndexedDB first (milliseconds), so a box that boots offline plays what it had. */
  private async boot(): Promise<void> {
    await this.store.load();
    // The renderers of what the stored manifest plays now load before it plays, so its first
    // item never shows blank; the rest follow while it shows.
    const stored = this.store.manifest();
    await loadRenderersNow(stored, this.clock.now()).catch((err: unknown) => console.warn('bangtin: renderers not loaded', err));
    if (!this.alive) return;
    this.proof.queue.reload();
    const token = takeToken(location.href, this.store, (url) => history.replaceState(history.state, '', url));
    if (token === null) this.startPairing();
    else this.startPlaying(token);
    // A screen with nothing to play (or still pairing) loads the rest all the same, a little later.
    const later = setTimeout(this.markShown, SHOWN_WAIT_MS);
    await this.shown;
    clearTimeout(later);
    if (!this.alive) return;
    loadRenderers(this.playback.manifest ?? stored).catch((err: unknown) => console.warn('bangtin: renderers not loaded', err));
    void this.offline.afterFirstContent();
    await this.reloads.load(this);
    if (this.alive && this.registered) this.reloads.start();
  }

  /**
   * No token: show a pairing code until an operator claims it, then play at once. Only such a
   * screen loads pairing (its client and `<bt-pairing>`): a chunk of its own, off the boot path.
   */
  private startPairing(): void {
    this.registered = false;
    this.pairing?.stop();
    this.pairing = null;
    const run = ++this.pairingRuns;
    Promise.all([import('./pairing.ts'), import('./components/pairing.ts')])
      .then(([{ pairScreen }]) => {
        if (run !== this.pairingRuns || this.registered || !this.alive) return;
        this.pairing = pairScreen(
          this.store,
          (code, status) => {
            this.pairingCode = code;
            this.pairingStatus = status;
            this.host.requestUpdate();
          },
          (token) => {
            this.pairing = null;
            this.retired = false;
            this.pairingCode = null;
            this.startPlaying(token);
          },
        );
      })
      .catch((err: unknown) => console.error('bangtin: pairing not loaded', err));
  }

  private startPlaying(token: string): void {
    this.registered = true;
    this.host.requestUpdate();
    // Play what was applied last before any connection: the server may be down after a reboot.
    const manifest = this.store.manifest();
    this.manifestVersion = manifest?.version ?? null;
    const screen = (this.screen = this.store.screen());
    if (screen) this.output = outputOf(screen);
    this.hours.set(screen?.hours ?? null);
    this.reloads.start();
    this.playback.start(manifest);
    this.ticker.start(manifest);
    this.offline.start(manifest);
    this.proof.startSending(this.shown, (events) => this.session.send({ type: 'plays', events }), () => this.status === 'online');
    this.session.start(token);
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.onPageHide);
    this.alive = false;
    this.offline.stop();
    this.hours.stop();
    this.reloads.stop();
    this.proof.recorder.finish();
    this.ticker.finish();
    this.proof.stopSending();
    this.pairing?.stop();
    this.pairing = null;
    this.session.stop();
    this.playback.stop();
    this.ticker.stop();
  }

  /**
   * Applies a manifest once every medium it needs is cached and verified and its kinds'
   * renderers are loaded (DESIGN.md: applied, acknowledged, shown); until then the old one
   * plays. The connection acks when this settles.
   */
  async applyManifest(manifest: Manifest): Promise<void> {
    // An emergency on now goes on air at once; its picture shows when loaded, and the ack
    // still waits until every medium is cached (emergency-now.ts).
    const urgent = emergencyNow(manifest, this.clock.now());
    const cached = this.offline.prepare(manifest);
    if (urgent) cached.catch(() => undefined);
    else await cached;
    // What plays now is drawn as soon as its renderers are here; the rest load once it shows,
    // and the ack waits for them too.
    await loadRenderersNow(manifest, this.clock.now());
    this.store.saveManifest(manifest);
    this.playback.apply(manifest);
    this.ticker.apply(manifest);
    this.manifestVersion = manifest.version;
    this.offline.appliedNow(manifest);
    this.host.requestUpdate();
    await this.host.updateComplete;
    await loadRenderers(manifest);
    if (urgent) await cached;
  }

  unregister(retired: boolean): void {
    this.retired = retired;
    this.proof.forget();
    this.store.forgetScreen();
    this.playback.stop();
    this.ticker.stop();
    this.registered = false;
    this.play = null;
    this.manifestVersion = null;
    this.screen = null;
    this.startPairing();
    this.host.requestUpdate();
  }
}
