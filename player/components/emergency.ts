import { LitElement, css, html, nothing, unsafeCSS, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ContentFields, MediaInfo, Schedule } from '../../playlists/player.ts';
import { BoxSize } from '../box-size.ts';
import { emergencyHeading, emergencyLayout, headingPhase, issuedAtOf, type EmergencyLayout } from '../emergency-layout.ts';
import { FitController, fitText, fitTextStyles } from '../fit-text.ts';
import { canvasMeasure } from '../legibility.ts';
import { MIN_FONT_PX } from '../legibility-limits.ts';
import { renderItem } from '../render-item.ts';
import { inlineStyle } from '../inline-style.ts';

/** The red of every emergency: bright on an LED's black, and strong on the indoor theme's paper. */
const ALERT_RED = unsafeCSS('#e00000');

/**
 * An item played at emergency tier (DESIGN.md: an emergency takes the whole canvas), in a look
 * nobody passing can take for a slogan: a red frame, a red band with the heading — KHẨN CẤP,
 * an event name if given (a CAP alert's), the time it was issued — and the message below,
 * drawn by its own renderer within the legibility rules. On boards too small for band and
 * message together, heading and message alternate (emergency-layout.ts).
 *
 * On the host: `data-emergency-layout` (`band` | `alternate`) and `data-phase` (`heading` |
 * `message`); the heading element carries `data-emergency-heading`.
 */
@customElement('bt-emergency')
export class BtEmergency extends LitElement {
  static override styles = [
    fitTextStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        box-sizing: border-box;
        width: 100%;
        height: 100%;
        overflow: hidden;
        border: 3px solid ${ALERT_RED};
        background: var(--bt-bg, #000);
        color: var(--bt-fg, #fff);
        font-family: 'Be Vietnam Pro', 'Noto Sans', sans-serif;
        -webkit-font-smoothing: antialiased;
      }
      .band {
        flex: none;
        display: flex;
        align-items: center;
        justify-content: center;
        overflow: hidden;
        white-space: nowrap;
        background: ${ALERT_RED};
        color: #fff;
        font-weight: 800;
        line-height: 1.3;
      }
      .body {
        flex: 1 1 0;
        min-height: 0;
        position: relative;
      }
      .body > * {
        position: absolute;
        left: 0;
        top: 0;
      }
      .headline {
        flex: 1 1 0;
        min-height: 0;
        padding: 3%;
        background: ${ALERT_RED};
        color: #fff;
      }
      .headline .title {
        font-weight: 800;
      }
      .headline .meta {
        font-size: 0.6em;
        font-weight: 700;
      }
    `,
  ];

  @property({ attribute: false }) item: (ContentFields & { id?: string }) | null = null;
  @property({ attribute: false }) media: readonly MediaInfo[] = [];
  /** The player's corrected clock and the slot's start. */
  @property({ attribute: false }) now: () => number = () => Date.now();
  @property({ attribute: false }) since: number | null = null;
  /** The emergency's schedule, which says when it was issued. */
  @property({ attribute: false }) schedule: Pick<Schedule, 'time'> | null = null;
  /** When it was issued, where there is no schedule (the admin's preview); the schedule's start otherwise. */
  @property({ attribute: false }) issuedAt: number | null = null;
  /** The event's name (a CAP alert's), shown after the heading. */
  @property({ attribute: false }) event: string | null = null;

  private readonly box = new BoxSize(this);
  private layout: EmergencyLayout | null = null;
  private heading = '';
  private origin = 0;
  private phase: { heading: boolean; bodySince: number } = { heading: false, bodySince: 0 };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly refonts = () => this.requestUpdate();

  constructor() {
    super();
    new FitController(this, () => this.fit());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.fonts?.addEventListener('loadingdone', this.refonts);
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.fonts?.removeEventListener('loadingdone', this.refonts);
    clearTimeout(this.timer);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    clearTimeout(this.timer);
    const at = this.now();
    if (changed.has('item') || changed.has('since') || !this.hasUpdated) this.origin = this.since ?? at;
    this.heading = emergencyHeading(this.schedule ? issuedAtOf(this.schedule) : this.issuedAt, at, this.event);
    const { width, height } = this.box;
    this.layout = width > 0 ? emergencyLayout(width, height, this.heading, canvasMeasure) : null;
    const frame = this.layout?.frame ?? 3;
    this.style.setProperty('border-width', `${frame}px`);
    const alternate = this.layout?.mode === 'alternate';
    if (alternate) {
      const { heading, startedMs, nextInMs } = headingPhase(at - this.origin);
      // The message's own slot starts when its turn does (a ticker starts from its first word).
      this.phase = { heading, bodySince: this.origin + startedMs };
      if (this.isConnected) this.timer = setTimeout(() => this.requestUpdate(), nextInMs + 15);
    } else {
      this.phase = { heading: false, bodySince: this.since ?? this.origin };
    }
    this.setAttribute('data-emergency-layout', this.layout?.mode ?? 'band');
    this.setAttribute('data-phase', this.phase.heading ? 'heading' : 'message');
  }

  override render() {
    const item = this.item;
    const layout = this.layout;
    if (!item || !layout) return nothing;
    if (this.phase.heading) {
      const [title, ...rest] = this.heading.split(' · ');
      return html`<div class="fit-box headline" role="alert" data-emergency-heading>
        <div class="fit"><span data-text class="title">${title}</span>${rest.length ? html`<span data-text class="meta">${rest.join(' · ')}</span>` : nothing}</div>
      </div>`;
    }
    const body = html`<div class="body">${renderItem(item, this.now, { media: this.media, since: this.phase.bodySince })}</div>`;
    if (layout.mode === 'alternate') return body;
    return html`<div class="band" role="alert" data-emergency-heading
        style=${inlineStyle({ height: `${layout.bandHeight}px`, 'font-size': `${layout.bandPx}px` })}><span data-text data-fit=${layout.bandPx}>${this.heading}</span></div>
      ${body}`;
  }

  private fit(): void {
    const el = this.renderRoot.querySelector<HTMLElement>('.headline .fit');
    // The heading alone: as large as the canvas allows, never under the legible size.
    if (el) fitText(el, { min: Math.ceil(MIN_FONT_PX / 0.6) });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-emergency': BtEmergency;
  }
}
