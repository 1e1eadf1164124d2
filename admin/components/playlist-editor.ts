import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { ContentEntry, ContentFields, MediaInfo, Pending, PlaylistEntry, Role, SessionWard } from '../../playlists/index.ts';
import { api, ApiError } from '../api.ts';
import { mediaApi } from '../media-api.ts';
import { messages } from '../messages/index.ts';
import { editorMessages } from '../messages/editor.ts';
import { wardMessages } from '../messages/ward-operator.ts';
import { playlistMessages } from '../messages/playlists.ts';
import { approvalMessages } from '../messages/approval.ts';
import { DEFAULT_PROFILE_ID, previewProfiles, screenSizes, sizesToCheck, type PreviewProfile, type ScreenSize } from '../preview-profiles.ts';
import { confirmLines } from '../fit-warnings.ts';
import { Loader, errorMessage } from '../load.ts';
import { NEW_ITEM } from '../content-hash.ts';
import { itemOrderMessages } from '../messages/item-order.ts';
import type { ConfirmDialog } from './confirm-dialog.ts';
import './confirm-dialog.ts';
import type { ItemAdd } from './item-add.ts';
import './item-add.ts';
import type { ItemEditor } from './item-editor.ts';
import './item-editor.ts';
import { NO_FILTER, type ItemFilter } from './item-order.ts';
import './item-order.ts';
import { OpenItem } from './open-item.ts';
import { rememberedProfileId } from './profile-choice.ts';
import './profile-choice.ts';
import './playlist-bar.ts';
import './ward-playlist-start.ts';
import { playlistEditorStyles } from './playlist-editor-styles.ts';
import { controls } from './styles.ts';

const count = (p: Pending) =>
  Object.values(p.summary).reduce((n, s) => n + s.added.length + s.changed.length + s.removed.length, 0);

/**
 * The city's default playlist — or, for a ward operator, the ward's own playlists (the server
 * lists no others): edit items, reorder, add (of any kind) and remove them, then publish.
 * The list of items is the spine; one item's editor (or the add form) opens beside it on wide
 * screens, below it on narrow ones, and the address keeps which one (content-hash.ts).
 * @fires published - detail: the new revision number
 */
@customElement('bt-playlist-editor')
export class PlaylistEditor extends LitElement {
  static override styles = [controls, playlistEditorStyles];

  /** The ward the operator works for; null: the city's view. */
  @property({ attribute: false }) ward: SessionWard | null = null;
  /** Whether the user may publish (access.ts, mayPublish); an editor's drafts wait for an approver. */
  @property({ attribute: false }) canPublish = true;
  /** The signed-in role, for each item's approval actions. */
  @property({ attribute: false }) userRole: Role = 'viewer';
  @state() private playlist: PlaylistEntry | null = null;
  /** The playlists to choose from: the city's, or a ward operator's own ward's. */
  @state() private lists: PlaylistEntry[] = [];
  @state() private defaultId: string | null = null;
  /** Which rows the list shows (its search and filters). */
  @state() private filter: ItemFilter = NO_FILTER;
  @state() private items = new Map<string, ContentEntry>();
  @state() private pending: Pending | null = null;
  @state() private message: { ok: boolean; text: string } | null = null;
  @state() private busy = false;
  /** Registered screens' sizes, for the preview and its legibility warnings. */
  @state() private screens: ScreenSize[] = [];
  /** The media library, so previews of stories, pictures and clips load their files. */
  @state() private media: readonly MediaInfo[] = [];
  @state() private profileId = rememberedProfileId();
  /** The playlist to open at the next load (one just created or chosen in the bar). */
  private openId: string | null = null;
  /** The item open in the editor, or the add form. */
  private readonly open = new OpenItem(this, () => this.flushOpen(), (id) => {
    this.openId = id;
    void this.load();
  });
  @query('bt-confirm-dialog') private confirmDialog!: ConfirmDialog;

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  /** The playlist, its items and what is pending, and what the previews need; a failure shows on the message line. */
  private readonly loader = new Loader(this, () => this.fetch(), { onError: (text) => this.show(false, text) });

  async load() {
    await this.loader.load();
  }

