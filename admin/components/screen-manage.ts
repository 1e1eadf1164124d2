import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LOCATION_KINDS, ScreenStatus, type WardEntry } from '../../playlists/index.ts';
import { api, call } from '../api.ts';
import { messages } from '../messages/index.ts';
import { screenManageMessages as t } from '../messages/screen-manage.ts';
import { detailsOfForm, manageFormOf, type ManageFormState } from '../screen-manage-form.ts';
import './confirm-dialog.ts';
import type { ConfirmDialog } from './confirm-dialog.ts';
import { ScreenDialog, dialogStyles } from './modal-dialog.ts';
import { vietnameseChecks } from '../validity.ts';

/**
 * A screen's name, ward, location kind and tags after pairing (issue 12, item 5), in a modal
 * dialog. The ward is picked from the ward list; only those who may move screens between wards
 * (admins) get the choice, a ward operator sees its ward fixed. Everything is saved in one
 * request (`PUT /api/screens/{id}/details` with `wardCode` when moved): all of it or nothing.
 * Admins also retire the screen here (`DELETE /api/screens/{id}`), after a question naming it.
 *
 * @fires manage-closed - the dialog was closed; the list clears `screen`
 * @fires screen-retired - the screen was retired (detail: its id); the list drops its row
 */
@customElement('bt-screen-manage')
export class ScreenManageDialog extends ScreenDialog {
  static override styles = [
    dialogStyles,
    css`
      dialog { width: min(32rem, 92vw); }
      form { display: grid; gap: 0.6rem; }
      label { display: grid; gap: 0.2rem; }
      input, select { width: 100%; box-sizing: border-box; }
      .actions { margin-top: 0.5rem; }
      fieldset.retire { margin: 1rem 0 0; border-color: #e7a3ae; }
      fieldset.retire legend { color: #a40e26; }
      fieldset.retire p { margin: 0 0 0.5rem; }
    `,
  ];

  /** Whether the user may move a screen to another ward (admins). */
  @property({ type: Boolean }) canMoveWard = false;
  /** Whether the user may retire screens (admins). */
  @property({ type: Boolean }) canRetire = false;

  @query('bt-confirm-dialog') private confirmDialog!: ConfirmDialog | null;
  /** The question before retiring is open (its dialog exists only then: one dialog at a time otherwise). */
  @state() private asking = false;

  protected readonly closedEvent = 'manage-closed';
  protected readonly text = t;
  @state() private form: ManageFormState | null = null;
  @state() private wards: WardEntry[] | null = null;
  @state() private wardsError = false;

  protected opening(screen: ScreenStatus): void {
    this.form = manageFormOf(screen);
    this.wards = null;
    this.wardsError = false;
    api.wards().then(
      ({ wards }) => (this.wards = wards),
      () => (this.wardsError = true),
    );
  }

  protected override onClosed(): void {
    this.form = null;
    this.asking = false;
  }

  private change(patch: Partial<ManageFormState>) {
    if (this.form) this.form = { ...this.form, ...patch };
  }

  private submit(e: Event) {
    e.preventDefault();
    const screen = this.screen;
    const form = this.form;
    const check = form && detailsOfForm(form);
    if (!screen || !form || !check?.ok) return;
    const id = encodeURIComponent(screen.id);
    const wardCode = form.wardCode || null;
    const moving = this.canMoveWard && wardCode !== (screen.wardCode ?? null);
    // One request: moved, the server sets the ward label to the new ward's name.
    void this.save(() => call('PUT', `/api/screens/${id}/details`, ScreenStatus, { ...check.body, ...(moving ? { wardCode } : {}) }));
  }

  /** Asks, naming the screen, then retires it; the dialog closes and the list drops the row. */
  private async retire() {
    const screen = this.screen;
    if (!screen || this.busy) return;
    const r = t.retire;
    this.asking = true;
    await this.updateComplete;
    const yes = (await this.confirmDialog?.ask({
      title: r.question(screen.name), lines: r.lines(screen.name), confirm: r.confirm, cancel: r.cancel, danger: true,
    })) ?? false;
    this.asking = false;
    if (!yes) return;
    await this.save(async () => {
      await call('DELETE', `/api/screens/${encodeURIComponent(screen.id)}`, null);
      this.dispatchEvent(new CustomEvent('screen-retired', { detail: screen.id, bubbles: true, composed: true }));
    });
  }

