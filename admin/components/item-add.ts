import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ContentFields, ContentKind, MediaInfo } from '../../playlists/index.ts';
import { DEFAULT_DURATION_MS, KINDS, check, newDraft, type Checked, type Draft } from '../item-form.ts';
import { editorMessages } from '../messages/editor.ts';
import { defaultProfile, type PreviewProfile, type ScreenSize } from '../preview-profiles.ts';
import { fieldStyles, type FieldHost } from './form-controls.ts';
import { commonFields, kindFields } from './item-fields.ts';
import './item-preview.ts';
import './legibility-warnings.ts';
import { controls } from './styles.ts';

/**
 * The form that writes a new item of any kind, with the same fields, checks and live preview as
 * the item editor. Messages show for fields the operator has touched, and for all of them once
 * they try to add. `create` does the adding; the form starts over (a slogan) when it succeeds.
 */
@customElement('bt-item-add')
export class ItemAdd extends LitElement implements FieldHost {
  static override styles = [
    controls,
    fieldStyles,
    css`
      :host { display: block; container-type: inline-size; }
      form { display: grid; gap: 0.75rem; background: #fff; border: 1px dashed #9aa4b1; border-radius: 10px; padding: 1rem; }
      h3 { margin: 0; font-size: 1rem; }
      .body { display: grid; grid-template-columns: minmax(0, 1fr) minmax(16rem, 40%); gap: 1.25rem; align-items: start; }
      aside { display: grid; gap: 0.5rem; }
      aside h4 { margin: 0; font-size: 0.9rem; color: #3d4550; }
      .actions { display: flex; gap: 0.75rem; align-items: center; }
      @container (max-width: 48rem) { .body { grid-template-columns: minmax(0, 1fr); } }
    `,
  ];

  /** Adds the item; rejects to keep the form as it is. */
  @property({ attribute: false }) create: (fields: ContentFields) => Promise<void> = async () => undefined;
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) profile: PreviewProfile = defaultProfile();
  @property({ attribute: false }) screens: readonly ScreenSize[] = [];
  /** The media library, for the preview of pictures and clips. */
  @property({ attribute: false }) media: readonly MediaInfo[] = [];

  @state() draft: Draft = newDraft('slogan', { theme: 1, durationMs: DEFAULT_DURATION_MS });
  @state() private touched = new Set<string>();
  @state() private tried = false;
  private checked: Checked = check(this.draft);

  /** Whether the operator has typed or chosen anything yet (leaving would drop it). */
  get started(): boolean {
    return this.touched.size > 0;
  }

  get errors(): ReadonlyMap<string, string> {
    if (this.tried) return this.checked.errors;
    return new Map([...this.checked.errors].filter(([name]) => this.touched.has(name)));
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('draft')) this.checked = check(this.draft);
  }

  override updated(): void {
    // A select keeps the user's choice over `selected` attributes: set what the draft says.
    const kind = this.renderRoot.querySelector<HTMLSelectElement>('select[name=kind]');
    if (kind) kind.value = this.draft.kind;
    const theme = this.renderRoot.querySelector<HTMLSelectElement>('select[name=theme]');
    if (theme) theme.value = String(this.draft.theme);
  }

  override render() {
    const t = editorMessages.editor;
    const kind = this.draft.kind;
    return html`<form @submit=${this.submit} novalidate>
      <h3>${t.addTitle}</h3>
      <div class="body">
        <div class="fields">
          <label>${t.kind}
            <select name="kind" @change=${this.pickKind}>
              ${KINDS.map((k) => html`<option value=${k} ?selected=${k === kind}>${editorMessages.kinds[k]}</option>`)}
            </select>
            <span class="hint">${editorMessages.kindHints[kind]}</span>
          </label>
          ${kindFields(this)}
          ${commonFields(this)}
          <div class="actions">
            <button type="submit" class="primary" ?disabled=${this.busy}>${t.add}</button>
            ${this.tried && !this.checked.fields ? html`<span class="field-error">${t.notSaved}</span>` : nothing}
          </div>
        </div>
        <aside>
          <h4>${editorMessages.preview.title} — ${this.profile.label}</h4>
          <bt-item-preview .item=${this.checked.fields} ?stale=${this.touched.size > 0 && !this.checked.fields} .profile=${this.profile} .media=${this.media}></bt-item-preview>
          <bt-legibility-warnings .item=${this.checked.fields} .chosen=${this.profile} .screens=${this.screens} .media=${this.media}></bt-legibility-warnings>
        </aside>
      </div>
    </form>`;
  }

  set(patch: Record<string, unknown>): void {
    this.draft = { ...this.draft, ...patch } as Draft;
    this.touched = new Set([...this.touched, ...Object.keys(patch)]);
  }

  commit(): void {
    // Nothing to save until the item is added.
  }

  private pickKind(e: Event): void {
    const kind = (e.target as HTMLSelectElement).value as ContentKind;
    const { theme, durationMs, validFrom, validUntil } = this.draft;
    this.draft = { ...newDraft(kind, { theme, durationMs }), ...(validFrom ? { validFrom } : {}), ...(validUntil ? { validUntil } : {}) };
    this.touched = new Set([...this.touched].filter((name) => ['theme', 'durationMs', 'validFrom', 'validUntil'].includes(name)));
    this.tried = false;
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    this.tried = true;
    const { fields } = this.checked;
    if (!fields) return;
    try {
      await this.create(fields);
    } catch {
      return; // The playlist editor shows why.
    }
    this.draft = newDraft('slogan', { theme: 1, durationMs: DEFAULT_DURATION_MS });
    this.touched = new Set();
    this.tried = false;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-item-add': ItemAdd;
  }
}
