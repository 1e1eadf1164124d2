import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { ContentEntry, MediaInfo, Role } from '../../playlists/index.ts';
import { api, ApiError } from '../api.ts';
import { check, fieldsOf, type Checked, type Draft } from '../item-form.ts';
import { errorText, messages } from '../messages/index.ts';
import { approvalMessages } from '../messages/approval.ts';
import { itemName } from '../name-book.ts';
import { editorMessages, fieldLabel } from '../messages/editor.ts';
import { defaultProfile, sizesToCheck, type PreviewProfile, type ScreenSize } from '../preview-profiles.ts';
import { confirmLines } from '../fit-warnings.ts';
import type { ConfirmDialog } from './confirm-dialog.ts';
import './confirm-dialog.ts';
import { commonFields, kindFields } from './item-fields.ts';
import { fieldStyles, type FieldHost } from './form-controls.ts';
import './item-preview.ts';
import './legibility-warnings.ts';
import './review-status.ts';
import { controls } from './styles.ts';

/**
 * One item of the playlist being edited: its fields, checked as they are typed, beside a live
 * preview at the chosen screen size. Edits save as drafts when a field is left (`change`);
 * `flush()` waits for the last save, so publishing never races an edit.
 * @fires item-saved - detail: the saved ContentEntry
 * @fires item-move - detail: -1 (up) or +1 (down)
 * @fires item-remove - the operator removes the item from the playlist
 */
@customElement('bt-item-editor')
export class ItemEditor extends LitElement implements FieldHost {
  static override styles = [
    controls,
    fieldStyles,
    css`
      :host { display: block; background: #fff; border: 1px solid #dde2e8; border-radius: 10px; padding: 1rem; container-type: inline-size; }
      header { display: flex; gap: 0.75rem; align-items: center; margin-bottom: 0.75rem; flex-wrap: wrap; }
      header .pos { font-weight: 700; color: #0b5cad; }
      header .spacer { flex: 1; }
      .status { font-size: 0.85rem; color: #5b6571; }
      .body { display: grid; grid-template-columns: minmax(0, 1fr) minmax(16rem, 40%); gap: 1.25rem; align-items: start; }
      /* Below the playlist editor's sticky bar. */
      aside { display: grid; gap: 0.5rem; position: sticky; top: 5rem; }
      aside h4 { margin: 0; font-size: 0.9rem; color: #3d4550; }
      footer { display: flex; gap: 0.75rem; align-items: center; justify-content: flex-end; margin-top: 0.75rem; padding-top: 0.75rem; border-top: 1px solid #dde2e8; }
      footer:empty { display: none; }
      @container (max-width: 48rem) { .body { grid-template-columns: minmax(0, 1fr); } aside { position: static; } }
    `,
  ];

  @property({ attribute: false }) entry!: ContentEntry;
  /** 1-based position in the playlist and the playlist's length. */
  @property({ type: Number }) position = 1;
  @property({ type: Number }) count = 1;
  /** The screen size the preview shows. */
  @property({ attribute: false }) profile: PreviewProfile = defaultProfile();
  /** Registered screens' sizes, for legibility warnings. */
  @property({ attribute: false }) screens: readonly ScreenSize[] = [];
  /** The media library, for the preview of pictures and clips. */
  @property({ attribute: false }) media: readonly MediaInfo[] = [];
  /** The signed-in role: which approval actions the item offers (access.ts). */
  @property({ attribute: false }) userRole: Role = 'viewer';

  @state() draft!: Draft;
  @state() private dirty = false;
  @state() private saving: Promise<void> | null = null;
  /** The server's answer to the last save, when it refused it. */
  @state() private error = '';
  @state() private serverErrors = new Map<string, string>();
  private checked: Checked = { fields: null, errors: new Map() };
  @query('bt-confirm-dialog') private confirmDialog!: ConfirmDialog;

  get errors(): ReadonlyMap<string, string> {
    return this.serverErrors.size ? new Map([...this.serverErrors, ...this.checked.errors]) : this.checked.errors;
  }

  override willUpdate(changed: Map<string, unknown>) {
    // A new entry from the server replaces the draft unless the operator is mid-edit.
    if (changed.has('entry') && !this.dirty) this.draft = fieldsOf(this.entry.item);
    if (changed.has('draft')) this.checked = check(this.draft);
  }

  private readonly flushForReview = () => this.flush();

