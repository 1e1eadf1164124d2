import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ContentFields, MediaInfo } from '../../playlists/index.ts';
import { BtEmergency, THEME_COLOURS, renderItem, systemNow } from '../../player/preview.ts';
import { PREVIEW_SCREEN_ID } from '../../playlists/short-link.ts';
import { editorMessages } from '../messages/editor.ts';
import { previewScale, type PreviewProfile } from '../preview-profiles.ts';

/** How long typing pauses before the preview follows. */
export const PREVIEW_DEBOUNCE_MS = 150;
/** The tallest the preview may grow in the editor column, as a share of the window. */
const MAX_HEIGHT_SHARE = 0.55;

/**
 * A content item as a screen of the chosen profile shows it, drawn by the player's own
 * renderers in a box of exactly the profile's CSS pixels, then scaled to fit the column: down
 * for bulletin boards, up by a whole factor for small LED boards (pixelated, so each LED pixel
 * is a square). Layout happens at the true size, so line breaks and fitted text sizes are the
 * player's.
 *
 * With `emergency` set, the item shows in the emergency look the player gives an emergency
 * (`<bt-emergency>`: red frame, KHẨN CẤP band, the time it was issued).
 *
 * `.screen` carries `data-width`, `data-height` and `data-scale` for tests.
 */
@customElement('bt-item-preview')
export class ItemPreview extends LitElement {
  static override styles = css`
    :host { display: block; min-width: 0; }
    figure { margin: 0; display: grid; gap: 0.35rem; justify-items: start; }
    .frame { position: relative; overflow: hidden; background: #000; outline: 1px solid #5b6571; }
    .screen { position: absolute; left: 0; top: 0; transform-origin: 0 0; overflow: hidden; background: var(--bt-bg, #000);
      image-rendering: pixelated; }
    .screen.smooth { image-rendering: auto; }
    figcaption { font-size: 0.8rem; color: #5b6571; }
    .note { font-size: 0.85rem; color: #6b4d00; background: #fff1c2; padding: 0.3rem 0.5rem; border-radius: 6px; margin: 0; }
    .empty { display: grid; place-items: center; color: #9aa4b1; font-size: 0.9rem; padding: 1rem; text-align: center;
      border: 1px dashed #9aa4b1; border-radius: 6px; min-height: 6rem; }
  `;

  /** The item, as the schema parsed it; null while nothing valid has been typed yet. */
  @property({ attribute: false }) item: ContentFields | null = null;
  /** Set while the form holds an invalid edit: the preview shows the last valid version. */
  @property({ type: Boolean }) stale = false;
  @property({ attribute: false }) profile!: PreviewProfile;
  /** The library's media, so pictures and clips load from their `/media/…` files as on screens. */
  @property({ attribute: false }) media: readonly MediaInfo[] = [];
  /** Preview as an emergency: when it is issued, and the event's name if any. */
  @property({ attribute: false }) emergency: { issuedAt: number; event?: string | null } | null = null;

  @state() private shown: ContentFields | null = null;
  @state() private room = { width: 320, height: 360 };

  private timer: ReturnType<typeof setTimeout> | null = null;
  private observer: ResizeObserver | null = null;
  private readonly now = systemNow;
  private readonly measure = () => {
    const width = this.clientWidth;
    const height = Math.max(160, Math.round(window.innerHeight * MAX_HEIGHT_SHARE));
    if (width > 0 && (width !== this.room.width || height !== this.room.height)) this.room = { width, height };
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new ResizeObserver(this.measure);
    this.observer.observe(this);
    window.addEventListener('resize', this.measure);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = null;
    window.removeEventListener('resize', this.measure);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (!changed.has('item') || !this.item) return;
    // The first version shows at once; later ones once typing pauses.
    if (!this.shown) {
      this.shown = this.item;
      return;
    }
    const latest = this.item;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.shown = latest;
    }, PREVIEW_DEBOUNCE_MS);
  }

  override updated(): void {
    // Sizes go through the CSSOM: the admin CSP refuses style attributes.
    const screen = this.renderRoot.querySelector<HTMLElement>('.screen');
    const frame = this.renderRoot.querySelector<HTMLElement>('.frame');
    if (!screen || !frame) return;
    const { width, height } = this.profile;
    const scale = Number(screen.dataset['scale']);
    frame.style.width = `${Math.round(width * scale)}px`;
    frame.style.height = `${Math.round(height * scale)}px`;
    screen.style.width = `${width}px`;
    screen.style.height = `${height}px`;
    screen.style.transform = `scale(${scale})`;
    // The screen's theme, as `<bt-player>` sets it: custom properties every renderer inherits.
    for (const [name, value] of Object.entries(THEME_COLOURS[this.profile.theme])) screen.style.setProperty(name, value);
  }

  override render() {
    const t = editorMessages.preview;
    const { width, height } = this.profile;
    if (!this.shown) return html`<div class="empty">${t.empty}</div>`;
    const scale = previewScale(width, height, this.room);
    const percent = `${Math.round(scale * 100)}%`;
    return html`<figure>
      <div class="frame">
        <div class="screen ${scale < 1 ? 'smooth' : ''}" data-width=${width} data-height=${height} data-scale=${scale}
          data-theme=${this.profile.theme}>
          ${this.emergency
            ? html`<bt-emergency .item=${this.shown} .media=${this.media} .now=${this.now} .issuedAt=${this.emergency.issuedAt}
                .event=${this.emergency.event ?? null}></bt-emergency>`
            : renderItem(this.shown, this.now, { media: this.media, screenId: PREVIEW_SCREEN_ID })}
        </div>
      </div>
      <figcaption>${t.size(width, height, percent)}</figcaption>
      ${this.stale ? html`<p class="note">${t.stale}</p>` : nothing}
    </figure>`;
  }
}

// The emergency look is the player's own element (player/preview.ts); referenced so it is defined.
void BtEmergency;

declare global {
  interface HTMLElementTagNameMap {
    'bt-item-preview': ItemPreview;
  }
}
