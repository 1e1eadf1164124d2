import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { FitController, fitText } from '../fit-text.ts';
import { screenStyles } from './styles.ts';

/** A full-screen notice for the people looking after a screen: a heading and an explanation. */
@customElement('bt-notice')
export class BtNotice extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .heading {
        font-weight: 800;
      }
      .body {
        margin-top: 0.5em;
        font-size: 0.5em;
        font-weight: 400;
      }
    `,
  ];

  @property() heading = '';
  @property() body = '';

  constructor() {
    super();
    new FitController(this, () => this.fit());
  }

  override render() {
    return html`<div class="fit-box">
      <div class="fit">
        <span data-text class="heading accent">${this.heading}</span>
        <span data-text class="body">${this.body}</span>
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
    'bt-notice': BtNotice;
  }
}