  private async fetch(): Promise<void> {
    const [lists, content, pending] = await Promise.all([api.playlists(), api.content(), api.pending()]);
    const owner = this.ward?.code ?? null;
    this.lists = lists.playlists.filter((p) => p.ownerWard === owner);
    this.defaultId = lists.defaultPlaylistId;
    const current = this.openId ?? this.playlist?.playlist.id ?? this.open.addressedPlaylist;
    this.playlist = this.lists.find((p) => p.playlist.id === current)
      ?? this.lists.find((p) => p.playlist.id === lists.defaultPlaylistId) ?? this.lists[0] ?? null;
    this.openId = null;
    if (this.playlist) this.open.settle(this.playlist.playlist.id, this.playlist.playlist.itemIds);
    this.items = new Map(content.items.map((e) => [e.item.id, e]));
    this.pending = pending;
    // The preview works without them (a role that may not list screens, a failed request).
    this.screens = screenSizes((await api.allScreens().catch(() => ({ screens: [] }))).screens);
    this.media = (await mediaApi.list().catch(() => ({ media: [] }))).media;
  }

  override render() {
    const t = editorMessages.editor;
    if (!this.playlist && this.ward && this.loader.settled) {
      return html`<div class="bar"><h2>${wardMessages.content.heading(this.ward.name)}</h2></div>
        <bt-ward-playlist-start .ward=${this.ward} @playlist-created=${this.onCreated}></bt-ward-playlist-start>`;
    }
    if (!this.playlist && !this.ward && this.loader.settled) return html`<div class="bar"><h2>${t.title}</h2></div>${this.renderLists()}`;
    if (!this.playlist) return this.message ? html`<p class="error">${this.message.text}</p>` : nothing;
    const ids = this.playlist.playlist.itemIds;
    const profiles = previewProfiles(this.screens);
    const profile = profiles.find((p) => p.id === this.profileId) ?? profiles.find((p) => p.id === DEFAULT_PROFILE_ID)!;
    const pendingCount = this.pending ? count(this.pending) : 0;
    return html`
      <div class="bar">
        <h2>${this.ward ? wardMessages.content.heading(this.ward.name) : html`${t.title}: ${this.playlist.playlist.name}`}</h2>
        <span class="badge ${pendingCount ? 'changed' : 'published'}" data-pending=${pendingCount}>
          ${pendingCount ? messages.publish.pending(pendingCount) : messages.publish.nothing}
        </span>
        ${this.pending?.awaitingApproval
          ? html`<span class="badge changed" data-awaiting=${this.pending.awaitingApproval}>${approvalMessages.awaiting(this.pending.awaitingApproval)}</span>` : nothing}
        <bt-profile-choice .profiles=${profiles} .chosen=${profile.id} @profile-change=${(e: CustomEvent<string>) => (this.profileId = e.detail)}></bt-profile-choice>
        ${this.canPublish ? html`<button class="primary" data-action="publish" @click=${this.publish} ?disabled=${this.busy}>${messages.publish.button}</button>` : nothing}
      </div>
      ${this.renderLists()}
      ${this.message ? html`<p class=${this.message.ok ? 'ok' : 'error'} role="status">${this.message.text}</p>` : nothing}
      <div class="workspace">
        <div class="side">
          <button data-action="add-item" aria-pressed=${this.open.id === NEW_ITEM ? 'true' : 'false'}
            @click=${() => void this.open.choose(NEW_ITEM)}>${itemOrderMessages.add}</button>
          ${ids.length ? html`<bt-item-order .ids=${ids} .items=${this.items} .filter=${this.filter} .selected=${this.open.id}
            @filter-change=${(e: CustomEvent<ItemFilter>) => (this.filter = e.detail)}
            @item-select=${(e: CustomEvent<string>) => void this.open.choose(e.detail)}
            @order-change=${(e: CustomEvent<string[]>) => void this.guard(() => this.saveOrder(e.detail))}></bt-item-order>`
            : html`<p>${t.empty}</p>`}
        </div>
        <div class="pane" @item-saved=${this.onSaved}>${this.renderPane(ids, profile)}</div>
      </div>
      <bt-confirm-dialog></bt-confirm-dialog>
    `;
  }

