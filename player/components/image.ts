import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ContentFields, MediaInfo } from '../../playlists/player.ts';
import { BoxSize } from '../box-size.ts';
import { FitController, fitText } from '../fit-text.ts';
import type { PlanPage } from '../fit-plan.ts';
import { captionBandPx } from '../kind-parts.ts';
import { DecodedImage } from '../decoded-image.ts';
import { mediaFile } from '../media-files.ts';
import { PagedText, partText } from './paged.ts';
import { markItem } from './styles.ts';
import { inlineStyle } from '../inline-style.ts';

export type ImageItem = Extract<ContentFields, { kind: 'image' }> & { id?: string };

/**
 * A picture from the media library, letterboxed (`contain`) or cropped to fill (`cover`), with
 * an optional caption in a band below it, always tall enough for one legible line; a caption
 * longer than the band holds takes turns there, page by page (fit-plan.ts). The file is
 * the smallest one that covers the whole zone at devicePixelRatio 1 (`mediaFile`), and a new
 * picture replaces the old one only once decoded. `data-src` on the host is the file shown.
 */
@customElement('bt-image')
export class BtImage extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      box-sizing: border-box;
      width: 100%;
      height: 100%;
      overflow: hidden;
      background: var(--bt-bg, #000);
      color: var(--bt-fg, #fff);
      font-family: 'Be Vietnam Pro', 'Noto Sans', sans-serif;
      font-weight: 700;
    }
    .picture {
      flex: 1 1 auto;
      min-height: 0;
      position: relative;
    }
    .picture > img {
      position: absolute;
      left: 0;
      top: 0;
      width: 100%;
      height: 100%;
    }
    .fit-box {
      flex: none;
      display: flex;
      align-items: center;
      justify-content: center;
      overflow: hidden;
      padding: 0 3%;
    }
    .fit {
      flex: none;
      box-sizing: border-box;
      max-width: 100%;
      padding: 0.15em 0;
      text-align: center;
      line-height: 1.3;
    }
    .fit > [data-text] {
      display: block;
    }
    .fit > [hidden] {
      display: none;
    }
    .nobr {
      white-space: nowrap;
    }
  `;

  @property({ attribute: false }) item: ImageItem | null = null;
  /** The manifest's media (or the admin's library), to find the item's files. */
  @property({ attribute: false }) media: readonly MediaInfo[] = [];
  /** The player's corrected clock and the slot's start: the caption's pages turn on them. */
  @property({ attribute: false }) now: () => number = () => Date.now();
  @property({ attribute: false }) since: number | null = null;

  private readonly box = new BoxSize(this);
  private readonly image = new DecodedImage(this);
  private readonly paged = new PagedText(this);
  private page: PlanPage | null = null;

  constructor() {
    super();
    new FitController(this, () => this.fit());
  }


  private get band(): number {
    return this.item?.caption ? captionBandPx(this.box.height) : 0;
  }

  override willUpdate(): void {
    const item = this.item;
    markItem(this, item?.id);
    this.page = item?.caption ? this.paged.page(item, this.box.width, this.box.height, this.now, this.since) : null;
    const info = item ? this.media.find((m) => m.id === item.media) : undefined;
    const pictureHeight = this.box.height - this.band;
    // The file for the whole zone, the one the offline cache holds (media-files.ts), whatever the caption takes.
    const file = item && info && this.box.width > 0 && pictureHeight > 0 ? mediaFile(info, this.box) : null;
    // Until the box is measured, keep whatever shows: a resize never blanks the picture.
    if (file) this.image.want(file.url);
    else if (!item || !info) this.image.want(null);
  }

  override render() {
    const item = this.item;
    if (!item) return nothing;
    const img = this.image.shown;
    if (img) {
      img.style.objectFit = item.fit;
      img.alt = item.caption ?? '';
    }
    return html`<div class="picture">${img ?? nothing}</div>
      ${this.page
        ? html`<div class="fit-box" style=${inlineStyle({ height: `${this.band}px` })}>
            <div class="fit">${this.page.parts.map((p) => partText(p))}</div>
          </div>`
        : nothing}`;
  }

  override updated(): void {
    const src = this.image.shown?.getAttribute('src');
    if (src) this.setAttribute('data-src', src);
    else this.removeAttribute('data-src');
  }

  private fit(): void {
    const el = this.renderRoot.querySelector<HTMLElement>('.fit');
    // Never under the legible size: the plan put on this page only what fits in the band at it.
    if (el && this.page) fitText(el, { min: this.page.floorPx });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-image': BtImage;
  }
}
