import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ContentFields } from '../../playlists/index.ts';
import { FitController, fitText, keepDashes } from '../fit-text.ts';
import { markItem, screenStyles } from './styles.ts';

export type NoticeItem = Extract<ContentFields, { kind: 'notice' }> & { id?: string };

/**
 * A policy announcement (content kind `notice`): a title, a body of up to a few sentences and
 * an optional source line, fitted together like a slogan. Where the body cannot be legible
 * (a small LED board) only the title shows. (`bt-notice` is the player's own
 * service notice, not content.)
 */
@customElement('bt-policy-notice')
export class BtPolicyNotice extends LitElement {
  static override styles = [
    screenStyles,
    css`
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
        <span data-text class="title accent">${keepDashes(item.title)}</span>
        <span data-text data-optional class="body">${keepDashes(item.body)}</span>
        ${item.source
          ? html`<span data-text data-optional class="source">${keepDashes(item.source)}</span>`
          : nothing}
      </div>
    </div>`;
  }

  private fit(): void {
    const el = this.renderRoot.querySelector<HTMLElement>('.fit');
    // On a small LED board a 600-character body would shrink to unreadable dots: below 8 px
    // the body and source are hidden and the title alone fills the board.
    if (el) fitText(el, { minLegible: 8 });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-policy-notice': BtPolicyNotice;
  }
}
