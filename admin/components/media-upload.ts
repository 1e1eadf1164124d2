import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { mediaApi, type UploadResult } from '../media-api.ts';
import { mediaErrorText, mediaMessages } from '../messages/media.ts';
import { errorMessage } from '../load.ts';
import { controls } from './styles.ts';

const t = () => mediaMessages;
const ACCEPT = {
  image: 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp',
  video: 'video/mp4,video/webm,.mp4,.webm',
};

interface Row {
  key: number;
  name: string;
  loaded: number;
  total: number;
  state: 'waiting' | 'uploading' | 'processing' | 'done' | 'error';
  text: string;
}

/**
 * The upload box: a file chooser and a drop zone. Each file gets a row whose `<progress>`
 * fills as its bytes are sent (XMLHttpRequest upload events), then shows what the server made
 * of it. Files go one at a time.
 *
 * @fires uploaded - `CustomEvent<UploadResult>` for each file the library now has (new or already there).
 */
@customElement('bt-media-upload')
export class MediaUpload extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; }
      .drop { border: 2px dashed #9aa4b1; border-radius: 8px; padding: 0.75rem 1rem; display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; background: #fff; }
      .drop.over { border-color: #0b5cad; background: #eaf3fc; }
      .hint { color: #5b6572; font-size: 0.9rem; }
      ul { list-style: none; margin: 0.5rem 0 0; padding: 0; display: grid; gap: 0.4rem; }
      li { display: grid; grid-template-columns: minmax(8rem, 16rem) minmax(8rem, 1fr) auto; gap: 0.75rem; align-items: center; background: #fff; padding: 0.4rem 0.75rem; border-radius: 6px; }
      li .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      progress { width: 100%; height: 0.9rem; }
      li .error, li .ok { padding: 0.2rem 0.5rem; }
    `,
  ];

  /** Narrows the file chooser to images or videos; empty takes both. */
  @property() kind: 'image' | 'video' | '' = '';
  @state() private rows: Row[] = [];
  @state() private over = false;
  #queue: Promise<void> = Promise.resolve();
  #next = 0;

  override render() {
    const label = this.kind === 'image' ? t().chooseImage : this.kind === 'video' ? t().chooseVideo : t().choose;
    const accept = this.kind ? ACCEPT[this.kind] : `${ACCEPT.image},${ACCEPT.video}`;
    return html`
      <div class="drop ${this.over ? 'over' : ''}" @dragover=${this.onDragOver} @dragleave=${() => (this.over = false)} @drop=${this.onDrop}>
        <label class="file-pick"><span class="file-button">${label}</span><input type="file" name="file" accept=${accept} multiple @change=${this.onChoose} /></label>
        <span class="hint">${t().drop}</span>
      </div>
      ${this.rows.length
        ? html`<ul>
            ${this.rows.map(
              (r) => html`<li data-state=${r.state}>
                <span class="name" title=${r.name}>${r.name}</span>
                <progress max=${r.total || 1} value=${r.loaded}></progress>
                <span role="status" class=${r.state === 'error' ? 'error' : r.state === 'done' ? 'ok' : ''}>${r.text}</span>
              </li>`,
            )}
          </ul>`
        : nothing}
    `;
  }

  /** Uploads files (from a chooser, a drop, or a caller). */
  add(files: Iterable<File>): void {
    for (const file of files) {
      const row: Row = { key: this.#next++, name: file.name, loaded: 0, total: file.size, state: 'waiting', text: '' };
      this.rows = [row, ...this.rows].slice(0, 20);
      this.#queue = this.#queue.then(() => this.#send(file, row.key));
    }
  }

  #patch(key: number, change: Partial<Row>) {
    this.rows = this.rows.map((r) => (r.key === key ? { ...r, ...change } : r));
  }

  async #send(file: File, key: number) {
    this.#patch(key, { state: 'uploading', text: t().uploading });
    try {
      const result = await mediaApi.upload(file, (loaded, total) => {
        const done = loaded >= total;
        this.#patch(key, { loaded, total, state: done ? 'processing' : 'uploading', text: done ? t().processing : t().uploading });
      });
      this.#patch(key, { loaded: file.size, total: file.size, state: 'done', text: result.created ? t().uploaded : t().duplicate });
      this.dispatchEvent(new CustomEvent<UploadResult>('uploaded', { detail: result, bubbles: true, composed: true }));
    } catch (e) {
      this.#patch(key, { state: 'error', text: errorMessage(e, mediaErrorText) });
    }
  }

  private onChoose(e: Event) {
    const input = e.target as HTMLInputElement;
    this.add(Array.from(input.files ?? []));
    input.value = '';
  }

  private onDragOver(e: DragEvent) {
    e.preventDefault();
    this.over = true;
  }

  private onDrop(e: DragEvent) {
    e.preventDefault();
    this.over = false;
    this.add(Array.from(e.dataTransfer?.files ?? []));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-media-upload': MediaUpload;
  }
  interface HTMLElementEventMap {
    uploaded: CustomEvent<UploadResult>;
  }
}
