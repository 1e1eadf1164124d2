import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { MediaEntry, MediaUse } from '../../playlists/index.ts';
import { ApiError } from '../api.ts';
import { mediaApi } from '../media-api.ts';
import { editorMessages } from '../messages/editor.ts';
import { formatInstant } from '../format.ts';
import { mediaErrorText, mediaMessages } from '../messages/media.ts';
import { Loader, errorMessage } from '../load.ts';
import { describe, thumbStyles, thumbnail } from './media-thumb.ts';
import './media-upload.ts';
import { controls } from './styles.ts';

const t = () => mediaMessages;
type Filter = 'all' | 'image' | 'video';

/** Where a medium is used: the item's kind and label, and whether it is a draft or on air. */
export function useText(use: Pick<MediaUse, 'kind' | 'label' | 'draft' | 'published'>): string {
  const kind = (editorMessages.kinds as Record<string, string>)[use.kind] ?? t().itemKinds[use.kind] ?? use.kind;
  const where = [use.draft && t().draft, use.published && t().published].filter(Boolean).join(', ');
  return `${kind} ${use.label ? `“${use.label}”` : t().noLabel}${where ? ` (${where})` : ''}`;
}

/**
 * The media library: upload images and clips (with a progress bar per file), see every
 * medium with its thumbnail, size, type, dimensions and duration and where it is used, and
 * delete the unused ones. A refused delete lists the items that still show the medium.
 */
@customElement('bt-media-library')
export class MediaLibraryView extends LitElement {
  static override styles = [
    controls,
    thumbStyles,
    css`
      :host { display: block; }
      .intro { color: #3d4550; margin: 0 0 0.75rem; }
      .bar { display: flex; gap: 0.5rem; align-items: center; margin: 1rem 0 0.5rem; flex-wrap: wrap; }
      .bar button[aria-pressed='true'] { background: #0b2540; color: #fff; border-color: #0b2540; }
      table { background: #fff; border-radius: 8px; }
      td.name { max-width: 22rem; overflow-wrap: anywhere; font-weight: 600; }
      td .meta { font-weight: 400; color: #5b6572; font-size: 0.85rem; margin-top: 0.25rem; }
      ul.uses { margin: 0; padding-left: 1.1rem; font-size: 0.9rem; }
      .unused { color: #5b6572; font-size: 0.9rem; }
      .message { margin: 0.75rem 0; }
      .message ul { margin: 0.4rem 0 0; padding-left: 1.2rem; }
    `,
  ];

  /** Whether the user may upload and delete (admin, editor, approver, ward operator). */
  @property({ type: Boolean, attribute: 'can-upload' }) canUpload = false;
  @state() private filter: Filter = 'all';
  @state() private message: { ok: boolean; text: string; items?: string[] } | null = null;
  @state() private busy = false;

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  /** The library; a failure shows on the message line. */
  private readonly library = new Loader(this, async () => (await mediaApi.list()).media, {
    text: mediaErrorText,
    onError: (text) => (this.message = { ok: false, text }),
  });

  async load() {
    await this.library.load();
  }

  private get media(): MediaEntry[] {
    return this.library.value ?? [];
  }

  override render() {
    const shown = this.media.filter((m) => this.filter === 'all' || m.kind === this.filter);
    return html`
      <h2>${t().title}</h2>
      <p class="intro">${t().intro}</p>
      ${this.canUpload ? html`<bt-media-upload @uploaded=${() => this.load()}></bt-media-upload>` : nothing}
      ${this.message
        ? html`<div class="message ${this.message.ok ? 'ok' : 'error'}" role="status">
            ${this.message.text}
            ${this.message.items ? html`<ul>${this.message.items.map((i) => html`<li>${i}</li>`)}</ul>` : nothing}
          </div>`
        : nothing}
      <div class="bar">
        <span>${t().filter}:</span>
        ${(['all', 'image', 'video'] as const).map((f) => html`<button aria-pressed=${f === this.filter} @click=${() => (this.filter = f)}>${t().filters[f]}</button>`)}
        <button @click=${() => this.load()}>${t().refresh}</button>
      </div>
      ${shown.length === 0
        ? html`<p>${t().empty}</p>`
        : html`<table>
            <thead><tr><th>${t().columns.preview}</th><th>${t().columns.name}</th><th>${t().columns.usedBy}</th><th></th></tr></thead>
            <tbody>${shown.map((m) => this.renderRow(m))}</tbody>
          </table>`}
    `;
  }

  private renderRow(m: MediaEntry) {
    return html`<tr data-media-id=${m.id} data-kind=${m.kind}>
      <td>${thumbnail(m)}</td>
      <td class="name">
        ${m.name}
        <div class="meta details">${describe(m)}</div>
        <div class="meta">${t().uploadedAt(formatInstant(m.createdAt))}${m.ownerWard ? ` · ${t().ward(m.ownerWard)}` : ''}</div>
      </td>
      <td>
        ${m.usedBy.length || m.otherUses
          ? html`<ul class="uses">${m.usedBy.map((u) => html`<li>${useText(u)}</li>`)}${m.otherUses ? html`<li>${t().otherUses(m.otherUses)}</li>` : nothing}</ul>`
          : html`<span class="unused">${t().unused}</span>`}
      </td>
      <td>${this.canUpload ? html`<button class="danger" ?disabled=${this.busy} @click=${() => this.deleteMedium(m)}>${t().delete}</button>` : nothing}</td>
    </tr>`;
  }

  private async deleteMedium(m: MediaEntry) {
    if (!confirm(t().confirmDelete(m.name))) return;
    this.busy = true;
    try {
      await mediaApi.remove(m.id);
      this.message = { ok: true, text: t().deleted(m.name) };
    } catch (e) {
      if (e instanceof ApiError && e.code === 'media_in_use') {
        // The server names each item (`items.<id>`); the list says what it is.
        const items = e.issues.map((issue) => {
          // Items this user may not read come as a count only.
          if (issue.path === 'otherUses') return t().otherUses(Number(/\d+/.exec(issue.message)?.[0] ?? m.otherUses));
          const use = m.usedBy.find((u) => `items.${u.itemId}` === issue.path);
          return use ? useText(use) : issue.message;
        });
        this.message = { ok: false, text: t().inUse, items };
      } else this.message = { ok: false, text: errorMessage(e, mediaErrorText) };
    } finally {
      this.busy = false;
      await this.load();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-media-library': MediaLibraryView;
  }
}
