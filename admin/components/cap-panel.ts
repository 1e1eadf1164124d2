import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CapAlertEntry, CapFeedStatus, CapKeyEntry } from '../../playlists/index.ts';
import { ApiError } from '../api.ts';
import { errorText } from '../messages/index.ts';
import { standardsMessages } from '../messages/standards.ts';
import { standardsApi } from '../standards-api.ts';
import { controls } from './styles.ts';
import { vietnameseChecks } from '../validity.ts';

const t = standardsMessages;
const problem = (e: unknown) => errorText(e instanceof ApiError ? e.code : 'unknown');

/**
 * CAP alerts in (issue 17): the alerts taken, Test and Exercise ones marked; for admins, the
 * keys CAP sources post with (a new key shown once) and the feed the server polls.
 */
@customElement('bt-cap-panel')
export class CapPanel extends LitElement {
  static override styles = [
    controls,
    css`
      section { background: #fff; padding: 1rem; border-radius: 8px; margin-bottom: 1rem; display: grid; gap: 0.75rem; }
      h3 { margin: 0; font-size: 1rem; }
      p { margin: 0; font-size: 0.9rem; color: #3d4550; }
      form { display: flex; gap: 0.75rem; align-items: end; flex-wrap: wrap; }
      form label { flex: 1 1 18rem; }
      .badge.test { background: #e3ecff; color: #1d3f8f; }
      .badge.emergency { background: #c8102e; color: #fff; }
      .badge.priority { background: #fff1c2; color: #6b4d00; }
      code.secret { display: block; padding: 0.5rem; background: #f4f6f9; border-radius: 6px; word-break: break-all; }
      tr.revoked td { color: #9aa4b1; }
    `,
  ];

