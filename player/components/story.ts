import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ContentFields, MediaInfo } from '../../playlists/player.ts';
import { BoxSize } from '../box-size.ts';
import { FitController, fitText, keepDashes } from '../fit-text.ts';
import { MIN_FONT_PX } from '../legibility.ts';
import { DecodedImage } from '../media-elements.ts';
import { mediaFile } from '../media-files.ts';
import { storyLayout, type StoryLayout } from '../story-layout.ts';
import { markItem, screenStyles } from './styles.ts';
import { inlineStyle } from '../inline-style.ts';

export type StoryItem = Extract<ContentFields, { kind: 'story' }> & { id?: string };

/**
 * A role model (a graduate held up as an example): photo, name, trade, school, outcome and quote. The photo sits
 * beside the text in landscape and above it in portrait, and is left out on small boards
 * (story-layout.ts); the outcome and quote are hidden where they could not be legible.
 * `data-layout` on the host is the photo placement (`side` | `top` | `none`).
 */
@customElement('bt-story')
export class BtStory extends LitElement {
  static override styles = [
    screenStyles,
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
      .layout > .fit-box {
        flex: 1 1 0;
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

  @property({ attribute: false }) item: StoryItem | null = null;
  /** The manifest's media (or the admin's library), to find the photo's files. */
  @property({ attribute: false }) media: readonly MediaInfo[] = [];

  private readonly box = new BoxSize(this);
  private readonly photo = new DecodedImage(this);
  private layout: StoryLayout | null = null;

  constructor() {
    super();
    new FitController(this, () => this.fit());
  }

  override willUpdate(): void {
    const item = this.item;
    markItem(this, item?.id);
    const info = item?.photo ? this.media.find((m) => m.id === item.photo) : undefined;
    const layout = item && this.box.width > 0 ? storyLayout(this.box.width, this.box.height, info !== undefined, Boolean(item.quote)) : null;
    this.layout = layout;
    this.setAttribute('data-layout', layout?.photo ?? 'none');
    // The file for the whole zone, not the photo's part of it: the one the offline cache holds (media-files.ts).
    const file = info && layout && layout.photo !== 'none' ? mediaFile(info, this.box) : null;
    this.photo.want(file?.url ?? null);
  }

  override render() {
    const item = this.item;
    const layout = this.layout;
    if (!item || !layout) return nothing;
    const img = this.photo.shown;
    if (img) {
      // The decoded element is shared with `<bt-image>` (media-elements.ts), which sets its own fit.
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
      <div class="fit-box">
        <div class="fit">
          <span data-text class="name accent">${keepDashes(item.name)}</span>
          <span data-text class="trade">${keepDashes(item.trade)}</span>
          <span data-text class="school">${keepDashes(item.school)}</span>
          ${item.outcome ? html`<span data-text data-optional class="outcome accent">${keepDashes(item.outcome)}</span>` : nothing}
          ${item.quote && layout.quote ? html`<span data-text data-optional class="quote">“${keepDashes(item.quote)}”</span>` : nothing}
        </div>
      </div>
    </div>`;
  }

  private fit(): void {
    const el = this.renderRoot.querySelector<HTMLElement>('.fit');
    if (el) fitText(el, { minLegible: MIN_FONT_PX });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-story': BtStory;
  }
}
