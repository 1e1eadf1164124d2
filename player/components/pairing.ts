import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { FitController, fitText } from '../fit-text.ts';
import { messages } from '../messages.ts';
import type { PairingStatus } from '../pairing.ts';
import { screenStyles } from './styles.ts';

/**
 * The pairing screen of a player without a token: the code as large as the box allows, the
 * screen's resolution under it, and, where there is room to read them, a label and how to use
 * the code. On a 192×96 board only the code and the resolution remain.
 *
 * Sets `data-code` on itself (for end-to-end tests and for people reading the DOM remotely).
 */
@customElement('bt-pairing')
export class BtPairing extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .label { font-size: 0.3em; font-weight: 400; }
      .code { font-size: 1em; font-weight: 800; letter-spacing: 0.06em; line-height: 1.1; }
      .code .second { margin-left: 0.3em; }
      .size { font-size: 0.34em; font-weight: 700; }
      .hint { margin-top: 0.4em; font-size: 0.2em; font-weight: 400; }
      .status { font-size: 0.45em; }
    `,
  ];

  /** The code to show; null while the first one is being fetched. */
  @property() code: string | null = null;
  @property() status: PairingStatus = 'requesting';
  /** The screen was retired by an operator: a line above the code says so. */
  @property({ type: Boolean }) retired = false;
  /** The viewport in CSS px, as the player reports it to the server. */
  @state() private viewport = viewportSize();
  private readonly onResize = () => {
    this.viewport = viewportSize();
  };

  constructor() {
    super();
    new FitController(this, () => this.fit());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('resize', this.onResize);
    this.onResize();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('resize', this.onResize);
  }

  override willUpdate(): void {
    if (this.code) this.setAttribute('data-code', this.code);
    else this.removeAttribute('data-code');
  }

  override render() {
    const m = messages.pairing;
    const size = `${this.viewport.width} × ${this.viewport.height}`;
    const hint = this.status === 'offline' ? m.offline : m.instruction;
    if (!this.code) {
      return html`<div class="fit-box">
        <div class="fit">
          <span data-text class="status accent">${this.status === 'offline' ? m.offline : m.requesting}</span>
          <span data-text class="size">${size}</span>
        </div>
      </div>`;
    }
    return html`<div class="fit-box">
      <div class="fit">
        ${this.retired ? html`<span data-text data-optional class="label retired">${m.retired}</span>` : nothing}
        <span data-text data-optional class="label">${m.label}</span>
        <span data-text class="code accent nobr" aria-label=${this.code.split('').join(' ')}
          >${this.code.slice(0, 3)}<span class="second">${this.code.slice(3)}</span></span
        >
        <span data-text class="size">${size}</span>
        <span data-text data-optional class="hint">${quotedUnbroken(hint)}</span>
      </div>
    </div>`;
  }

  private fit(): void {
    const el = this.renderRoot.querySelector<HTMLElement>('.fit');
    if (el) fitText(el, { minLegible: 11 });
  }
}

/** Keeps each “quoted name” on one line, so a menu path never breaks inside a name. */
function quotedUnbroken(text: string) {
  return text.split(/(“[^”]*”)/).map((part, i) => (i % 2 ? html`<span class="nobr">${part}</span>` : part));
}

function viewportSize(): { width: number; height: number } {
  return { width: window.innerWidth, height: window.innerHeight };
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-pairing': BtPairing;
  }
}
