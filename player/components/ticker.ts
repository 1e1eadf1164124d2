import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ContentFields } from '../../playlists/player.ts';
import { TICKER_GAP_EM, TICKER_LINE_EM, fallbackSpeed, tickerCopies, tickerFontPx, tickerStart, tickerX } from '../ticker-motion.ts';
import { markItem } from './styles.ts';
import { inlineStyle } from '../inline-style.ts';
import { BoxSize } from '../box-size.ts';

export type TickerItem = Extract<ContentFields, { kind: 'ticker' }> & { id?: string };

/**
 * Text scrolling right to left in whole-pixel steps, one line as tall as the box allows
 * (ticker-motion.ts). Fills its box, whether that is the main zone or a ticker strip zone.
 * Shows either a ticker `item`, or a `fallback` text that was too small to read in its own
 * layout. The position is computed from the corrected clock at every animation frame
 * (`data-x` on the host is the current x of the strip, for tests).
 */
@customElement('bt-ticker')
export class BtTicker extends LitElement {
  static override styles = css`
    :host {
      display: block;
      position: relative;
      box-sizing: border-box;
      width: 100%;
      height: 100%;
      overflow: hidden;
      background: var(--bt-bg, #000);
      color: var(--bt-fg, #fff);
      font-family: 'Be Vietnam Pro', 'Noto Sans', sans-serif;
      font-weight: 700;
      contain: strict;
    }
    .strip {
      position: absolute;
      left: 0;
      will-change: transform;
    }
    .copy {
      position: absolute;
      top: 0;
      display: inline-block;
      white-space: nowrap;
    }
  `;

  @property({ attribute: false }) item: TickerItem | null = null;
  /** Text shown as a ticker because it could not be legible in its own layout. */
  @property({ attribute: false }) fallback: { text: string; durationMs: number } | null = null;
  /** The player's corrected clock. */
  @property({ attribute: false }) now: () => number = () => Date.now();
  /** When the item's slot began (corrected clock); the text starts moving then. */
  @property({ attribute: false }) since: number | null = null;

  private readonly box = new BoxSize(this);
  @state() private textWidth = 0;
  private origin = 0;
  private frame = 0;
  private lastX: number | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.origin = this.now();
    document.fonts?.addEventListener('loadingdone', this.remeasure);
    this.frame = requestAnimationFrame(this.step);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.frame);
    document.fonts?.removeEventListener('loadingdone', this.remeasure);
  }

  private get text(): string {
    return this.item?.text ?? this.fallback?.text ?? '';
  }

  private get fontPx(): number {
    return tickerFontPx(this.box.width, this.box.height);
  }

  private get period(): number {
    return this.textWidth > 0 ? this.textWidth + Math.round(TICKER_GAP_EM * this.fontPx) : 0;
  }

  private get speed(): number {
    if (this.item) return this.item.speedPxPerSec;
    return fallbackSpeed(this.textWidth, this.box.width, this.fallback?.durationMs ?? 10_000, this.fontPx);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    markItem(this, this.item?.id);
    if (changed.has('since') || changed.has('item') || changed.has('fallback')) {
      this.origin = this.since ?? this.now();
      this.lastX = null;
    }
  }

  override updated(): void {
    this.remeasure();
  }

  private readonly remeasure = (): void => {
    const first = this.renderRoot.querySelector<HTMLElement>('.copy');
    // Unscaled by any ancestor transform (the admin preview scales the renderer to fit).
    const scale = this.offsetWidth > 0 ? this.getBoundingClientRect().width / this.offsetWidth : 1;
    // Layout widths are multiples of 1/64 px; snap before rounding up so scaling adds no pixel.
    const width = first ? Math.ceil(Math.round((first.getBoundingClientRect().width / (scale || 1)) * 64) / 64) : 0;
    if (width !== this.textWidth) this.textWidth = width;
  };

  private readonly step = (): void => {
    this.frame = requestAnimationFrame(this.step);
    const strip = this.renderRoot.querySelector<HTMLElement>('.strip');
    if (!strip || this.period === 0) return;
    const x = tickerX(this.now() - this.origin, this.speed, tickerStart(this.box.width, this.fontPx), this.period);
    if (x === this.lastX) return;
    this.lastX = x;
    strip.style.transform = `translate3d(${x}px,0,0)`;
    this.setAttribute('data-x', String(x));
  };

  override render() {
    const text = this.text;
    if (!text || this.box.height === 0) return nothing;
    const font = this.fontPx;
    const line = Math.round(font * TICKER_LINE_EM);
    const top = Math.max(0, Math.floor((this.box.height - line) / 2));
    const period = this.period;
    const copies = period > 0 ? tickerCopies(this.box.width, period) : 1;
    return html`<div class="strip" style=${inlineStyle({ top: `${top}px`, height: `${line}px`, 'font-size': `${font}px`, 'line-height': `${line}px`, transform: `translate3d(${this.lastX ?? tickerStart(this.box.width, font)}px,0,0)` })}>
      ${Array.from({ length: copies }, (_, k) =>
        html`<span class="copy" data-text data-fit=${font} style=${inlineStyle({ left: `${k * period}px` })} aria-hidden=${k > 0 ? 'true' : 'false'}>${text}</span>`,
      )}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-ticker': BtTicker;
  }
}
