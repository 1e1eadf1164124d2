import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { MINUTE_MS, type ContentFields } from '../../playlists/player.ts';
import { BoxSize } from '../box-size.ts';
import { FitController, fitText } from '../fit-text.ts';
import type { PagePart, PlanPage } from '../fit-plan.ts';
import { PagedText, pagedStyles, partText } from './paged.ts';
import { markItem, screenStyles } from './styles.ts';

export type ClockItem = Extract<ContentFields, { kind: 'clock' }> & { id?: string };

/**
 * The time, weekday and date in Asia/Ho_Chi_Minh from the player's corrected clock, with an
 * optional caption. Re-renders on every minute boundary of corrected time. Where the caption
 * cannot be legible beside the time and date, they take turns (fit-plan.ts).
 */
@customElement('bt-clock')
export class BtClock extends LitElement {
  static override styles = [
    screenStyles,
    pagedStyles,
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
  /** When the item's slot began: the pages turn from it. */
  @property({ attribute: false }) since: number | null = null;

  @state() private at = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly box = new BoxSize(this);
  private readonly paged = new PagedText(this);
  private page: PlanPage | null = null;

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
    const item = this.item;
    this.page = item ? this.paged.page(item, this.box.width, this.box.height, this.now, this.since) : null;
  }

  override render() {
    const page = this.page;
    if (!this.item || !page) return nothing;
    return html`<div class="fit-box">
      <div class="fit">${page.parts.map((p) => this.renderPart(p))}</div>
    </div>`;
  }

  /** The parts as kind-parts.ts names them: the date's weekday and date never break inside. */
  private renderPart(part: PagePart) {
    if (part.name === 'time') return partText(part, 'accent');
    if (part.name !== 'date') return partText(part);
    const comma = part.text.indexOf(', ');
    return html`<span data-text data-part="date" class="date"><span class="nobr">${part.text.slice(0, comma + 1)}</span> <span class="nobr">${part.text.slice(comma + 2)}</span></span> `;
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
    // Never under the legible size: the plan put on this page only what fits at it.
    if (el && this.page) fitText(el, { min: this.page.floorPx });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-clock': BtClock;
  }
}
