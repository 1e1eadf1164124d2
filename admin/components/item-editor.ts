import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { MAX_DURATION_MS, MIN_DURATION_MS, NOTICE_BODY_MAX, NOTICE_TITLE_MAX, type ContentEntry, type ContentFields, type ContentItem } from '../../playlists/index.ts';
import { api, ApiError } from '../api.ts';
import { errorText, messages } from '../messages.ts';
import { controls } from './styles.ts';

/**
 * One item of the playlist being edited. Edits save as drafts when a field is left
 * (`change`); `flush()` waits for the last save, so publishing never races an edit.
 * @fires item-saved - detail: the saved ContentEntry
 * @fires item-move - detail: -1 (up) or +1 (down)
 * @fires item-remove - the operator removes the item from the playlist
 */
@customElement('bt-item-editor')
export class ItemEditor extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; background: #fff; border: 1px solid #dde2e8; border-radius: 10px; padding: 1rem; }
      header { display: flex; gap: 0.75rem; align-items: center; margin-bottom: 0.75rem; }
      header .pos { font-weight: 700; color: #0b5cad; }
      header .spacer { flex: 1; }
      .fields { display: grid; gap: 0.75rem; }
      .row { display: flex; gap: 0.75rem; flex-wrap: wrap; align-items: end; }
      .row label.grow { flex: 1; min-width: 14rem; }
      input[type='number'] { width: 7rem; }
      .status { font-size: 0.85rem; color: #5b6571; }
    `,
  ];

  @property({ attribute: false }) entry!: ContentEntry;
  /** 1-based position in the playlist and the playlist's length. */
  @property({ type: Number }) position = 1;
  @property({ type: Number }) count = 1;

  @state() private draft!: ContentItem;
  @state() private dirty = false;
  @state() private saving: Promise<void> | null = null;
  @state() private error = '';

  override willUpdate(changed: Map<string, unknown>) {
    // A new entry from the server replaces the draft unless the operator is mid-edit.
    if (changed.has('entry') && !this.dirty) this.draft = structuredClone(this.entry.item);
  }

  /** Saves pending edits and waits for any save in flight. */
  async flush(): Promise<void> {
    if (this.saving) await this.saving;
    if (this.dirty) await this.save();
  }

  override render() {
    const t = messages.editor;
    const d = this.draft;
    return html`
      <header>
        <span class="pos">${t.position(this.position, this.count)}</span>
        <strong>${messages.kinds[d.kind] ?? d.kind}</strong>
        <span class="badge ${this.entry.state}">${messages.states[this.entry.state]}</span>
        <span class="status">${this.saving ? t.saving : nothing}</span>
        <span class="spacer"></span>
        <button @click=${() => this.fire('item-move', -1)} ?disabled=${this.position === 1} aria-label=${t.up}>↑ ${t.up}</button>
        <button @click=${() => this.fire('item-move', 1)} ?disabled=${this.position === this.count} aria-label=${t.down}>↓ ${t.down}</button>
        <button class="danger" @click=${() => this.fire('item-remove', null)}>${t.remove}</button>
      </header>
      <div class="fields" @change=${this.onChange}>
        ${this.renderFields(d)}
        <div class="row">
          <label>${t.duration}
            <input name="duration" type="number" min=${MIN_DURATION_MS / 1000} max=${MAX_DURATION_MS / 1000} step="1"
              .value=${String(d.durationMs / 1000)} @input=${(e: Event) => this.set({ durationMs: Math.round(Number(this.value(e)) * 1000) })} />
          </label>
          <label class="grow">${t.theme}
            <select name="theme" @input=${(e: Event) => this.set({ theme: Number(this.value(e)) })}>
              ${messages.themes.map((label, i) => html`<option value=${i + 1} ?selected=${d.theme === i + 1}>${label}</option>`)}
            </select>
          </label>
        </div>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      </div>
    `;
  }

  private renderFields(d: ContentItem) {
    switch (d.kind) {
      case 'slogan':
        return this.renderSlogan(d);
      case 'countdown':
        return this.renderCountdown(d);
      case 'notice':
        return this.renderNotice(d);
      case 'clock':
        return this.renderClock(d);
    }
  }

  private renderNotice(d: Extract<ContentItem, { kind: 'notice' }>) {
    const t = messages.editor;
    return html`
      <label>${t.noticeTitle}<input name="title" maxlength=${NOTICE_TITLE_MAX} .value=${d.title} @input=${(e: Event) => this.set({ title: this.value(e) })} /></label>
      <label>${t.noticeBody}<textarea name="body" rows="5" maxlength=${NOTICE_BODY_MAX} .value=${d.body} @input=${(e: Event) => this.set({ body: this.value(e) })}></textarea></label>
      <label>${t.source}<input name="source" .value=${d.source ?? ''} @input=${(e: Event) => this.set({ source: this.value(e) || undefined })} /></label>
    `;
  }

  private renderClock(d: Extract<ContentItem, { kind: 'clock' }>) {
    const t = messages.editor;
    return html`
      <label>${t.caption}<input name="caption" .value=${d.caption ?? ''} @input=${(e: Event) => this.set({ caption: this.value(e) || undefined })} /></label>
    `;
  }

  private renderSlogan(d: Extract<ContentItem, { kind: 'slogan' }>) {
    const t = messages.editor;
    return html`
      <label>${t.text}<textarea name="text" rows="2" .value=${d.text} @input=${(e: Event) => this.set({ text: this.value(e) })}></textarea></label>
      <label>${t.secondary}<input name="secondary" .value=${d.secondary ?? ''} @input=${(e: Event) => this.set({ secondary: this.value(e) || undefined })} /></label>
    `;
  }

  private renderCountdown(d: Extract<ContentItem, { kind: 'countdown' }>) {
    const t = messages.editor;
    return html`
      <label>${t.eventTitle}<input name="title" .value=${d.title} @input=${(e: Event) => this.set({ title: this.value(e) })} /></label>
      <div class="row">
        <label>${t.eventDate}<input name="eventDate" type="date" .value=${d.eventDate} @input=${(e: Event) => this.set({ eventDate: this.value(e) })} /></label>
        <label class="grow">${t.place}<input name="place" .value=${d.place ?? ''} @input=${(e: Event) => this.set({ place: this.value(e) || undefined })} /></label>
        <label><span><input name="annual" type="checkbox" .checked=${d.annual}
          @input=${(e: Event) => this.set({ annual: (e.target as HTMLInputElement).checked })} /> ${t.annual}</span></label>
      </div>
    `;
  }

  private value(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }

  private set(patch: Partial<ContentFields>) {
    this.draft = { ...this.draft, ...patch } as ContentItem;
    this.dirty = true;
  }

  private onChange() {
    if (this.dirty) void this.save().catch(() => undefined);
  }

  private async save(): Promise<void> {
    const { id, ...fields } = this.draft;
    this.dirty = false;
    this.error = '';
    const run = (async () => {
      try {
        const saved = await api.saveItem(id, fields as ContentFields);
        this.dispatchEvent(new CustomEvent('item-saved', { detail: saved, bubbles: true, composed: true }));
      } catch (e) {
        this.dirty = true;
        this.error = e instanceof ApiError && e.issues.length
          ? `${errorText(e.code)} (${e.issues.map((i) => i.path).join(', ')})`
          : errorText(e instanceof ApiError ? e.code : 'unknown');
        throw e;
      }
    })();
    this.saving = run.finally(() => {
      this.saving = null;
    }).catch(() => undefined);
    return run;
  }

  private fire(name: 'item-move' | 'item-remove', detail: number | null) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-item-editor': ItemEditor;
  }
}
