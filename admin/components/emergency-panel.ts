import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { ContentFields, EmergencyStatus, MediaInfo, ScreenStatus, WardEntry } from '../../playlists/index.ts';
import { api } from '../api.ts';
import { emergencyReach } from '../emergency-reach.ts';
import { mediaApi } from '../media-api.ts';
import { scheduleMessages } from '../messages/schedule.ts';
import { scheduleApi } from '../schedule-api.ts';
import { fallbackMessages } from '../messages/fallback.ts';
import { previewProfiles } from '../preview-profiles.ts';
import { errorMessage } from '../load.ts';
import type { ConfirmDialog } from './confirm-dialog.ts';
import './confirm-dialog.ts';
import type { DateTimeField } from './date-time-field.ts';
import './date-time-field.ts';
import './item-preview.ts';
import './media-picker.ts';
import type { MediaPickDetail } from './media-picker.ts';
import { controls } from './styles.ts';
import { vietnameseChecks } from '../validity.ts';

const t = scheduleMessages.emergency;
const POLL_MS = 2_000;
const hhmmss = (iso: string) => `${iso.slice(11, 19)} ${iso.slice(8, 10)}/${iso.slice(5, 7)}`;
/** How long one pass of an emergency lasts on screen (server/emergency.ts), for the preview. */
const EMERGENCY_ITEM_MS = 30_000;

/**
 * Emergency broadcast: write a message, see it as screens will show it (the player's emergency
 * look, at a chosen board size) and how many screens in how many wards it reaches, confirm,
 * send; then see live which screens have shown it and which are unreachable, and cancel it.
 * Loads the wards and screens itself, so it works wherever it opens (the header's dialog, the
 * schedules view).
 */
