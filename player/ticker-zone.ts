import type { Manifest, TickerStrip, ZonePlay } from '../playlists/player.ts';
import { browserTimers, type Timers } from './clock.ts';
import { visibleStrip } from './layout.ts';
import { Playback } from './playback.ts';
import { PlayRecorder } from './plays.ts';

/** What the ticker zone needs from the player around it. */
export interface TickerZoneDeps {
  /** How the recorder of the strip's plays is built (the same queue as the main zone's). */
  recorder: ConstructorParameters<typeof PlayRecorder>[0];
  now(): number;
  /** The screen's strip (null: its layout has none), and what plays in the main zone now. */
  layout(): { strip: TickerStrip | null; main: ZonePlay | null };
  /** False while another tab took over the screen: its plays are not counted. */
  counting(): boolean;
  /** What is on screen in the strip changed. */
  onChange(): void;
}

/**
 * The ticker strip zone ([S13]): its own playback of what the resolver gives for `ticker`, and
 * proof of play for what the strip actually shows, which is nothing while it is collapsed
 * (layout.ts: no strip in the layout, nothing to play, or an emergency).
 */
export class TickerZone {
  /** What plays in the ticker zone, shown or not. */
  play: ZonePlay | null = null;
  /** The play last told to the recorder. */
  private shown: ZonePlay | null = null;
  private readonly recorder: PlayRecorder;
  private readonly playback: Playback;

  constructor(
    private readonly deps: TickerZoneDeps,
    timers: Timers = browserTimers,
  ) {
    this.recorder = new PlayRecorder(deps.recorder);
    this.playback = new Playback(deps.now, (play) => {
      this.play = play;
      this.sync();
      deps.onChange();
    }, timers, 'ticker');
  }

  /** The strip on screen now, or null while it is collapsed. */
  get strip(): TickerStrip | null {
    const { strip, main } = this.deps.layout();
    return visibleStrip(strip, main, this.play);
  }

  start(manifest: Manifest | null): void {
    this.playback.start(manifest);
  }

  apply(manifest: Manifest): void {
    this.playback.apply(manifest);
  }

  refresh(): void {
    this.playback.refresh();
  }

  /** Call when the main zone or the layout changed: the strip may have opened or collapsed. */
  sync(): void {
    const shown = this.strip ? this.play : null;
    if (shown === this.shown) return;
    this.shown = shown;
    if (this.deps.counting()) this.recorder.showing(shown);
  }

  /** The page is going away: the strip's item leaves the screen now. */
  finish(): void {
    this.recorder.finish();
  }

  /** Drops the play in progress without recording it. */
  discard(): void {
    this.recorder.discard();
  }

  stop(): void {
    this.playback.stop();
    this.recorder.discard();
    this.play = null;
    this.shown = null;
  }
}
