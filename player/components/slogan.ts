import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ContentFields } from '../../playlists/player.ts';
import { FitController, fitText, keepDashes } from '../fit-text.ts';
import { legibleOnce } from '../legibility.ts';
import { loadRenderer } from '../renderers.ts';
import { markItem, screenStyles } from './styles.ts';

/** A slogan as shown; `id` is absent in an admin preview of an unsaved draft. */
export type SloganItem = Extract<ContentFields, { kind: 'slogan' }> & { id?: string };

/**
 * A slogan, as large as its box allows, with an optional smaller secondary line.
 * Sets `data-item-id` on itself; every text element carries `data-fit` (its px size).
 * Where the text cannot be legible at this size (legibility.ts) it scrolls as a `<bt-ticker>`
 * instead, and the host carries `data-fallback="ticker"`.
 */
@customElement('bt-slogan')
export class BtSlogan extends LitElement {
  static override styles = [
    screenStyles,
    css`
      :host([data-fallback]) {
        padding: 0;
      }
      .secondary {
        margin-top: 0.35em;
        font-size: 0.55em;
        font-weight: 700;
      }
    `,
  ];

  @property({ attribute: false }) item: SloganItem | null = null;
  /** The player's corrected clock and the slot's start, for the ticker fallback. */
  @property({ attribute: false }) now: () => number = () => Date.now();
  @property({ attribute: false }) since: number | null = null;

  @state() private fallback: { text: string; durationMs: number } | null = null;

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
    return html`<div class="fit-box">
      <div class="fit">
        <span data-text class="main">${keepDashes(item.text)}</span>
        ${item.secondary
          ? html`<span data-text class="secondary accent">${keepDashes(item.secondary)}</span>`
          : nothing}
      </div>
    </div>`;
  }

  private fit(): void {
    const item = this.item;
    if (!item || this.clientWidth === 0) return;
    const legibility = legibleOnce(item, this.clientWidth, this.clientHeight);
    const text = legibility && !legibility.ok ? legibility.tickerText : null;
    if (text !== (this.fallback?.text ?? null)) {
      this.fallback = text === null ? null : { text, durationMs: item.durationMs };
      // The ticker's chunk: loaded with the manifest, or here at the latest (it upgrades in place).
      if (text !== null) loadRenderer('ticker').catch((err: unknown) => console.error('bangtin: no renderer ticker', err));
      return;
    }
    const el = this.renderRoot.querySelector<HTMLElement>('.fit');
    if (el) fitText(el);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-slogan': BtSlogan;
  }
}
