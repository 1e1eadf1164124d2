import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { PlayerController } from '../controller.ts';
import { messages } from '../messages.ts';
import { renderItem } from '../render-item.ts';
import './idle.ts';
import './notice.ts';
import './pairing.ts';

/**
 * The kiosk player: fills the page and shows the item the schedule resolves to, the idle clock
 * when nothing plays, or a pairing code without a token.
 *
 * Attributes for end-to-end tests: `data-state` (`pairing` | `idle` | `playing`),
 * `data-manifest-version` (the applied manifest), `data-connection` (`connecting` | `online` |
 * `offline` | `stopped`), `data-screen-id` once the server named the screen.
 */
@customElement('bt-player')
export class BtPlayer extends LitElement {
  static override styles = css`
    :host {
      display: block;
      position: relative;
      width: 100%;
      height: 100%;
      overflow: hidden;
      background: #000;
    }
    /* Remote action "identify": the screen's name over everything, its frame blinking. */
    .identify {
      position: absolute;
      left: 0;
      top: 0;
      width: 100%;
      height: 100%;
      z-index: 2;
      box-sizing: border-box;
      animation: blink 1s steps(2, jump-none) infinite;
    }
    @keyframes blink {
      from { box-shadow: inset 0 0 0 max(3px, 2vmin) #ffd400; }
      to { box-shadow: inset 0 0 0 max(3px, 2vmin) #000; }
    }
    .replaced {
      position: absolute;
      left: 0;
      right: 0;
      bottom: 0;
      padding: 0.4em 0.8em;
      background: #000;
      color: #fff;
      border-top: 2px solid #ffd400;
      font: 400 max(10px, 2.5vmin) / 1.35 'Be Vietnam Pro', 'Noto Sans', sans-serif;
      text-align: center;
    }
  `;

  private readonly player = new PlayerController(this);

  override updated(): void {
    const p = this.player;
    const state = !p.registered ? 'pairing' : p.play?.item ? 'playing' : 'idle';
    this.setAttribute('data-state', state);
    this.setAttribute('data-connection', p.status);
    setOrRemove(this, 'data-manifest-version', p.manifestVersion);
    setOrRemove(this, 'data-screen-id', p.screen?.id ?? null);
    setOrRemove(this, 'data-identifying', p.identifying ? 'true' : null);
  }

  override render() {
    const p = this.player;
    if (!p.registered) {
      return html`<bt-pairing role="status" .code=${p.pairingCode} .status=${p.pairingStatus}></bt-pairing>`;
    }
    const item = p.play?.item;
    return html`${item ? renderItem(item, p.now) : html`<bt-idle .now=${p.now}></bt-idle>`}
    ${p.replaced ? html`<div class="replaced" role="status">${messages.replaced}</div>` : nothing}
    ${p.identifying && p.screen
      ? html`<bt-notice class="identify" role="alert" .heading=${p.screen.name}
          .body=${[p.screen.ward, p.screen.id].filter(Boolean).join(' · ')}></bt-notice>`
      : nothing}`;
  }
}

function setOrRemove(el: Element, name: string, value: string | null): void {
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-player': BtPlayer;
  }
}
