import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { MINUTE_MS, type ContentFields } from '../../playlists/player.ts';
import { clockFace } from '../clock-format.ts';
import { FitController, fitText, keepDashes } from '../fit-text.ts';
import { markItem, screenStyles } from './styles.ts';

export type ClockItem = Extract<ContentFields, { kind: 'clock' }> & { id?: string };

/**
 * The time, weekday and date in Asia/Ho_Chi_Minh from the player's corrected clock, with an
 * optional caption. Re-renders on every minute boundary of corrected time.
 */
@customElement('bt-clock')
export class BtClock extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .time {
        font-size: 2.4em;
        font-weight: 800;
        font-variant-numeric: tabular-nums;
      }
      .date {
        font-weight: 700;
      }
      .caption {
        margin-top: 0.4em;
        font-size: 0.55em;
        font-weight: 400;
      }
    `,
  ];

  @property({ attribute: false }) item: ClockItem | null = null;
  /** The player's corrected clock; an admin preview may pass a chosen instant. */
  @property({ attribute: false }) now: () => number = () => Date.now();

  @state() private at = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    new FitController(this, () => this.fit());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.tick();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    markItem(this, this.item?.id);
    if (changed.has('now') || !this.hasUpdated) this.tick();
    else if (changed.has('item')) this.at = this.now();
  }

  override render() {
    const item = this.item;
    if (!item) return nothing;
    const face = clockFace(this.at);
    return html`<div class="fit-box">
      <div class="fit">
        <span data-text class="time accent">${face.time}</span>
        <span data-text class="date"><span class="nobr">${face.weekday},</span> <span class="nobr">${face.date}</span></span>
        ${item.caption
          ? html`<span data-text data-optional class="caption">${keepDashes(item.caption)}</span>`
          : nothing}
      </div>
    </div>`;
  }

  /** Re-renders at the next minute boundary of corrected time, and every minute after. */
  private tick(): void {
    clearTimeout(this.timer);
    this.at = this.now();
    // Removed before its first update (see idle.ts): no timer, or it ticks on detached forever.
    if (!this.isConnected) return;
    const wait = MINUTE_MS - (((this.at % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
    this.timer = setTimeout(() => this.tick(), wait + 20);
  }

  private fit(): void {
    const el = this.renderRoot.querySelector<HTMLElement>('.fit');
    if (el) fitText(el);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-clock': BtClock;
  }
}