  /** The open item's editor, or the add form. */
  private renderPane(ids: string[], profile: PreviewProfile) {
    const id = this.open.id;
    if (id === NEW_ITEM) {
      return html`<bt-item-add .create=${this.create} ?busy=${this.busy} .profile=${profile} .screens=${this.screens} .media=${this.media}></bt-item-add>`;
    }
    const entry = id ? this.items.get(id) : undefined;
    const i = id ? ids.indexOf(id) : -1;
    if (!entry || i < 0) return nothing;
    // One element per item: an editor never carries one item's draft over to another.
    return keyed(id, html`<bt-item-editor .entry=${entry} position=${i + 1} count=${ids.length} data-item-id=${id}
      .profile=${profile} .screens=${this.screens} .media=${this.media} .userRole=${this.userRole}
      @item-move=${(e: CustomEvent<number>) => this.move(i, e.detail)}
      @item-remove=${() => this.removeAt(i)}></bt-item-editor>`);
  }

  /**
   * Before another item opens: saves the open editor's edits; when they cannot be saved (fields
   * with errors, a refusal), or a new item was begun, asks whether to drop them. False: stay.
   */
  private async flushOpen(): Promise<boolean> {
    if (this.renderRoot.querySelector<ItemAdd>('bt-item-add')?.started) return this.confirmDialog.ask(itemOrderMessages.discardNew);
    try {
      await this.renderRoot.querySelector<ItemEditor>('bt-item-editor')?.flush();
      return true;
    } catch {
      return this.confirmDialog.ask(itemOrderMessages.discard);
    }
  }

  /** Which playlist is open, and another one, renamed, copied or deleted. */
  private renderLists() {
    const ward = this.ward;
    return html`<bt-playlist-bar .lists=${this.lists} .current=${this.playlist} .defaultId=${this.defaultId}
      .label=${ward ? wardMessages.content.choose : playlistMessages.choose}
      .hint=${ward ? wardMessages.content.publishHint : ''}
      .newName=${ward ? (n: number) => `${wardMessages.content.defaultName(ward.name)} ${n}` : playlistMessages.newName}
      @playlist-open=${this.onOpen}></bt-playlist-bar>`;
  }

  private readonly onOpen = async (e: CustomEvent<string | null>) => {
    if (!(await this.flushOpen())) return;
    this.openId = e.detail;
    void this.load();
  };

  private readonly onCreated = (e: CustomEvent<PlaylistEntry>) => this.opened(e.detail);

  /** Opens a playlist just created. */
  private async opened(created: PlaylistEntry) {
    this.playlist = created;
    await this.load();
    this.show(true, wardMessages.content.created);
  }

  private show(ok: boolean, e: unknown) {
    this.message = { ok, text: typeof e === 'string' ? e : errorMessage(e) };
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
    if (removed) this.open.removed(removed, index, ids);
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

  /** Adds a new item at the end of the playlist (the add form's `create`). */
  private readonly create = async (fields: ContentFields) => {
    let failed: unknown = null;
    await this.guard(async () => {
      try {
        const created = await api.createItem(fields);
        this.items = new Map(this.items).set(created.item.id, created);
        await this.saveOrder([...this.playlist!.playlist.itemIds, created.item.id]);
        this.open.set(created.item.id);
      } catch (e) {
        failed = e;
        throw e;
      }
    });
    if (failed) throw failed;
  };

  private async publish() {
    await this.guard(async () => {
      await this.renderRoot.querySelector<ItemEditor>('bt-item-editor')?.flush();
      if (!(await this.confirmFit())) return;
      const result = await api.publish();
      await this.load();
      this.show(true, this.ward ? wardMessages.content.published(result.revision, this.ward.name) : messages.publish.done(result.revision));
      this.dispatchEvent(new CustomEvent('published', { detail: result.revision, bubbles: true, composed: true }));
    });
  }

  /**
   * Before publishing: the items about to go out that will not show whole at once on some
   * registered screens (paged, left out, scrolling), by size and ward; true to publish anyway.
   */
  private async confirmFit(): Promise<boolean> {
    await this.refreshPending();
    const summary = this.pending?.summary.items;
    const ids = summary ? [...summary.added, ...summary.changed] : [];
    const items = ids.flatMap((id) => {
      const entry = this.items.get(id);
      return entry ? [entry.item] : [];
    });
    const lines = confirmLines(items, sizesToCheck(null, this.screens), Date.now(), (id) => this.media.some((m) => m.id === id));
    if (lines.length === 0) return true;
    const t = editorMessages.legibility;
    return this.confirmDialog.ask({ title: t.confirmTitle, lines, confirm: t.publishAnyway, cancel: t.back });
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
