import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { MINUTE_MS, countdownStage, type ContentFields } from '../../playlists/player.ts';
import { BoxSize } from '../box-size.ts';
import { FitController, fitText, keepDashes } from '../fit-text.ts';
import type { PagePart, PlanPage } from '../fit-plan.ts';
import { PagedText, pagedStyles, partText } from './paged.ts';
import { markItem, screenStyles } from './styles.ts';

export type CountdownItem = Extract<ContentFields, { kind: 'countdown' }> & { id?: string };

/**
 * A countdown to one event: its title, what is left (days, hours, "today", or the after text),
 * and the event's date and place. Re-evaluates at every minute of the player's corrected clock,
 * so the stage turns over at local midnight and at the event time. Where the lines cannot all be
 * legible together (a 192×96 board) they take turns within the item's slot (fit-plan.ts).
 */
@customElement('bt-countdown')
export class BtCountdown extends LitElement {
  static override styles = [
    screenStyles,
    pagedStyles,
    css`
      /* May wrap between number and unit: in portrait the unit goes under a bigger number. */
      .hero {
        margin: 0.1em 0;
        line-height: 1.2;
      }
      .number {
        font-size: 2.6em;
        font-weight: 800;
      }
      .today {
        font-size: 2em;
        font-weight: 800;
      }
      .after {
        margin: 0.15em 0;
        font-size: 1.2em;
        font-weight: 800;
      }
      .detail {
        font-size: 0.6em;
        font-weight: 400;
      }
    `,
  ];

  @property({ attribute: false }) item: CountdownItem | null = null;
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
    // A reconnected element needs its timer back; the first connect is covered by willUpdate.
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
    const item = this.item;
    const page = this.page;
    if (!item || !page) return nothing;
    const stage = countdownStage(item, this.at).stage;
    return html`<div class="fit-box">
      <div class="fit">${page.parts.map((p) => this.renderPart(p, stage))}</div>
    </div>`;
  }

  /** The parts as kind-parts.ts names them; the middle line's `data-stage` says which stage shows. */
  private renderPart(part: PagePart, stage: string) {
    switch (part.name) {
      case 'hero': {
        const space = part.text.indexOf(' ');
        return html`<span data-text data-part="hero" class="hero" data-stage=${stage}
          ><span data-text class="number accent">${part.text.slice(0, space)}</span> <span data-text class="unit">${part.text.slice(space + 1)}</span></span
        > `;
      }
      case 'today':
        return html`<span data-text data-part="today" class="hero today accent" data-stage="today">${part.text}</span> `;
      case 'after':
        return html`<span data-text data-part="after" class="after accent" data-stage=${stage}>${keepDashes(part.text)}</span> `;
      default:
        return partText(part);
    }
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
    'bt-countdown': BtCountdown;
  }
}
