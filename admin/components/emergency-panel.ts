import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { EmergencyStatus, WardEntry } from '../../playlists/index.ts';
import { ApiError } from '../api.ts';
import { errorText } from '../messages.ts';
import { scheduleMessages } from '../messages-schedule.ts';
import { scheduleApi } from '../schedule-api.ts';
import { fallbackMessages } from '../messages-fallback.ts';
import './media-picker.ts';
import type { MediaPickDetail } from './media-picker.ts';
import { controls } from './styles.ts';

const t = scheduleMessages.emergency;
const POLL_MS = 2_000;
const hhmmss = (iso: string) => `${iso.slice(11, 19)} ${iso.slice(8, 10)}/${iso.slice(5, 7)}`;

/**
 * Emergency broadcast: send a message to all screens or chosen wards, see live which screens
 * have shown it and which are unreachable, cancel it.
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
  @property({ attribute: false }) wards: WardEntry[] = [];
  @state() private emergencies: EmergencyStatus[] = [];
  @state() private message: { ok: boolean; text: string } | null = null;
  @state() private busy = false;
  /** The picture to send with the message (optional). */
  @state() private imageMediaId: string | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback() {
    super.connectedCallback();
    void this.poll();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
    this.#timer = undefined;
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
    `;
  }

  private renderForm() {
    return html`<form @submit=${this.onSend}>
      <label>${t.text}<textarea name="emergency-text" required maxlength="160" rows="2"></textarea></label>
      <label>${t.endsAt}<input type="datetime-local" name="emergency-ends" /></label>
      <div data-emergency-image>
        <span>${fallbackMessages.emergency.image}</span>
        <bt-media-picker kind="image" optional .value=${this.imageMediaId}
          @change=${(e: CustomEvent<MediaPickDetail>) => (this.imageMediaId = e.detail.id)}></bt-media-picker>
        <small>${fallbackMessages.emergency.imageHelp}</small>
      </div>
      ${this.wards.length ? html`<fieldset><legend>${t.wards}</legend>
        ${this.wards.map((w) => html`<label><input type="checkbox" name="emergency-ward" value=${w.code} />${w.name}</label>`)}
      </fieldset>` : nothing}
      <div><button class="danger" type="submit" name="send-emergency" ?disabled=${this.busy}>${t.send}</button></div>
    </form>`;
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

  private async onSend(ev: Event) {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    if (!confirm(t.confirm)) return;
    const text = (form.elements.namedItem('emergency-text') as HTMLTextAreaElement).value;
    const ends = (form.elements.namedItem('emergency-ends') as HTMLInputElement).value;
    const wards = [...form.querySelectorAll<HTMLInputElement>('input[name=emergency-ward]:checked')].map((i) => i.value);
    this.busy = true;
    try {
      await scheduleApi.sendEmergency({ text, wards, ...(ends ? { endsAt: `${ends}:00+07:00` } : {}), ...(this.imageMediaId ? { imageMediaId: this.imageMediaId } : {}) });
      form.reset();
      this.imageMediaId = null;
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
    this.message = { ok: false, text: errorText(e instanceof ApiError ? e.code : 'unknown') };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-emergency-panel': EmergencyPanel;
  }
}
