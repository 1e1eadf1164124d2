import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { PlaylistEntry } from '../../playlists/index.ts';
import { api, ApiError } from '../api.ts';
import { errorMessage } from '../load.ts';
import { playlistMessages as t } from '../messages/playlists.ts';
import type { ConfirmDialog } from './confirm-dialog.ts';
import './confirm-dialog.ts';
import { controls } from './styles.ts';

/** What a 409 playlist_in_use names, as the operator reads it. */
function usedBy(issue: { path: string; message: string }): string {
  if (issue.path.startsWith('schedules.')) return t.usedBySchedule(issue.message);
  if (issue.path.startsWith('screens.')) return t.usedByScreen(issue.message);
  return t.usedByDefault;
}

/**
 * Several playlists (campaigns, priority messages, seasonal): choose the one open below, create
 * another, rename, duplicate or delete it (the server refuses while a schedule, a screen or the
 * city default plays it, and the bar lists which).
 * @fires playlist-open - detail: the id of the playlist to open (chosen, created, copied, or the
 *   one left after a delete: null)
 */
@customElement('bt-playlist-bar')
export class PlaylistBar extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: grid; gap: 0.5rem; }
      .row { display: flex; gap: 0.75rem; align-items: end; flex-wrap: wrap; }
      label { display: flex; flex-direction: column; gap: 0.2rem; }
      .hint { color: #5b6570; font-size: 0.9rem; flex: 1 1 20rem; }
      ul { margin: 0.25rem 0 0; padding-left: 1.2rem; }
    `,
  ];

  @property({ attribute: false }) lists: PlaylistEntry[] = [];
  @property({ attribute: false }) current: PlaylistEntry | null = null;
  @property({ attribute: false }) defaultId: string | null = null;
  /** A line under the buttons (a ward operator: where publishing goes). */
  @property({ attribute: false }) hint = '';
  /** The chooser's label (a ward operator's reads differently). */
  @property({ attribute: false }) label: string = t.choose;
  /** The name of a new playlist, the n-th of the list. */
  @property({ attribute: false }) newName: (n: number) => string = t.newName;
  @state() private busy = false;
  @state() private message: { ok: boolean; text: string; lines?: string[] } | null = null;
  @state() private name = '';
  @query('bt-confirm-dialog') private confirmDialog!: ConfirmDialog;

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('current')) this.name = this.current?.playlist.name ?? '';
  }

  override render() {
    const current = this.current;
    const trimmed = this.name.trim();
    return html`
      <div class="row">
        <label>${this.label}
          <select name="playlist" @change=${this.pick} ?disabled=${this.busy}>
            ${this.lists.map((p) => html`<option value=${p.playlist.id} ?selected=${p.playlist.id === current?.playlist.id}>${this.optionText(p)}</option>`)}
          </select>
        </label>
        <label>${t.name}
          <input name="playlist-name" maxlength="120" .value=${this.name} ?disabled=${!current || this.busy}
            @input=${(e: Event) => { this.name = (e.target as HTMLInputElement).value; }}
            @keydown=${(e: KeyboardEvent) => { if (e.key === 'Enter') void this.rename(); }}>
        </label>
        <button name="rename-playlist" @click=${this.rename}
          ?disabled=${!current || this.busy || !trimmed || trimmed === current.playlist.name}>${t.rename}</button>
        <button name="new-playlist" @click=${this.create} ?disabled=${this.busy}>${t.create}</button>
        <button name="copy-playlist" @click=${this.copy} ?disabled=${!current || this.busy}>${t.duplicate}</button>
        <button name="delete-playlist" class="danger" @click=${this.deleteList} ?disabled=${!current || this.busy}>${t.remove}</button>
        ${this.hint ? html`<span class="hint">${this.hint}</span>` : nothing}
      </div>
      ${this.message ? html`<div class=${this.message.ok ? 'ok' : 'error'} role="status" data-playlist-message>${this.message.text}
        ${this.message.lines ? html`<ul>${this.message.lines.map((l) => html`<li>${l}</li>`)}</ul>` : nothing}</div>` : nothing}
      <bt-confirm-dialog></bt-confirm-dialog>
    `;
  }

  private optionText(p: PlaylistEntry): string {
    return p.playlist.id === this.defaultId ? `${p.playlist.name} ${t.isDefault}` : p.playlist.name;
  }

  private open(id: string | null) {
    this.dispatchEvent(new CustomEvent('playlist-open', { detail: id, bubbles: true, composed: true }));
  }

  private pick(e: Event) {
    this.message = null;
    this.open((e.target as HTMLSelectElement).value);
  }

  private async rename() {
    const current = this.current;
    const name = this.name.trim();
    if (!current || !name || name === current.playlist.name) return;
    await this.guard(async () => {
      await api.savePlaylist(current.playlist.id, { name, itemIds: current.playlist.itemIds });
      this.open(current.playlist.id);
      return t.renamed(name);
    });
  }

  private async create() {
    await this.guard(async () => {
      const name = this.newName(this.lists.length + 1);
      const created = await api.createPlaylist({ name, itemIds: [] });
      this.open(created.playlist.id);
      return t.created(name);
    });
  }

  private async copy() {
    const current = this.current;
    if (!current) return;
    await this.guard(async () => {
      const copied = await api.copyPlaylist(current.playlist.id, t.copyName(current.playlist.name).slice(0, 120));
      this.open(copied.playlist.id);
      return t.copied(copied.playlist.name);
    });
  }

  private async deleteList() {
    const current = this.current;
    if (!current) return;
    const { name, itemIds } = current.playlist;
    const yes = await this.confirmDialog.ask({ title: t.confirmTitle(name), lines: t.confirmLines(itemIds.length), confirm: t.confirm, cancel: t.cancel, danger: true });
    if (!yes) return;
    await this.guard(async () => {
      await api.deletePlaylist(current.playlist.id);
      this.open(null);
      return t.removed(name);
    });
  }

  private async guard(work: () => Promise<string>) {
    this.busy = true;
    this.message = null;
    try {
      this.message = { ok: true, text: await work() };
    } catch (e) {
      this.message = e instanceof ApiError && e.code === 'playlist_in_use'
        ? { ok: false, text: t.inUse, lines: e.issues.map(usedBy) }
        : { ok: false, text: errorMessage(e) };
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-playlist-bar': PlaylistBar;
  }
}