@customElement('bt-emergency-panel')
export class EmergencyPanel extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: grid; gap: 0.75rem; }
      form { display: grid; gap: 0.6rem; background: #fff5f5; border: 1px solid #e7b4bb; border-radius: 10px; padding: 0.9rem 1rem; }
      fieldset { border: 1px solid #e7c9cd; border-radius: 8px; display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; }
      fieldset label { display: flex; flex-direction: row; gap: 0.3rem; align-items: center; }
      .preview { display: grid; gap: 0.4rem; max-width: 36rem; }
      .preview label { display: flex; flex-direction: row; gap: 0.5rem; align-items: center; }
      .reach { margin: 0; font-weight: 600; color: #8a0b1c; }
      .emergency { background: #fff; border-left: 4px solid #a40e26; border-radius: 6px; padding: 0.6rem 0.9rem; display: grid; gap: 0.4rem; }
      .head { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; }
      .head strong { flex: 1; }
      .shown { color: #0b6b2e; }
      .waiting { color: #6b4d00; }
      .lost { color: #a40e26; }
    `,
  ];

  /** Whether the user may send and cancel (admin, approver). */
  @property({ type: Boolean, attribute: 'can-send' }) canSend = false;
  /** The ward list, when the host has it already; loaded otherwise. */
  @property({ attribute: false }) wards: WardEntry[] = [];
  @state() private emergencies: EmergencyStatus[] = [];
  @state() private screens: ScreenStatus[] = [];
  @state() private media: readonly MediaInfo[] = [];
  @state() private message: { ok: boolean; text: string } | null = null;
  @state() private busy = false;
  /** The message as typed, and the wards chosen: for the preview and the reach. */
  @state() private text = '';
  @state() private chosen: string[] = [];
  @state() private previewId = '384x192';
  /** The picture to send with the message (optional). */
  @state() private imageMediaId: string | null = null;
  @query('bt-confirm-dialog') private confirmDialog!: ConfirmDialog;
  /** The message as a slogan for the preview: one object per text, so the preview's turns run on. */
  private previewItem: ContentFields | null = null;
  /** The preview's issue time: when the operator started writing. */
  private previewEmergency = { issuedAt: Date.now() };
  #timer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback() {
    super.connectedCallback();
    void this.poll();
    void this.loadFacts();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Wards, screens and pictures: the form's choices, the reach and the preview. */
  private async loadFacts() {
    const [wards, screens, media] = await Promise.all([
      this.wards.length ? null : api.wards().catch(() => null),
      api.allScreens().catch(() => null),
      mediaApi.list().catch(() => null),
    ]);
    if (wards) this.wards = wards.wards;
    if (screens) this.screens = screens.screens;
    if (media) this.media = media.media;
  }

  private async poll() {
    try {
      this.emergencies = (await scheduleApi.emergencies()).emergencies;
    } catch (e) {
      this.fail(e);
    }
    if (this.isConnected) this.#timer = setTimeout(() => void this.poll(), POLL_MS);
  }

  override render() {
    return html`
      <h3>${t.title}</h3>
      ${this.message ? html`<p class=${this.message.ok ? 'ok' : 'error'} role="status">${this.message.text}</p>` : nothing}
      ${this.canSend ? this.renderForm() : nothing}
      ${this.emergencies.map((e) => this.renderEmergency(e))}
      <bt-confirm-dialog></bt-confirm-dialog>
    `;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('text') || changed.has('imageMediaId')) {
      const text = this.text.trim();
      if (text && !this.previewItem) this.previewEmergency = { issuedAt: Date.now() };
      this.previewItem = text
        ? { kind: 'slogan', theme: 1, durationMs: EMERGENCY_ITEM_MS, text, ...(this.imageMediaId ? { image: this.imageMediaId } : {}) }
        : null;
    }
  }

  private renderForm() {
    const profiles = previewProfiles([]);
    const profile = profiles.find((p) => p.id === this.previewId) ?? profiles[0]!;
    const item = this.previewItem;
    return html`<form @invalid=${vietnameseChecks} @submit=${this.onSend} @input=${this.onInput} @change=${this.onInput}>
      <label>${t.text}<textarea name="emergency-text" required maxlength="160" rows="2"></textarea></label>
      <bt-date-time-field type="datetime-local" name="emergency-ends" label=${t.endsAt}></bt-date-time-field>
      <div data-emergency-image>
        <span>${fallbackMessages.emergency.image}</span>
        <bt-media-picker kind="image" optional .value=${this.imageMediaId}
          @change=${(e: CustomEvent<MediaPickDetail>) => (this.imageMediaId = e.detail.id)}></bt-media-picker>
        <small>${fallbackMessages.emergency.imageHelp}</small>
      </div>
      ${this.wards.length ? html`<fieldset><legend>${t.wards}</legend>
        ${this.wards.map((w) => html`<label><input type="checkbox" name="emergency-ward" value=${w.code} />${w.name}</label>`)}
      </fieldset>` : nothing}
      <p class="reach" data-reach>${this.reachLines().join(' ')}</p>
      <div class="preview">
        <label>${t.preview}
          <select name="emergency-preview-size" @change=${(e: Event) => (this.previewId = (e.target as HTMLSelectElement).value)}>
            ${profiles.map((p) => html`<option value=${p.id} ?selected=${p.id === this.previewId}>${p.label}</option>`)}
          </select>
        </label>
        <bt-item-preview .item=${item} .profile=${profile} .media=${this.media} .emergency=${this.previewEmergency}></bt-item-preview>
      </div>
      <div><button class="danger" type="submit" name="send-emergency" ?disabled=${this.busy}>${t.send}</button></div>
    </form>`;
  }

  /** How many screens in how many wards it will reach, and the chosen wards that have no screen. */
  private reachLines(): string[] {
    const reach = emergencyReach(this.screens, this.chosen);
    const lines = [reach.screens ? `${t.reach(reach.screens, reach.wards)}.` : t.reachNone];
    if (reach.emptyWards.length) lines.push(t.emptyWards(reach.emptyWards.map((c) => this.wards.find((w) => w.code === c)?.name ?? c).join(', ')));
    return lines;
  }

  private renderEmergency(e: EmergencyStatus) {
    const shown = e.screens.filter((s) => s.shownAt !== null).length;
    return html`<div class="emergency" data-emergency-id=${e.scheduleId}>
      <div class="head">
        <strong>${e.text}</strong>
        <span class="badge">${e.active ? t.active : t.ended}, ${e.endsAt ? t.until(hhmmss(e.endsAt)) : t.untilCancel}</span>
        <span data-shown-count=${shown}>${t.shownCount(shown, e.screens.length)}</span>
        ${this.canSend ? html`<button class="danger" name="cancel-emergency" @click=${() => this.cancel(e.scheduleId)}>${t.cancel}</button>` : nothing}
      </div>
      <table>
        <tbody>${e.screens.map((s) => html`<tr data-screen-id=${s.id}>
          <td>${s.name}</td>
          <td>${s.shownAt ? html`<span class="shown">✓ ${t.shownAt(hhmmss(s.shownAt))}</span>`
            : s.connected ? html`<span class="waiting">${t.notShown}</span>` : html`<span class="lost">${t.notShown} — ${t.unreachable}</span>`}</td>
        </tr>`)}</tbody>
      </table>
    </div>`;
  }

  private onInput(ev: Event) {
    this.read(ev.currentTarget as HTMLFormElement);
  }

  private read(form: HTMLFormElement) {
    this.text = (form.elements.namedItem('emergency-text') as HTMLTextAreaElement).value;
    this.chosen = [...form.querySelectorAll<HTMLInputElement>('input[name=emergency-ward]:checked')].map((i) => i.value);
  }

  private async onSend(ev: Event) {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    this.read(form);
    const ok = await this.confirmDialog.ask({
      title: t.confirmTitle, lines: [...this.reachLines(), t.confirmTakeover], confirm: t.confirmSend, cancel: t.confirmBack, danger: true,
    });
    if (!ok) return;
    const text = this.text;
    const ends = (form.elements.namedItem('emergency-ends') as DateTimeField).value;
    this.busy = true;
    try {
      await scheduleApi.sendEmergency({ text, wards: this.chosen, ...(ends ? { endsAt: `${ends}:00+07:00` } : {}), ...(this.imageMediaId ? { imageMediaId: this.imageMediaId } : {}) });
      form.reset();
      this.imageMediaId = null;
      this.text = '';
      this.chosen = [];
      this.message = { ok: true, text: t.sent };
      clearTimeout(this.#timer);
      await this.poll();
    } catch (e) {
      this.fail(e);
    } finally {
      this.busy = false;
    }
  }

  private async cancel(scheduleId: string) {
    try {
      await scheduleApi.cancelEmergency(scheduleId);
      this.message = { ok: true, text: t.cancelled };
      clearTimeout(this.#timer);
      await this.poll();
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown) {
    this.message = { ok: false, text: errorMessage(e) };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-emergency-panel': EmergencyPanel;
  }
}
