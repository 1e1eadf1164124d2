import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ContentFields } from '../../playlists/index.ts';
import { FitController, fitText, keepDashes } from '../fit-text.ts';
import { markItem, screenStyles } from './styles.ts';

/** A slogan as shown; `id` is absent in an admin preview of an unsaved draft. */
export type SloganItem = Extract<ContentFields, { kind: 'slogan' }> & { id?: string };

/**
 * A slogan, as large as its box allows, with an optional smaller secondary line.
 * Sets `data-item-id` on itself; every text element carries `data-fit` (its px size).
 */
@customElement('bt-slogan')
export class BtSlogan extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .secondary {
        margin-top: 0.35em;
        font-size: 0.55em;
        font-weight: 700;
      }
    `,
  ];

  @property({ attribute: false }) item: SloganItem | null = null;

  constructor() {
    super();
    new FitController(this, () => this.fit());
  }

  override willUpdate(): void {
    markItem(this, this.item?.id);
  }

  override render() {
    const item = this.item;
    if (!item) return nothing;
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
    const el = this.renderRoot.querySelector<HTMLElement>('.fit');
    if (el) fitText(el);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-slogan': BtSlogan;
  }
}
