import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  MINUTE_MS,
  countdownStage,
  formatLocalDate,
  formatLocalTime,
  type ContentFields,
  type CountdownStage,
} from '../../playlists/player.ts';
import { FitController, fitText, keepDashes } from '../fit-text.ts';
import { messages } from '../messages.ts';
import { markItem, screenStyles } from './styles.ts';

export type CountdownItem = Extract<ContentFields, { kind: 'countdown' }> & { id?: string };

/**
 * A countdown to one event: its title, what is left (days, hours, "today", or the after text),
 * and the event's date and place. Re-evaluates at every minute of the player's corrected clock,
 * so the stage turns over at local midnight and at the event time.
 */
@customElement('bt-countdown')
export class BtCountdown extends LitElement {
  static override styles = [
    screenStyles,
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

  @state() private at = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

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
  }

  override render() {
    const item = this.item;
    if (!item) return nothing;
    const stage = countdownStage(item, this.at);
    const when = item.eventTime
      ? `${formatLocalTime(stage.eventAt)} · ${formatLocalDate(stage.eventAt)}`
      : formatLocalDate(stage.eventAt);
    return html`<div class="fit-box">
      <div class="fit">
        <span data-text class="title">${keepDashes(item.title)}</span>
        ${this.renderStage(item, stage)}
        <span data-text data-optional class="detail">${item.place ? `${when} · ${item.place}` : when}</span>
      </div>
    </div>`;
  }

  private renderStage(item: CountdownItem, stage: CountdownStage) {
    const t = messages.countdown;
    switch (stage.stage) {
      case 'days':
      case 'hours': {
        const value = stage.stage === 'days' ? stage.days : stage.hours;
        const unit = stage.stage === 'days' ? t.days : t.hours;
        return html`<span data-text class="hero" data-stage=${stage.stage}
          ><span data-text class="number accent">${value}</span> <span data-text class="unit">${unit}</span></span
        >`;
      }
      case 'today':
        return html`<span data-text class="hero today accent" data-stage="today">${t.today}</span>`;
      case 'after':
      case 'over':
        return html`<span data-text class="after accent" data-stage=${stage.stage}>${keepDashes(item.afterText ?? t.after)}</span>`;
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
    if (el) fitText(el);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-countdown': BtCountdown;
  }
}
