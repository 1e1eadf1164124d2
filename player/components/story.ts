import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ContentFields, MediaInfo } from '../../playlists/player.ts';
import { DecodedImage } from '../decoded-image.ts';
import { mediaFile } from '../media-files.ts';
import { storyLayout, storyTextBox, type StoryLayout } from '../story-layout.ts';
import { noticeLayout, type QrPlacement } from '../notice-layout.ts';
import { withScreenLink } from '../short-link-item.ts';
import type { PlanPage } from '../fit-plan.ts';
import { messages } from '../messages.ts';
import './qr-code.ts';
import { PagedItem, pagedStyles, partText } from './paged.ts';
import { screenStyles } from './styles.ts';
import { inlineStyle } from '../inline-style.ts';

export type StoryItem = Extract<ContentFields, { kind: 'story' }> & { id?: string };

/**
 * A role model (a graduate held up as an example): photo, name, trade, school, outcome and quote. The photo sits
 * beside the text in landscape and above it in portrait, and is left out on small boards
 * (story-layout.ts). Where the lines cannot all be legible together, they take turns within the
 * item's slot — name, trade and school first, then the outcome, then the quote (fit-plan.ts).
 * `data-layout` on the host is the photo placement (`side` | `top` | `none`).
 */
@customElement('bt-story')
export class BtStory extends PagedItem<StoryItem> {
  static override styles = [
    screenStyles,
    pagedStyles,
    css`
      .layout {
        display: flex;
        width: 100%;
        height: 100%;
      }
      .layout.top {
        flex-direction: column;
      }
      .photo {
        flex: none;
        position: relative;
        overflow: hidden;
        background: var(--bt-panel, #111);
      }
      .photo > img {
        position: absolute;
        left: 0;
        top: 0;
        width: 100%;
        height: 100%;
        object-fit: cover;
      }
      .layout > .fit-box,
      .layout > .text {
        flex: 1 1 0;
      }
      /* With a QR code: the text and the code side by side, or the code below in portrait. */
      .text {
        display: flex;
        align-items: center;
        justify-content: space-between;
      }
      .text.below {
        flex-direction: column;
      }
      .text > .fit-box {
        flex: none;
      }
      .name {
        font-weight: 800;
      }
      .trade {
        font-size: 0.7em;
      }
      .school {
        margin-top: 0.2em;
        font-size: 0.55em;
        font-weight: 400;
      }
      .outcome {
        margin-top: 0.3em;
        font-size: 0.55em;
      }
      .quote {
        margin-top: 0.6em;
        font-size: 0.5em;
        font-weight: 400;
        font-style: italic;
      }
    `,
  ];

  /** The manifest's media (or the admin's library), to find the photo's files. */
  @property({ attribute: false }) media: readonly MediaInfo[] = [];
  /** The screen's id: a QR code then points at its short link, counted per screen. */
  @property({ attribute: false }) screenId: string | null = null;

  private readonly photo = new DecodedImage(this);
  private layout: StoryLayout | null = null;
  private info: MediaInfo | undefined;
  /** The item as shown: its QR address is this screen's short link. */
  private shown: StoryItem | null = null;
  private qr: { text: { width: number; height: number }; qr: QrPlacement | null } | null = null;

  protected override hasPhoto(): boolean {
    return this.info !== undefined;
  }

  protected override shownItem(): StoryItem | null {
    return this.shown;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    const item = (this.shown = this.item && withScreenLink(this.item, this.screenId));
    const info = item?.photo ? this.media.find((m) => m.id === item.photo) : undefined;
    this.info = info;
    const layout = item && this.box.width > 0 ? storyLayout(this.box.width, this.box.height, info !== undefined) : null;
    this.layout = layout;
    const textBox = layout && storyTextBox(this.box.width, this.box.height, layout);
    this.qr = item?.qrUrl && textBox ? noticeLayout(textBox.width, textBox.height, item.qrUrl) : null;
    super.willUpdate(changed);
    this.setAttribute('data-layout', layout?.photo ?? 'none');
    // The file for the whole zone, not the photo's part of it: the one the offline cache holds (media-files.ts).
    const file = info && layout && layout.photo !== 'none' ? mediaFile(info, this.box) : null;
    this.photo.want(file?.url ?? null);
  }

  override render() {
    const item = this.shown;
    const layout = this.layout;
    const page = this.page;
    if (!item || !layout || !page) return nothing;
    const img = this.photo.shown;
    if (img) {
      // The decoded element is shared with `<bt-image>` (media-elements.ts, decoded-image.ts), which sets its own fit.
      img.style.objectFit = 'cover';
      img.alt = item.name;
    }
    // The photo's other side follows the text box, so rounding never makes it overflow.
    const photoStyle: Record<string, string> =
      layout.photo === 'side'
        ? { width: `${layout.photoWidth}px`, height: '100%', 'margin-right': `${layout.gap}px` }
        : { width: '100%', height: `${layout.photoHeight}px`, 'margin-bottom': `${layout.gap}px` };
    return html`<div class="layout ${layout.photo}">
      ${layout.photo !== 'none'
        ? html`<div class="photo" style=${inlineStyle(photoStyle)}>${img ?? nothing}</div>`
        : nothing}
      ${this.renderText(item, page)}
    </div>`;
  }

  private renderText(item: StoryItem, page: PlanPage) {
    const text = html`<div class="fit">${page.parts.map((p) => partText(p, p.name === 'name' || p.name === 'outcome' ? 'accent' : ''))}</div>`;
    const qr = this.qr;
    if (!qr?.qr || !item.qrUrl) return html`<div class="fit-box">${text}</div>`;
    return html`<div class="text ${qr.qr.place}">
      <div class="fit-box" style=${inlineStyle({ width: `${qr.text.width}px`, height: `${qr.text.height}px` })}>${text}</div>
      <bt-qr .url=${item.qrUrl} .modulePx=${qr.qr.modulePx} .label=${messages.notice.qrLabel}></bt-qr>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-story': BtStory;
  }
}
