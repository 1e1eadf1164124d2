import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { MediaEntry, MediaId } from '../../playlists/index.ts';
import { mediaApi, type UploadResult } from '../media-api.ts';
import { mediaErrorText, mediaMessages } from '../messages/media.ts';
import { Loader } from '../load.ts';
import { describe, thumbStyles, thumbnail } from './media-thumb.ts';
import './media-upload.ts';
import { controls } from './styles.ts';

const t = () => mediaMessages.picker;

export interface MediaPickDetail {
  id: MediaId | null;
  media: MediaEntry | null;
}

/**
 * Chooses one image or one clip from the media library, or uploads a new one (which is then
 * chosen). Shows the current choice with its thumbnail.
 *
 * @fires change - `CustomEvent<MediaPickDetail>` when the choice changes (`id` null: cleared).
 */
@customElement('bt-media-picker')
export class MediaPicker extends LitElement {
  static override styles = [
    controls,
    thumbStyles,
    css`
      :host { display: block; }
      .current { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; }
      .current .name { font-weight: 600; overflow-wrap: anywhere; }
      .current .meta { color: #5b6572; font-size: 0.85rem; }
      .panel { margin-top: 0.5rem; padding: 0.75rem; border: 1px solid #dde2e8; border-radius: 8px; background: #f8fafc; display: grid; gap: 0.75rem; }
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: 0.5rem; max-height: 22rem; overflow: auto; }
      .grid button { display: grid; gap: 0.25rem; padding: 0.4rem; text-align: left; font-size: 0.8rem; }
      .grid button[aria-pressed='true'] { outline: 3px solid #0b5cad; }
      .grid .thumb { width: 100%; }
      .grid span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    `,
  ];

  /** Which kind of medium this slot takes. */
  @property() kind: 'image' | 'video' = 'image';
  /** The chosen medium's id. */
  @property() value: MediaId | null = null;
  /** Whether the slot may be left empty (a story's photo). */
  @property({ type: Boolean }) optional = false;
  /** Whether the user may upload (the picker hides the upload box otherwise). */
  @property({ type: Boolean, attribute: 'can-upload' }) canUpload = true;
  @state() private open = false;
  /** The library's media of this kind. */
  private readonly library = new Loader(this, async () => (await mediaApi.list()).media.filter((m) => m.kind === this.kind), { text: mediaErrorText });

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  async load() {
    await this.library.load();
  }

  private get media(): MediaEntry[] {
    return this.library.value ?? [];
  }

  override render() {
    const chosen = this.media.find((m) => m.id === this.value);
    return html`
      <div class="current">
        ${chosen
          ? html`${thumbnail(chosen)}<div><div class="name">${chosen.name}</div><div class="meta">${describe(chosen)}</div></div>`
          : html`<span>${this.value ? this.value.slice(0, 12) : t().none}</span>`}
        <button type="button" @click=${this.toggle} aria-expanded=${this.open}>${this.open ? t().close : t().open}</button>
        ${this.optional && this.value ? html`<button type="button" @click=${() => this.choose(null)}>${t().clear}</button>` : nothing}
      </div>
      ${this.library.error ? html`<p class="error" role="status">${this.library.error}</p>` : nothing}
      ${this.open ? this.renderPanel() : nothing}
    `;
  }

  private renderPanel() {
    return html`<div class="panel">
      ${this.media.length
        ? html`<div class="grid">
            ${this.media.map(
              (m) => html`<button type="button" data-media-id=${m.id} aria-pressed=${m.id === this.value} title=${t().pick(m.name)} @click=${() => this.choose(m)}>
                ${thumbnail(m)}<span>${m.name}</span><span>${m.width}×${m.height}</span>
              </button>`,
            )}
          </div>`
        : html`<p>${t().nothing(this.kind)}</p>`}
      ${this.canUpload ? html`<bt-media-upload kind=${this.kind} @uploaded=${this.onUploaded}></bt-media-upload>` : nothing}
    </div>`;
  }

  private toggle() {
    this.open = !this.open;
    if (this.open) void this.load();
  }

  private async onUploaded(e: CustomEvent<UploadResult>) {
    e.stopPropagation();
    await this.load();
    // An upload of the other kind (dropped by mistake) stays in the library but is not chosen.
    if (e.detail.entry.kind === this.kind) this.choose(e.detail.entry);
  }

  private choose(m: MediaEntry | null) {
    this.value = m?.id ?? null;
    this.open = false;
    this.dispatchEvent(new CustomEvent<MediaPickDetail>('change', { detail: { id: this.value, media: m }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-media-picker': MediaPicker;
  }
}