  protected renderBody() {
    const form = this.form;
    if (!form) return nothing;
    const check = detailsOfForm(form);
    const issues = new Set(check.ok ? [] : check.issues);
    const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
    return html`<form @invalid=${vietnameseChecks} @submit=${(e: Event) => this.submit(e)}>
      <label>${t.name}
        <input name="name" .value=${form.name} maxlength="120" aria-invalid=${issues.has('name') ? 'true' : 'false'}
          @input=${(e: Event) => this.change({ name: value(e) })} />
      </label>
      ${issues.has('name') ? html`<span class="field-error" role="alert">${t.issues.name}</span>` : nothing}
      ${this.renderWard(form)}
      <label>${t.locationKind}
        <select name="locationKind" @change=${(e: Event) => this.change({ locationKind: value(e) as ScreenStatus['locationKind'] })}>
          ${LOCATION_KINDS.map((k) => html`<option value=${k} ?selected=${form.locationKind === k}>${messages.locationKinds[k] ?? k}</option>`)}
        </select>
      </label>
      <label>${t.tags}
        <input name="tags" .value=${form.tags} aria-invalid=${issues.has('tagLength') || issues.has('tagCount') ? 'true' : 'false'}
          @input=${(e: Event) => this.change({ tags: value(e) })} />
      </label>
      <small class="hint">${t.tagsHint}</small>
      ${issues.has('tagLength') ? html`<span class="field-error" role="alert">${t.issues.tagLength}</span>` : nothing}
      ${issues.has('tagCount') ? html`<span class="field-error" role="alert">${t.issues.tagCount}</span>` : nothing}
      <div class="actions">
        <button type="button" @click=${() => this.close()}>${t.cancel}</button>
        <button type="submit" class="primary" data-action="save-manage" ?disabled=${!check.ok || this.busy || (this.canMoveWard && !this.wards && !this.wardsError)}>
          ${this.busy ? t.saving : t.save}
        </button>
      </div>
    </form>
    ${this.canRetire ? this.renderRetire() : nothing}`;
  }

  private renderRetire() {
    const r = t.retire;
    return html`<fieldset class="retire">
        <legend>${r.legend}</legend>
        <p class="hint">${r.hint}</p>
        <button type="button" class="danger" data-action="retire-screen" ?disabled=${this.busy || this.asking} @click=${() => void this.retire()}>${r.button}</button>
      </fieldset>
      ${this.asking ? html`<bt-confirm-dialog></bt-confirm-dialog>` : nothing}`;
  }

  private renderWard(form: ManageFormState) {
    const screen = this.screen;
    const wards = this.wards ?? [];
    // The screen's own ward stays a choice even before (or without) the list.
    const known = wards.some((w) => w.code === form.wardCode);
    const current = screen?.wardCode && !known ? [{ code: screen.wardCode, name: screen.ward ?? screen.wardCode }] : [];
    return html`<label>${t.ward}
        <select name="wardCode" ?disabled=${!this.canMoveWard || !this.wards}
          @change=${(e: Event) => this.change({ wardCode: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${!form.wardCode}>${t.noWard}</option>
          ${[...current, ...wards].map((w) => html`<option value=${w.code} ?selected=${form.wardCode === w.code}>${w.name}</option>`)}
        </select>
      </label>
      ${!this.canMoveWard ? html`<small class="hint">${t.wardLocked}</small>` : nothing}
      ${this.canMoveWard && this.wards && !this.wards.length ? html`<small class="hint" data-no-wards>${t.noWards}</small>` : nothing}
      ${this.wardsError ? html`<small class="field-error">${t.wardsFailed}</small>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-screen-manage': ScreenManageDialog;
  }
  interface HTMLElementEventMap {
    'manage-closed': CustomEvent<void>;
    'screen-retired': CustomEvent<string>;
  }
}
