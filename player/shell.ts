import { LitElement, css, html, nothing } from 'lit';
import { mediaOf } from '../playlists/player.ts';
import { customElement } from 'lit/decorators.js';
import { inlineStyle } from './inline-style.ts';
import { PlayerController } from './controller.ts';
import { shellMessages } from './messages-shell.ts';
import { canvasStyle, zoneStyles } from './layout.ts';
import { renderItem } from './render-item.ts';
import './components/idle.ts';
import { themeStyles } from './components/styles.ts';

/**
 * The kiosk shell, the page's one element (not an item renderer): fills the page and shows the
 * item the schedule resolves to, the idle clock when nothing plays, or a pairing code without a
 * token.
 *
 * Attributes for end-to-end tests: `data-state` (`pairing` | `idle` | `playing`),
 * `data-hours` (`open` | `clock` | `dim` | `black`: operating hours, hours.ts),
 * `data-manifest-version` (the applied manifest), `data-connection` (`connecting` | `online` |
 * `offline` | `stopped`), `data-screen-id` once the server named the screen, `data-theme`
 * (`outdoor` | `indoor`), `data-strip` (`top` | `bottom`) while a ticker strip shows. Inside,
 * `.canvas` is the rectangle drawn on and `[data-zone=main|ticker]` its zones (layout.ts).
 */
@customElement('bt-player')
export class BtPlayer extends LitElement {
  static override styles = [themeStyles, css`
    /* Outside the canvas is black in every theme: an LED sending card copies only the canvas. */
    :host {
      display: block;
      position: relative;
      width: 100%;
      height: 100%;
      overflow: hidden;
      background: #000;
    }
    .canvas {
      position: absolute;
      overflow: hidden;
      background: var(--bt-bg);
      color: var(--bt-fg);
    }
    .zone {
      position: absolute;
      left: 0;
      width: 100%;
      overflow: hidden;
    }
    /* The strip's renderers read the theme's strip colours as their own. */
    .zone[data-zone='ticker'] {
      --bt-bg: var(--bt-strip-bg);
      --bt-fg: var(--bt-strip-fg);
      --bt-accent: var(--bt-strip-fg);
      background: var(--bt-bg);
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
      from { box-shadow: inset 0 0 0 max(3px, 2vmin) var(--bt-frame); }
      to { box-shadow: inset 0 0 0 max(3px, 2vmin) var(--bt-bg); }
    }
    /* Outside operating hours (hours.ts): black saves an LED's power; dim keeps content at 30 %. */
    :host([data-hours='black']) .canvas {
      background: #000;
    }
    .dim {
      position: absolute;
      left: 0;
      top: 0;
      width: 100%;
      height: 100%;
      z-index: 1;
      background: #000;
      opacity: 0.7;
      pointer-events: none;
    }
    .replaced {
      position: absolute;
      left: 0;
      right: 0;
      bottom: 0;
      padding: 0.4em 0.8em;
      background: var(--bt-bg);
      color: var(--bt-fg);
      border-top: 2px solid var(--bt-accent);
      font: 400 max(10px, 2.5vmin) / 1.35 'Be Vietnam Pro', 'Noto Sans', sans-serif;
      text-align: center;
    }
  `];

  private readonly player = new PlayerController(this);

  constructor() {
    super();
    // A clip that ended, stalled or failed ends its item (components/video.ts).
    this.addEventListener('bt-item-ended', (e) => {
      const { itemId, since } = e.detail;
      if (itemId && since !== null) this.player.itemEnded(itemId, since, e.detail.reason);
    });
  }

  override updated(): void {
    const p = this.player;
    const hours = p.hoursMode;
    const state = !p.registered ? 'pairing' : p.play?.item && hours !== 'clock' && hours !== 'black' ? 'playing' : 'idle';
    this.setAttribute('data-state', state);
    this.setAttribute('data-hours', hours);
    this.setAttribute('data-connection', p.status);
    setOrRemove(this, 'data-manifest-version', p.manifestVersion);
    setOrRemove(this, 'data-screen-id', p.screen?.id ?? null);
    setOrRemove(this, 'data-identifying', p.identifying ? 'true' : null);
    setOrRemove(this, 'data-retired', !p.registered && p.retired ? 'true' : null);
    this.setAttribute('data-theme', p.output.theme);
    setOrRemove(this, 'data-strip', p.registered ? (p.strip?.position ?? null) : null);
    // The canvas is in CSS px (the contract); on a scaled display say so, for whoever debugs it.
    setOrRemove(this, 'data-device-pixel-ratio', window.devicePixelRatio === 1 ? null : String(window.devicePixelRatio));
    // The next picture decodes while this item shows, so it appears without a blank frame.
    const next = p.nextItem;
    const zone = next && this.renderRoot.querySelector('[data-zone=main]')?.getBoundingClientRect();
    // (Only a picture needs it: the decoding code loads with the first one.)
    if (next && zone && mediaOf(next).length > 0) {
      const media = p.media;
      void import('./media-elements.ts').then(({ prefetchPicture }) => prefetchPicture(next, media, Math.round(zone.width), Math.round(zone.height)));
    }
  }

  override render() {
    // Everything is drawn inside the canvas; the host around it stays black (layout.ts).
    return html`<div class="canvas" style=${inlineStyle(canvasStyle(this.player.output.canvas))}>${this.renderCanvas()}</div>`;
  }

  private renderCanvas() {
    const p = this.player;
    if (!p.registered) {
      return html`<bt-pairing role="status" .code=${p.pairingCode} .status=${p.pairingStatus} .retired=${p.retired}></bt-pairing>`;
    }
    const hours = p.hoursMode;
    // The operator's "identify" shows on a black screen too.
    const identify = p.identifying && p.screen
      ? html`<bt-notice class="identify" role="alert" .heading=${p.screen.name}
          .body=${[p.screen.ward, p.screen.id].filter(Boolean).join(' · ')}></bt-notice>`
      : nothing;
    if (hours === 'black') return identify;
    const item = hours === 'clock' ? null : p.play?.item;
    const strip = p.strip;
    const ticker = strip ? p.ticker.play : null;
    const zones = zoneStyles(strip);
    const since = p.play?.since ?? null;
    const emergency = item && p.emergency;
    // An emergency's look (components/emergency.ts) frames the item's own renderer; a CAP alert's
    // schedule names its event, shown after KHẨN CẤP.
    return html`<div class="zone" data-zone="main" style=${inlineStyle(zones.main)}>
      ${emergency ? html`<bt-emergency .item=${item} .media=${p.media} .now=${p.now} .since=${since} .schedule=${emergency} .event=${emergency.event ?? null}></bt-emergency>`
        : item ? renderItem(item, p.now, { media: p.media, since, screenId: p.screen?.id }) : html`<bt-idle .now=${p.now}></bt-idle>`}
    </div>
    ${strip && ticker?.item
      ? html`<div class="zone" data-zone="ticker" data-position=${strip.position} style=${inlineStyle(zones.strip)}>
          ${renderItem(ticker.item, p.now, { media: p.media, since: ticker.since, zone: 'ticker' })}
        </div>`
      : nothing}
    ${hours === 'dim' ? html`<div class="dim"></div>` : nothing}
    ${p.replaced ? html`<div class="replaced" role="status">${shellMessages.replaced}</div>` : nothing}
    ${identify}`;
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