  @property({ type: Boolean, attribute: 'can-manage' }) canManage = false;
  @state() private alerts: CapAlertEntry[] = [];
  @state() private keys: CapKeyEntry[] = [];
  @state() private feed: CapFeedStatus | null = null;
  @state() private secret: string | null = null;
  @state() private message: { ok: boolean; text: string } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.alerts = (await standardsApi.capAlerts()).alerts;
      if (this.canManage) {
        this.keys = (await standardsApi.capKeys()).keys;
        this.feed = await standardsApi.capFeed();
      }
    } catch (e) {
      this.message = { ok: false, text: problem(e) };
    }
  }

  override render() {
    return html`
      <section class="alerts">
        <h3>${t.cap.title}</h3>
        <p>${t.cap.help}</p>
        ${this.message ? html`<p class=${this.message.ok ? 'ok' : 'error'} role="status">${this.message.text}</p>` : nothing}
        ${this.alerts.length ? this.renderAlerts() : html`<p>${t.cap.empty}</p>`}
      </section>
      ${this.canManage ? [this.renderKeys(), this.renderFeed()] : nothing}
    `;
  }

  private renderAlerts() {
    return html`<table>
      <thead><tr><th>${t.cap.received}</th><th>${t.cap.alert}</th><th>${t.cap.status}</th><th>${t.cap.result}</th><th>${t.cap.wards}</th><th>${t.cap.source}</th></tr></thead>
      <tbody>${this.alerts.map((a) => html`<tr data-cap-alert=${a.identifier} data-status=${a.status}>
        <td>${t.when(a.receivedAt)}</td>
        <td><strong>${a.event ?? a.identifier}</strong>${a.headline ? html`<br />${a.headline}` : nothing}</td>
        <td><span class="badge ${a.status === 'Actual' ? '' : 'test'}">${t.cap.statuses[a.status] ?? a.status}</span> ${a.msgType}</td>
        <td>${t.cap.outcomes[a.outcome] ?? a.outcome}${a.tier ? html` <span class="badge ${a.tier}">${t.cap.tiers[a.tier]}</span>` : nothing}
          ${a.reason ? html`<br /><small>${t.cap.reasons[a.reason] ?? a.reason}</small>` : nothing}${a.onAir ? html`<br /><span class="badge published">${t.cap.onAir}</span>
            <button class="danger" name="end-alert" @click=${() => this.endAlert(a)}>${t.cap.end}</button>` : nothing}</td>
        <td>${a.wards.length ? a.wards.join(', ') : t.cap.all}</td>
        <td>${a.source}</td>
      </tr>`)}</tbody>
    </table>`;
  }

  private renderKeys() {
    return html`<section class="keys">
      <h3>${t.keys.title}</h3>
      <p>${t.keys.help}</p>
      <form @invalid=${vietnameseChecks} @submit=${this.createKey}>
        <label>${t.keys.name}<input name="name" required maxlength="80" /></label>
        <button class="primary" type="submit">${t.keys.create}</button>
      </form>
      ${this.secret ? html`<p class="ok" role="status">${t.keys.created}</p><code class="secret" data-secret>${this.secret}</code>` : nothing}
      ${this.keys.length
        ? html`<table><tbody>${this.keys.map((k) => html`<tr class=${k.revokedAt ? 'revoked' : ''} data-key=${k.name}>
            <td>${k.name}</td>
            <td>${t.keys.lastUsed}: ${k.lastUsedAt ? t.when(k.lastUsedAt) : t.keys.never}</td>
            <td>${k.revokedAt ? t.keys.revoked : html`<button class="danger" @click=${() => this.revokeKey(k)}>${t.keys.revoke}</button>`}</td>
          </tr>`)}</tbody></table>`
        : html`<p>${t.keys.empty}</p>`}
    </section>`;
  }

  private renderFeed() {
    const f = this.feed;
    return html`<section class="feed">
      <h3>${t.feed.title}</h3>
      <p>${t.feed.help}</p>
      <form @invalid=${vietnameseChecks} @submit=${this.saveFeed}>
        <label>${t.feed.url}<input name="url" type="url" .value=${f?.url ?? ''} placeholder="https://…" /></label>
        <button class="primary" type="submit">${t.feed.save}</button>
        ${f?.url ? html`<button type="button" @click=${() => this.setFeed(null)}>${t.feed.stop}</button>` : nothing}
      </form>
      ${f?.url
        ? html`<p>${t.feed.lastPolled}: ${f.lastPolledAt ? t.when(f.lastPolledAt) : '—'} · ${t.feed.taken(f.alertsTaken)}</p>
            ${f.lastError ? html`<p class="error">${t.feed.lastError}: ${f.lastError}</p>` : nothing}`
        : html`<p>${t.feed.none}</p>`}
    </section>`;
  }

  private async endAlert(alert: CapAlertEntry): Promise<void> {
    if (!alert.scheduleId || !confirm(t.cap.confirmEnd(alert.headline ?? alert.event ?? alert.identifier))) return;
    try {
      await standardsApi.endAlert(alert.scheduleId);
      this.alerts = (await standardsApi.capAlerts()).alerts;
    } catch (e) {
      this.message = { ok: false, text: problem(e) };
    }
  }

  private async createKey(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '').trim();
    try {
      this.secret = (await standardsApi.createCapKey(name)).key;
      form.reset();
      this.keys = (await standardsApi.capKeys()).keys;
    } catch (e) {
      this.message = { ok: false, text: problem(e) };
    }
  }

  private async revokeKey(key: CapKeyEntry): Promise<void> {
    if (!confirm(t.keys.confirmRevoke(key.name))) return;
    try {
      await standardsApi.revokeCapKey(key.id);
      this.keys = (await standardsApi.capKeys()).keys;
    } catch (e) {
      this.message = { ok: false, text: problem(e) };
    }
  }

  private async saveFeed(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const url = String(new FormData(event.target as HTMLFormElement).get('url') ?? '').trim();
    await this.setFeed(url || null);
  }

  private async setFeed(url: string | null): Promise<void> {
    try {
      this.feed = await standardsApi.setCapFeed(url);
      this.message = { ok: true, text: t.feed.saved };
    } catch (e) {
      this.message = { ok: false, text: problem(e) };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-cap-panel': CapPanel;
  }
}
