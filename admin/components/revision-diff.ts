import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { RestorePreview, RevisionDiff, formatLocalDate, formatLocalTime, parseInstant, type MediaInfo, type RevisionChange } from '../../playlists/index.ts';
import { call } from '../api.ts';
import { mediaApi } from '../media-api.ts';
import { revisionMessages as t } from '../messages/revisions.ts';
import type { PreviewProfile } from '../preview-profiles.ts';
import { changeSentences, learnNames } from '../change-text.ts';
import { NameBook } from '../name-book.ts';
import { fieldRows, stateOf, titleOf } from '../revision-rows.ts';
import { Loader } from '../load.ts';
import './item-preview.ts';
import { controls } from './styles.ts';

/** Items are drawn as a 384×192 LED board shows them: small, and enough to see what changed. */
const PREVIEW: PreviewProfile = { id: '384x192', label: '384×192', width: 384, height: 192, theme: 'outdoor' };

/**
 * What one revision changed, object by object: the fields of the version before and after side
 * by side, those that differ highlighted, and for content items both versions as a screen
 * draws them. Every value is rendered as text.
 *
 * @fires revision-diff-close - the user closed the view.
 */
@customElement('bt-revision-diff')
export class RevisionDiffView extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; margin-top: 1rem; padding: 1rem; border: 1px solid #9aa4b1; border-radius: 8px; background: #fbfcfd; }
      header { display: flex; justify-content: space-between; align-items: start; gap: 1rem; }
      h2 { margin: 0 0 0.25rem; font-size: 1.15rem; }
      h3 { margin: 0 0 0.5rem; font-size: 1rem; display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
      .change { margin-top: 1.25rem; padding-top: 0.75rem; border-top: 1px solid #dde2e8; }
      .previews { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; margin-bottom: 0.75rem; }
      .previews figure { margin: 0; min-width: 0; }
      .previews figcaption { font-weight: 600; font-size: 0.9rem; margin-bottom: 0.25rem; }
      table.sides { table-layout: fixed; }
      table.sides th:first-child { width: 22%; }
      td { white-space: pre-wrap; overflow-wrap: anywhere; }
      tr.differs td { background: #fff1c2; }
      tr.differs td.before { text-decoration: line-through; text-decoration-color: #a40e26; }
      tr.differs th::after { content: ' •'; color: #6b4d00; }
      .badge.added { background: #e7f6ec; color: #0b6b2e; }
      .badge.removed { background: #fdecef; color: #a40e26; }
      .muted { color: #5b6571; margin: 0; }
      ul.sentences { margin: 0 0 0.75rem; padding-left: 1.2rem; display: grid; gap: 0.2rem; }
    `,
  ];

  /** The revision whose changes are shown (against the one before it). */
  @property({ type: Number }) revision = 0;
  /** Shows instead what restoring `revision` now would change on air (asked before restoring): no close button. */
  @property({ type: Boolean }) restoring = false;

  @state() private media: MediaInfo[] = [];
  /** Names for the ids a change refers to (items of a playlist, a schedule's screens). */
  private book = new NameBook();
  private bookLoaded: Promise<NameBook> | null = null;
  /** The revision's changes; a revision chosen meanwhile replaces an answer still on its way. */
  private readonly diff = new Loader(this, () => this.fetch(this.revision), { clear: true });

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('revision') && this.revision > 0) void this.diff.load();
  }

  private async fetch(n: number): Promise<RevisionDiff | RestorePreview> {
    const diff = this.restoring
      ? await call('GET', `/api/revisions/${n}/restore-preview`, RestorePreview)
      : await call('GET', `/api/revisions/${n}/diff`, RevisionDiff);
    this.bookLoaded ??= NameBook.load();
    const book = await this.bookLoaded;
    learnNames(book, diff.changes);
    this.book = book;
    // Previews of pictures and clips need the library's files; without them they show empty.
    const needsMedia = diff.changes.some((c) => c.kind === 'item' && ['story', 'image', 'video'].includes((c.after ?? c.before)!.kind));
    if (needsMedia) this.media = (await mediaApi.list().catch(() => ({ media: [] }))).media;
    return diff;
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent('revision-diff-close', { bubbles: true, composed: true }));
  }

  override render() {
    const d = this.diff.value;
    const error = this.diff.error;
    const published = d && 'publishedAt' in d ? d : null;
    const at = published ? parseInstant(published.publishedAt) : null;
    const title = this.restoring
      ? t.restoreTitle(this.revision, d && 'current' in d ? d.current : null)
      : t.title(this.revision, published?.previous ?? this.revision - 1);
    return html`
      <header>
        <div>
          <h2>${title}</h2>
          ${published && at ? html`<p class="muted">${t.by(published.publishedBy, `${formatLocalTime(at)} ${formatLocalDate(at)}`)}</p>` : nothing}
        </div>
        ${this.restoring ? nothing : html`<button @click=${this.close}>${t.close}</button>`}
      </header>
      ${error ? html`<p class="error" role="status">${error}</p>` : nothing}
      ${!d && !error ? html`<p class="muted">${t.loading}</p>` : nothing}
      ${d && d.changes.length === 0 ? html`<p class="muted">${this.restoring ? t.restoreNone : t.none}</p>` : nothing}
      ${d ? d.changes.map((c) => this.renderChange(c)) : nothing}
    `;
  }

  private renderChange(c: RevisionChange) {
    const s = stateOf(c);
    return html`<section class="change" data-kind=${c.kind} data-id=${c.id} data-state=${s}>
      <h3><span class="badge ${s}">${t.states[s]}</span> ${t.kinds[c.kind]}: ${titleOf(c, this.book)}</h3>
      <ul class="sentences">${changeSentences(c, this.book).map((line) => html`<li>${line}</li>`)}</ul>
      ${c.kind === 'item' ? this.renderPreviews(c) : nothing}
      <table class="sides">
        <thead><tr><th>${t.field}</th><th>${t.before}</th><th>${t.after}</th></tr></thead>
        <tbody>
          ${fieldRows(c, this.book).map(
            (r) => html`<tr class=${r.differs ? 'differs' : ''} data-field=${r.name}>
              <th scope="row">${r.label}</th><td class="before">${r.before}</td><td class="after">${r.after}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  private renderPreviews(c: Extract<RevisionChange, { kind: 'item' }>) {
    const side = (label: string, which: 'before' | 'after', item: typeof c.before) =>
      html`<figure data-side=${which}>
        <figcaption>${label}</figcaption>
        ${item ? html`<bt-item-preview .item=${item} .profile=${PREVIEW} .media=${this.media}></bt-item-preview>` : html`<p class="muted">${t.absent}</p>`}
      </figure>`;
    return html`<div class="previews">${side(t.before, 'before', c.before)}${side(t.after, 'after', c.after)}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-revision-diff': RevisionDiffView;
  }
  interface HTMLElementEventMap {
    'revision-diff-close': CustomEvent<void>;
  }
}
