import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MediaInfo } from '../../playlists/player.ts';
import { BoxSize } from '../box-size.ts';
import { legibleAt } from '../legibility.ts';
import { DecodedImage } from '../decoded-image.ts';
import { mediaFile } from '../media-files.ts';
import { pictureLayout, type PictureLayout } from '../picture-layout.ts';
import { inlineStyle } from '../inline-style.ts';
import type { SloganItem } from './slogan.ts';
import './slogan.ts';

/**
 * A slogan with a picture (an emergency message with an image): the text at once, as
 * `<bt-slogan>` draws it, and the picture beside it (landscape) or above it (portrait) as soon
 * as it has decoded — never waited for. The picture is left out where the text beside it would
 * not be legible (picture-layout.ts). The file is the one for the whole zone, which the offline
 * cache holds (media-files.ts).
 *
 * On the host: `data-layout` (`side` | `top` | `none`) is what is drawn now, `data-picture`
 * (`shown` | `loading` | `failed` | `none`) the picture's state.
 */
@customElement('bt-slogan-picture')
export class BtSloganPicture extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      width: 100%;
      height: 100%;
      box-sizing: border-box;
    }
    :host([data-layout='top']) {
      flex-direction: column;
    }
    .picture {
      flex: none;
      position: relative;
      overflow: hidden;
    }
    .picture > img {
      position: absolute;
      left: 0;
      top: 0;
      width: 100%;
      height: 100%;
      object-fit: contain;
    }
    bt-slogan {
      flex: 1 1 0;
      min-width: 0;
      min-height: 0;
    }
  `;

  @property({ attribute: false }) item: SloganItem | null = null;
  /** The manifest's media (or the admin's library), to find the picture's files. */
  @property({ attribute: false }) media: readonly MediaInfo[] = [];
  /** Passed on to `<bt-slogan>` (its ticker fallback). */
  @property({ attribute: false }) now: () => number = () => Date.now();
  @property({ attribute: false }) since: number | null = null;

  private readonly box = new BoxSize(this);
  private readonly picture = new DecodedImage(this);
  private layout: PictureLayout | null = null;
  /** The slogan without its picture, one object per item so `<bt-slogan>` keeps its state. */
  private text: { from: SloganItem; item: SloganItem } | null = null;

  override willUpdate(): void {
    const item = this.item;
    if (item && this.text?.from !== item) {
      const { image: _image, ...rest } = item;
      this.text = { from: item, item: rest };
    }
    const info = item?.image ? this.media.find((m) => m.id === item.image && m.kind === 'image') : undefined;
    this.layout = item && info && this.box.width > 0
      ? pictureLayout(this.box.width, this.box.height, info.width / info.height, (w, h) => legibleAt(this.text!.item, w, h)?.ok ?? true)
      : null;
    const wanted = info && this.layout && this.layout.picture !== 'none' ? mediaFile(info, this.box) : null;
    this.picture.want(wanted?.url ?? null);
    const planned = this.layout?.picture ?? 'none';
    const img = planned !== 'none' ? this.picture.shown : null;
    this.setAttribute('data-layout', img ? planned : 'none');
    this.setAttribute('data-picture', planned === 'none' ? 'none' : img ? 'shown' : this.picture.failed ? 'failed' : 'loading');
  }

  override render() {
    const item = this.text?.item;
    if (!this.item || !item) return nothing;
    const layout = this.layout;
    const img = layout && layout.picture !== 'none' ? this.picture.shown : null;
    const slogan = html`<bt-slogan .item=${item} .now=${this.now} .since=${this.since}></bt-slogan>`;
    if (!img || !layout) return slogan;
    img.style.objectFit = 'contain';
    img.alt = '';
    const box = { width: `${layout.pictureWidth}px`, height: `${layout.pictureHeight}px`, margin: `${layout.gap}px`, [layout.picture === 'side' ? 'margin-right' : 'margin-bottom']: '0' };
    return html`<div class="picture" style=${inlineStyle(box)}>${img}</div>${slogan}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-slogan-picture': BtSloganPicture;
  }
}
