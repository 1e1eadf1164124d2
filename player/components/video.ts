import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ContentFields, MediaInfo } from '../../playlists/player.ts';
import { sharedVideo } from '../shared-video.ts';
import { mediaFile } from '../media-files.ts';
import { markItem } from './styles.ts';
import './idle.ts';

export type VideoItem = Extract<ContentFields, { kind: 'video' }> & { id?: string };

/** A clip that shows no progress for this long has stalled: the item ends. */
export const STALL_MS = 5_000;

export interface ItemEndedDetail {
  itemId: string | undefined;
  /** The slot's start, so a late event cannot end the next slot of the same item. */
  since: number | null;
  reason: 'ended' | 'error' | 'stalled';
}

/**
 * A clip from the media library, muted and inline, in the player's one video element
 * (shared-video.ts), letterboxed. A clip that plays to its end ends the item: the host fires
 * `bt-item-ended` (bubbling, composed) when it ends, fails to load or stalls, and the player
 * moves on. A clip that does not play to its end loops until its slot ends. Joining a slot
 * late (a reload mid-clip) starts the clip where the slot is. After a failure the clock shows.
 *
 * @fires bt-item-ended {ItemEndedDetail}
 */
@customElement('bt-video')
export class BtVideo extends LitElement {
  static override styles = css`
    :host {
      display: block;
      position: relative;
      width: 100%;
      height: 100%;
      overflow: hidden;
      background: var(--bt-bg, #000);
    }
    video {
      position: absolute;
      left: 0;
      top: 0;
      width: 100%;
      height: 100%;
      object-fit: contain;
      background: var(--bt-bg, #000);
    }
  `;

  @property({ attribute: false }) item: VideoItem | null = null;
  @property({ attribute: false }) media: readonly MediaInfo[] = [];
  /** The player's corrected clock and the slot's start. */
  @property({ attribute: false }) now: () => number = () => Date.now();
  @property({ attribute: false }) since: number | null = null;

  @state() private failed = false;
  private readonly video = sharedVideo();
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private lastTime = -1;
  private lastProgress = 0;
  private done = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.video.addEventListener('ended', this.onEnded);
    this.video.addEventListener('error', this.onError);
    this.watchdog = setInterval(this.check, 1_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.video.removeEventListener('ended', this.onEnded);
    this.video.removeEventListener('error', this.onError);
    clearInterval(this.watchdog);
    // The element stays the player's; stop it so it does not play on unseen.
    this.video.pause();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    markItem(this, this.item?.id);
    if (changed.has('item') || changed.has('since') || changed.has('media')) this.failed = false;
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('item') || changed.has('since') || changed.has('media')) this.start();
  }

  private start(): void {
    const item = this.item;
    const video = this.video;
    this.done = false;
    this.lastTime = -1;
    this.lastProgress = performance.now();
    const info = item ? this.media.find((m) => m.id === item.media) : undefined;
    if (!item || !info) {
      video.pause();
      if (item) this.end('error');
      return;
    }
    // The file for the zone, the one the offline cache holds (media-files.ts).
    const file = mediaFile(info, { width: this.clientWidth || info.width, height: this.clientHeight || info.height });
    video.muted = true;
    video.playsInline = true;
    video.loop = !item.playToEnd;
    if (video.getAttribute('src') !== file.url) video.src = file.url;
    // A reload mid-slot joins the clip where the slot is, as the resolver laid it out.
    const late = this.since === null ? 0 : (this.now() - this.since) / 1000;
    const duration = (info.durationMs ?? 0) / 1000;
    const at = late > 0.5 && (!duration || late < duration) ? late : 0;
    // A clip loaded ahead (media-elements.ts) is at its start already: seeking there again would
    // throw away the frame it decoded.
    if (Math.abs(video.currentTime - at) > 0.05) video.currentTime = at;
    video.play().catch(() => {
      // Interrupted by the next item's load (AbortError) or refused: only the current clip counts.
      if (!this.done && this.item === item && video.paused && !video.ended) this.end('error');
    });
  }

  private readonly onEnded = (): void => {
    if (this.item?.playToEnd) this.end('ended');
  };

  private readonly onError = (): void => this.end('error');

  /** Ends the item when the clip makes no progress for `STALL_MS`. */
  private readonly check = (): void => {
    if (this.done || !this.item) return;
    const t = this.video.currentTime;
    if (t !== this.lastTime) {
      this.lastTime = t;
      this.lastProgress = performance.now();
    } else if (performance.now() - this.lastProgress >= STALL_MS) this.end('stalled');
  };

  private end(reason: ItemEndedDetail['reason']): void {
    if (this.done) return;
    this.done = true;
    if (reason !== 'ended') this.failed = true;
    const detail: ItemEndedDetail = { itemId: this.item?.id, since: this.since, reason };
    this.dispatchEvent(new CustomEvent<ItemEndedDetail>('bt-item-ended', { detail, bubbles: true, composed: true }));
  }

  override render() {
    if (!this.item) return nothing;
    return this.failed ? html`<bt-idle .now=${this.now}></bt-idle>` : html`${this.video}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-video': BtVideo;
  }
  interface HTMLElementEventMap {
    'bt-item-ended': CustomEvent<ItemEndedDetail>;
  }
}
