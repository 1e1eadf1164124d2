import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ContentFields } from '../../playlists/player.ts';
import { FitController, fitText, keepDashes } from '../fit-text.ts';
import { MIN_FONT_PX, innerBox, legibleAt } from '../legibility.ts';
import { messages } from '../messages.ts';
import { noticeLayout, type QrPlacement } from '../notice-layout.ts';
import './qr-code.ts';
import './ticker.ts';
import { markItem, screenStyles } from './styles.ts';
import { inlineStyle } from '../inline-style.ts';

export type NoticeItem = Extract<ContentFields, { kind: 'notice' }> & { id?: string };

/**
 * A policy announcement (content kind `notice`): a title, a body of up to a few sentences and
 * an optional source line, fitted together like a slogan. Where the body cannot be legible
 * (a small LED board) only the title shows. With a `qrUrl` the portal's QR code stands beside
 * the text (landscape) or below it (portrait), whole px per module, and is left out where a
 * module would be under 2 px (notice-layout.ts). Where even the title cannot be legible
 * (legibility.ts) title and body scroll as a `<bt-ticker>` instead (`data-fallback="ticker"`).
 * (`bt-notice` is the player's own service notice, not content.)
 */
@customElement('bt-policy-notice')
export class BtPolicyNotice extends LitElement {
  static override styles = [
    screenStyles,
    css`
      :host([data-fallback]) {
        padding: 0;
      }
      .layout {
        display: flex;
        width: 100%;
        height: 100%;
        align-items: center;
        justify-content: space-between;
      }
      .layout.below {
        flex-direction: column;
      }
      .layout > .fit-box {
        flex: none;
      }
      .title {
        font-weight: 800;
      }
      .body {
        margin-top: 0.6em;
        font-size: 0.5em;
        font-weight: 400;
        line-height: 1.4;
        /* Long prose reads better ragged than centred. */
        text-align: left;
      }
      .source {
        margin-top: 0.8em;
        font-size: 0.4em;
        font-weight: 400;
        font-style: italic;
        opacity: 0.85;
      }
    `,
  ];

  @property({ attribute: false }) item: NoticeItem | null = null;
  /** The player's corrected clock and the slot's start, for the ticker fallback. */
  @property({ attribute: false }) now: () => number = () => Date.now();
  @property({ attribute: false }) since: number | null = null;

  @state() private fallback: { text: string; durationMs: number } | null = null;
  @state() private layout: { text: { width: number; height: number }; qr: QrPlacement | null } | null = null;

  constructor() {
    super();
    new FitController(this, () => this.fit());
  }

  override willUpdate(): void {
    markItem(this, this.item?.id);
    if (this.fallback) this.setAttribute('data-fallback', 'ticker');
    else this.removeAttribute('data-fallback');
  }

  override render() {
    const item = this.item;
    if (!item) return nothing;
    if (this.fallback) return html`<bt-ticker .fallback=${this.fallback} .now=${this.now} .since=${this.since}></bt-ticker>`;
    const layout = this.layout;
    if (!layout) return html`<div class="fit-box"></div>`;
    const qr = layout.qr;
    return html`<div class="layout ${qr?.place ?? ''}">
      <div class="fit-box" style=${inlineStyle({ width: `${layout.text.width}px`, height: `${layout.text.height}px` })}>
      <div class="fit">
        <span data-text class="title accent">${keepDashes(item.title)}</span>
        <span data-text data-optional class="body">${keepDashes(item.body)}</span>
        ${item.source
          ? html`<span data-text data-optional class="source">${keepDashes(item.source)}</span>`
          : nothing}
      </div>
      </div>
      ${qr && item.qrUrl
        ? html`<bt-qr .url=${item.qrUrl} .modulePx=${qr.modulePx} .label=${messages.notice.qrLabel}></bt-qr>`
        : nothing}
    </div>`;
  }

  private fit(): void {
    const item = this.item;
    const { clientWidth: width, clientHeight: height } = this;
    if (!item || width === 0) return;
    const legibility = legibleAt(item, width, height);
    const text = legibility && !legibility.ok ? legibility.tickerText : null;
    if (text !== (this.fallback?.text ?? null)) {
      this.fallback = text === null ? null : { text, durationMs: item.durationMs };
      return;
    }
    const inner = innerBox(width, height);
    const layout = noticeLayout(inner.width, inner.height, item.qrUrl ?? null);
    if (JSON.stringify(layout) !== JSON.stringify(this.layout)) {
      this.layout = layout;
      return;
    }
    const el = this.renderRoot.querySelector<HTMLElement>('.fit');
    // On a small LED board a 600-character body would shrink to unreadable dots: below the
    // legible size the body and source are hidden and the title alone fills the board.
    if (el) fitText(el, { minLegible: MIN_FONT_PX });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-policy-notice': BtPolicyNotice;
  }
}
