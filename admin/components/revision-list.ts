import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { formatLocalDate, formatLocalTime, parseInstant, type Revision } from '../../playlists/index.ts';
import { api } from '../api.ts';
import { messages } from '../messages/index.ts';
import { revisionMessages } from '../messages/revisions.ts';
import { errorMessage } from '../load.ts';
import type { RestoreConfirm } from './restore-confirm.ts';
import './restore-confirm.ts';
import './revision-diff.ts';
import { controls } from './styles.ts';

const total = (r: Revision, key: 'added' | 'changed' | 'removed') =>
  r.summary.items[key].length + r.summary.playlists[key].length + r.summary.schedules[key].length;

/**
 * Past revisions, newest first, a page at a time (a "more" button loads older ones); an earlier one
 * can be published again.
 */
@customElement('bt-revision-list')
export class RevisionList extends LitElement {
  static override styles = [controls];

  /** Whether the user may publish an earlier revision again (admin, approver). */
  @property({ type: Boolean, attribute: 'can-restore' }) canRestore = false;
  @state() private revisions: Revision[] = [];
  /** Where the next (older) page starts; null once the first revision is listed. */
  @state() private nextCursor: number | null = null;
  @state() private loadingMore = false;
  @state() private message: { ok: boolean; text: string } | null = null;
  /** The revision whose side-by-side difference is open, if any. */
  @state() private diffOf: number | null = null;
  @query('bt-restore-confirm') private confirmRestore!: RestoreConfirm;

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  /** The newest page again (after a restore, the list starts over). */
  async load() {
    try {
      const page = await api.revisions();
      this.revisions = page.revisions;
      this.nextCursor = page.nextCursor;
    } catch (e) {
      this.message = { ok: false, text: errorMessage(e) };
    }
  }

  private async loadMore() {
    if (this.nextCursor === null) return;
    this.loadingMore = true;
    try {
      const page = await api.revisions(this.nextCursor);
      this.revisions = [...this.revisions, ...page.revisions];
      this.nextCursor = page.nextCursor;
    } catch (e) {
      this.message = { ok: false, text: errorMessage(e) };
    } finally {
      this.loadingMore = false;
    }
  }

  override render() {
    const t = messages.revisions;
    return html`
      <h2>${t.title}</h2>
      ${this.message ? html`<p class=${this.message.ok ? 'ok' : 'error'} role="status">${this.message.text}</p>` : nothing}
      <table>
        <thead><tr><th>${t.number}</th><th>${t.at}</th><th>${t.by}</th><th>${t.changes}</th><th></th></tr></thead>
        <tbody>
          ${this.revisions.map((r, i) => {
            const at = parseInstant(r.publishedAt);
            return html`<tr data-revision=${r.number}>
              <td>${r.number}</td>
              <td>${formatLocalTime(at)} ${formatLocalDate(at)}</td>
              <td>${r.publishedBy}</td>
              <td>${t.summary(total(r, 'added'), total(r, 'changed'), total(r, 'removed'))}</td>
              <td>${i === 0 ? html`<span class="badge published">${t.current}</span>` : this.canRestore ? html`<button @click=${() => this.restore(r.number)}>${t.restore}</button>` : nothing}
                <button class="show-diff" aria-pressed=${this.diffOf === r.number} @click=${() => (this.diffOf = r.number)}>${revisionMessages.show}</button></td>
            </tr>`;
          })}
        </tbody>
      </table>
      ${this.nextCursor === null ? nothing : html`<p><button name="more" ?disabled=${this.loadingMore} @click=${() => this.loadMore()}>${revisionMessages.more}</button></p>`}
      ${this.diffOf === null ? nothing : html`<bt-revision-diff .revision=${this.diffOf} @revision-diff-close=${() => (this.diffOf = null)}></bt-revision-diff>`}
      <bt-restore-confirm></bt-restore-confirm>
    `;
  }

  /** Restores revision `n` once the operator has seen what it would change and said yes. */
  private async restore(n: number) {
    if (!(await this.confirmRestore.ask(n))) return;
    try {
      const result = await api.restore(n);
      this.message = { ok: true, text: t().restored(result.revision) };
      await this.load();
    } catch (e) {
      this.message = { ok: false, text: errorMessage(e) };
    }
  }
}
const t = () => messages.revisions;

declare global {
  interface HTMLElementTagNameMap {
    'bt-revision-list': RevisionList;
  }
}
