import { LitElement, html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import {
  NOTICE_BODY_MAX,
  NOTICE_TITLE_MAX,
  SLOGAN_MAX,
  type ContentEntry,
  type ContentFields,
  type ContentKind,
  type Pending,
  type PlaylistEntry,
} from '../../playlists/index.ts';
import { api, ApiError } from '../api.ts';
import { errorText, messages } from '../messages.ts';
import type { ItemEditor } from './item-editor.ts';
import './item-editor.ts';
import { controls } from './styles.ts';

const count = (p: Pending) =>
  Object.values(p.summary).reduce((n, s) => n + s.added.length + s.changed.length + s.removed.length, 0);

const ADD_KINDS: ContentKind[] = ['slogan', 'notice', 'clock', 'countdown'];

/**
 * The city's default playlist: edit items, reorder, add (of any kind) and remove them, then publish.
 * @fires published - detail: the new revision number
 */
@customElement('bt-playlist-editor')
export class PlaylistEditor extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: grid; gap: 1rem; }
      .bar { position: sticky; top: 0; z-index: 1; display: flex; gap: 1rem; align-items: center; background: #f4f6f9; padding: 0.75rem 0; }
      .bar h2 { margin: 0; font-size: 1.2rem; flex: 1; }
      .items { display: grid; gap: 0.75rem; }
      form { display: grid; gap: 0.75rem; background: #fff; border: 1px dashed #9aa4b1; border-radius: 10px; padding: 1rem; }
      form h3 { margin: 0; font-size: 1rem; }
      .row { display: flex; gap: 0.75rem; align-items: end; flex-wrap: wrap; }
      input[type='number'] { width: 7rem; }
    `,
  ];

  @state() private playlist: PlaylistEntry | null = null;
  @state() private items = new Map<string, ContentEntry>();
  @state() private pending: Pending | null = null;
  @state() private message: { ok: boolean; text: string } | null = null;
  @state() private busy = false;
  /** The kind of item the add form writes. */
  @state() private addKind: ContentKind = 'slogan';

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  async load() {
    try {
      const [lists, content, pending] = await Promise.all([api.playlists(), api.content(), api.pending()]);
      this.playlist = lists.playlists.find((p) => p.playlist.id === lists.defaultPlaylistId) ?? lists.playlists[0] ?? null;
      this.items = new Map(content.items.map((e) => [e.item.id, e]));
      this.pending = pending;
    } catch (e) {
      this.show(false, e);
    }
  }

  override render() {
    const t = messages.editor;
    if (!this.playlist) return this.message ? html`<p class="error">${this.message.text}</p>` : nothing;
    const ids = this.playlist.playlist.itemIds;
    const pendingCount = this.pending ? count(this.pending) : 0;
    return html`
      <div class="bar">
        <h2>${t.title}: ${this.playlist.playlist.name}</h2>
        <span class="badge ${pendingCount ? 'changed' : 'published'}" data-pending=${pendingCount}>
          ${pendingCount ? messages.publish.pending(pendingCount) : messages.publish.nothing}
        </span>
        <button class="primary" data-action="publish" @click=${this.publish} ?disabled=${this.busy}>${messages.publish.button}</button>
      </div>
      ${this.message ? html`<p class=${this.message.ok ? 'ok' : 'error'} role="status">${this.message.text}</p>` : nothing}
      <div class="items" @item-saved=${this.onSaved}>
        ${ids.length === 0 ? html`<p>${t.empty}</p>` : nothing}
        ${ids.map((id, i) => {
          const entry = this.items.get(id);
          return entry
            ? html`<bt-item-editor .entry=${entry} position=${i + 1} count=${ids.length} data-item-id=${id}
                @item-move=${(e: CustomEvent<number>) => this.move(i, e.detail)}
                @item-remove=${() => this.removeAt(i)}></bt-item-editor>`
            : nothing;
        })}
      </div>
      <form @submit=${this.add}>
        <h3>${t.addTitle}</h3>
        <label>${t.kind}
          <select name="kind" @change=${(e: Event) => (this.addKind = (e.target as HTMLSelectElement).value as ContentKind)}>
            ${ADD_KINDS.map((k) => html`<option value=${k} ?selected=${k === this.addKind}>${messages.kinds[k]}</option>`)}
          </select>
        </label>
        ${this.renderAddFields()}
        <div class="row">
          <label>${t.duration}<input name="duration" type="number" min="2" max="3600" value="8" required /></label>
          <label>${t.theme}
            <select name="theme">${messages.themes.map((label, i) => html`<option value=${i + 1}>${label}</option>`)}</select>
          </label>
          <button type="submit" ?disabled=${this.busy}>${t.add}</button>
        </div>
      </form>
    `;
  }

  private renderAddFields() {
    const t = messages.editor;
    switch (this.addKind) {
      case 'slogan':
        return html`<label>${t.text}<textarea name="text" rows="2" required maxlength=${SLOGAN_MAX}></textarea></label>`;
      case 'notice':
        return html`
          <label>${t.noticeTitle}<input name="title" required maxlength=${NOTICE_TITLE_MAX} /></label>
          <label>${t.noticeBody}<textarea name="body" rows="4" required maxlength=${NOTICE_BODY_MAX}></textarea></label>
          <label>${t.source}<input name="source" maxlength="160" /></label>`;
      case 'clock':
        return html`<label>${t.caption}<input name="caption" maxlength="120" /></label>`;
      case 'countdown':
        return html`
          <label>${t.eventTitle}<input name="title" required maxlength="120" /></label>
          <label>${t.eventDate}<input name="eventDate" type="date" required /></label>`;
    }
  }

  /** The kind-specific fields of a new item, read from the add form. */
  private addFields(data: FormData): ContentFields {
    const str = (name: string) => String(data.get(name) ?? '');
    const opt = (name: string) => str(name).trim() || undefined;
    const common = { durationMs: Math.round(Number(data.get('duration')) * 1000), theme: Number(data.get('theme')) };
    switch (this.addKind) {
      case 'slogan':
        return { kind: 'slogan', text: str('text'), ...common };
      case 'notice':
        return { kind: 'notice', title: str('title'), body: str('body'), source: opt('source'), ...common };
      case 'clock':
        return { kind: 'clock', caption: opt('caption'), ...common };
      case 'countdown':
        return { kind: 'countdown', title: str('title'), eventDate: str('eventDate'), annual: false, afterDays: 0, ...common };
    }
  }

  private show(ok: boolean, e: unknown) {
    this.message = { ok, text: typeof e === 'string' ? e : errorText(e instanceof ApiError ? e.code : 'unknown') };
  }

  private async refreshPending() {
    this.pending = await api.pending();
  }

  private onSaved(e: CustomEvent<ContentEntry>) {
    this.items = new Map(this.items).set(e.detail.item.id, e.detail);
    void this.refreshPending();
  }

  private async saveOrder(itemIds: string[]) {
    const { name } = this.playlist!.playlist;
    this.playlist = await api.savePlaylist(this.playlist!.playlist.id, { name, itemIds });
    await this.refreshPending();
  }

  private async move(index: number, delta: number) {
    const ids = [...this.playlist!.playlist.itemIds];
    const to = index + delta;
    if (to < 0 || to >= ids.length) return;
    [ids[index], ids[to]] = [ids[to]!, ids[index]!];
    await this.guard(() => this.saveOrder(ids));
  }

  private async removeAt(index: number) {
    const ids = [...this.playlist!.playlist.itemIds];
    const [removed] = ids.splice(index, 1);
    await this.guard(async () => {
      await this.saveOrder(ids);
      // The item goes too unless another playlist still lists it.
      if (removed && !ids.includes(removed)) {
        await api.deleteItem(removed).catch((e) => {
          if (!(e instanceof ApiError && e.code === 'item_in_use')) throw e;
        });
      }
      await this.load();
    });
  }

  private async add(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    await this.guard(async () => {
      const created = await api.createItem(this.addFields(data));
      this.items = new Map(this.items).set(created.item.id, created);
      await this.saveOrder([...this.playlist!.playlist.itemIds, created.item.id]);
      form.reset();
      this.addKind = 'slogan';
    });
  }

  private async publish() {
    await this.guard(async () => {
      const rows = [...this.renderRoot.querySelectorAll<ItemEditor>('bt-item-editor')];
      await Promise.all(rows.map((r) => r.flush()));
      const result = await api.publish();
      await this.load();
      this.show(true, messages.publish.done(result.revision));
      this.dispatchEvent(new CustomEvent('published', { detail: result.revision, bubbles: true, composed: true }));
    });
  }

  private async guard(work: () => Promise<void>) {
    this.busy = true;
    this.message = null;
    try {
      await work();
    } catch (e) {
      this.show(false, e);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-playlist-editor': PlaylistEditor;
  }
}