  /**
   * Before submitting for approval: what will not show whole at once on the registered screens
   * (the preview warns about the common sizes as well, as it is typed).
   */
  private readonly confirmSubmit = async (): Promise<boolean> => {
    const fields = this.checked.fields;
    const lines = fields ? confirmLines([fields], sizesToCheck(null, this.screens), Date.now(), (id) => this.media.some((m) => m.id === id)) : [];
    if (lines.length === 0) return true;
    const t = editorMessages.legibility;
    return this.confirmDialog.ask({ title: t.confirmTitle, lines, confirm: t.submitAnyway, cancel: t.back });
  };

  /** Before archiving or unarchiving: what it does to screens, and yes or no. */
  private readonly confirmArchive = (archiving: boolean): Promise<boolean> => {
    const t = archiving ? approvalMessages.archiveAsk : approvalMessages.unarchiveAsk;
    const title = itemName(this.entry.item);
    return this.confirmDialog.ask({ title: t.title(title), lines: t.lines, confirm: t.confirm, cancel: approvalMessages.keep });
  };

  /** Saves pending edits and waits for any save in flight. */
  async flush(): Promise<void> {
    if (this.saving) await this.saving;
    if (this.dirty) await this.save();
  }

  override render() {
    const t = editorMessages.editor;
    const kind = this.draft.kind;
    return html`
      <header>
        <span class="pos">${t.position(this.position, this.count)}</span>
        <strong>${editorMessages.kinds[kind] ?? kind}</strong>
        <span class="badge ${this.entry.state}">${messages.states[this.entry.state]}</span>
        <bt-review-status .entry=${this.entry} .userRole=${this.userRole} .beforeAction=${this.flushForReview} .confirmSubmit=${this.confirmSubmit}></bt-review-status>
        <span class="status">${this.saving ? t.saving : nothing}</span>
        <span class="spacer"></span>
        <button @click=${() => this.fire('item-move', -1)} ?disabled=${this.position === 1} aria-label=${t.up}>↑ ${t.up}</button>
        <button @click=${() => this.fire('item-move', 1)} ?disabled=${this.position === this.count} aria-label=${t.down}>↓ ${t.down}</button>
        <button class="danger" @click=${() => this.fire('item-remove', null)}>${t.remove}</button>
      </header>
      <div class="body">
        <div class="fields" @change=${this.onChange}>
          ${kindFields(this)}
          ${commonFields(this)}
          ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        </div>
        <aside>
          <h4>${editorMessages.preview.title} — ${this.profile.label}</h4>
          <bt-item-preview .item=${this.checked.fields} ?stale=${!this.checked.fields} .profile=${this.profile} .media=${this.media}></bt-item-preview>
          <bt-legibility-warnings .item=${this.checked.fields} .chosen=${this.profile} .screens=${this.screens} .media=${this.media}></bt-legibility-warnings>
        </aside>
      </div>
      <footer>${this.entry.review ? html`<bt-review-status section="archive" .entry=${this.entry} .userRole=${this.userRole} .beforeAction=${this.flushForReview} .confirmArchive=${this.confirmArchive}></bt-review-status>` : nothing}</footer>
      <bt-confirm-dialog></bt-confirm-dialog>
    `;
  }

  set(patch: Record<string, unknown>) {
    this.draft = { ...this.draft, ...patch } as Draft;
    this.dirty = true;
    if (this.serverErrors.size) this.serverErrors = new Map([...this.serverErrors].filter(([k]) => !(k in patch)));
  }

  commit() {
    this.onChange();
  }

  private onChange() {
    if (this.dirty) void this.save().catch(() => undefined);
  }

  private async save(): Promise<void> {
    const { fields } = check(this.draft);
    if (!fields) {
      this.error = editorMessages.editor.notSaved;
      throw new ApiError(0, 'invalid_request', 'the form has invalid fields');
    }
    const id = this.entry.item.id;
    this.dirty = false;
    this.error = '';
    const run = (async () => {
      try {
        const saved = await api.saveItem(id, fields);
        this.serverErrors = new Map();
        this.dispatchEvent(new CustomEvent('item-saved', { detail: saved, bubbles: true, composed: true }));
      } catch (e) {
        this.dirty = true;
        this.showServerError(e);
        throw e;
      }
    })();
    this.saving = run.finally(() => {
      this.saving = null;
    }).catch(() => undefined);
    return run;
  }

  private showServerError(e: unknown) {
    const code = e instanceof ApiError ? e.code : 'unknown';
    const issues = e instanceof ApiError ? e.issues : [];
    this.serverErrors = new Map(issues.map((i) => [String(i.path).split('.')[0]!, editorMessages.invalid.other]));
    this.error = editorMessages.editor.serverError(errorText(code), issues.map((i) => fieldLabel(String(i.path).split('.')[0]!)).join(', '));
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
