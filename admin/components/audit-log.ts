import { LitElement, html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatLocalDate, formatLocalTime, parseInstant, type AuditEntry, type UserAccount, type WardEntry } from '../../playlists/index.ts';
import { api } from '../api.ts';
import { messages } from '../messages/index.ts';
import './date-time-field.ts';
import { controls } from './styles.ts';
import { errorMessage } from '../load.ts';
import { actionText, auditChangeLines, objectText, rawFieldLabel } from '../audit-text.ts';
import { NameBook } from '../name-book.ts';
import { vietnameseChecks } from '../validity.ts';

const t = () => messages.audit;
const FILTERS = ['userId', 'wardCode', 'objectType', 'objectId', 'from', 'to'] as const;

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value, null, 2));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields an update changed, as [field, before, after] in JSON (shown only when a change is opened). */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): [string, string, string][] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .map((k): [string, string, string] => [k, JSON.stringify(before[k]) ?? '', JSON.stringify(after[k]) ?? ''])
    .filter(([, a, b]) => a !== b);
}

/**
 * The audit log for admins: filter by user, ward, object and local dates; export as CSV. Each
 * entry reads as Vietnamese with names (audit-text.ts); the values as stored show, as text, only
 * when a change is opened.
 */
@customElement('bt-audit-log')
export class AuditLog extends LitElement {
  static override styles = [
    controls,
    css`
      form { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: 0.75rem; align-items: end; background: #fff; padding: 1rem; border-radius: 8px; margin-bottom: 1rem; }
      form input, form select { width: 100%; }
      dl { display: grid; grid-template-columns: auto 1fr; gap: 0.15rem 0.5rem; margin: 0.25rem 0; font-size: 0.85rem; }
      dt { font-family: monospace; color: #3d4550; }
      dd { margin: 0; word-break: break-word; }
      del { color: #a40e26; }
      ins { color: #0b6b2e; text-decoration: none; }
      .buttons { display: flex; gap: 0.5rem; align-items: center; }
      a.export { font-size: 0.95rem; }
      pre { white-space: pre-wrap; word-break: break-word; font-size: 0.8rem; margin: 0.25rem 0; max-width: 28rem; }
      td.when { white-space: nowrap; }
      ul.change { margin: 0 0 0.25rem; padding-left: 1.1rem; font-size: 0.9rem; }
      summary { cursor: pointer; color: #0b5cad; font-size: 0.85rem; }
    `,
  ];

  @state() private entries: AuditEntry[] = [];
  @state() private nextBefore: number | null = null;
  @state() private query = new URLSearchParams();
  @state() private users: UserAccount[] = [];
  @state() private wards: WardEntry[] = [];
  @state() private error = '';
  /** Names for the ids entries carry. */
  @state() private book = new NameBook();

  override connectedCallback() {
    super.connectedCallback();
    void this.loadChoices();
    void this.search(new URLSearchParams());
  }

  private async loadChoices() {
    void NameBook.load().then((book) => (this.book = book));
    try {
      const [users, wards] = await Promise.all([api.users(), api.wards()]);
      this.users = users.users;
      this.wards = wards.wards;
    } catch (e) {
      this.fail(e);
    }
  }

  private async search(query: URLSearchParams, before?: number) {
    try {
      const params = new URLSearchParams(query);
      if (before) params.set('before', String(before));
      const page = await api.audit(params);
      this.entries = before ? [...this.entries, ...page.entries] : page.entries;
      this.nextBefore = page.nextBefore;
      this.query = query;
      this.error = '';
    } catch (e) {
      this.fail(e);
    }
  }

  override render() {
    return html`
      <h2>${t().title}</h2>
      ${this.renderFilters()}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.entries.length === 0
        ? html`<p>${t().empty}</p>`
        : html`<table>
            <thead><tr><th>${t().at}</th><th>${t().user}</th><th>${t().action}</th><th>${t().object}</th><th>${t().ward}</th><th>${t().address}</th><th>${t().details}</th></tr></thead>
            <tbody>${this.entries.map((e) => this.renderEntry(e))}</tbody>
          </table>`}
      ${this.nextBefore ? html`<p><button @click=${() => this.search(this.query, this.nextBefore!)}>${t().more}</button></p>` : nothing}
    `;
  }

  private renderFilters() {
    const q = this.query;
    return html`
      <form @invalid=${vietnameseChecks} @submit=${this.onFilter}>
        <label>${t().user}<select name="userId">
          <option value="">${t().everyone}</option>
          ${this.users.map((u) => html`<option value=${u.id} ?selected=${q.get('userId') === String(u.id)}>${u.username}</option>`)}
        </select></label>
        <label>${t().ward}<select name="wardCode">
          <option value="">${t().allWards}</option>
          ${this.wards.map((w) => html`<option value=${w.code} ?selected=${q.get('wardCode') === w.code}>${w.name}</option>`)}
        </select></label>
        <label>${t().objectType}<select name="objectType">
          <option value="">${t().allObjects}</option>
          ${Object.entries(t().objects).map(([type, label]) => html`<option value=${type} ?selected=${q.get('objectType') === type}>${label}</option>`)}
        </select></label>
        <label>${t().objectId}<input name="objectId" maxlength="64" .value=${q.get('objectId') ?? ''} /></label>
        <bt-date-time-field type="date" name="from" label=${t().from} .value=${q.get('from') ?? ''}></bt-date-time-field>
        <bt-date-time-field type="date" name="to" label=${t().to} .value=${q.get('to') ?? ''}></bt-date-time-field>
        <div class="buttons">
          <button class="primary" type="submit">${t().filter}</button>
          <a class="export" href=${`/api/audit.csv?${q}`} download>${t().exportCsv}</a>
        </div>
      </form>
    `;
  }

  private renderEntry(e: AuditEntry) {
    const at = parseInstant(e.at);
    const ward = e.wardCode ? (this.wards.find((w) => w.code === e.wardCode)?.name ?? this.book.ward(e.wardCode)) : '';
    const hasDetails = e.before !== null || e.after !== null;
    const lines = auditChangeLines(e, this.book);
    return html`<tr data-entry-id=${e.id}>
      <td class="when">${formatLocalTime(at)} ${formatLocalDate(at)}</td>
      <td>${e.username ?? t().anonymous}</td>
      <td>${actionText(e.action)}</td>
      <td>${objectText(e, this.book, this.usernames)}</td>
      <td>${ward}</td>
      <td>${e.address ?? ''}</td>
      <td>
        ${lines.length ? html`<ul class="change">${lines.map((line) => html`<li>${line}</li>`)}</ul>` : nothing}
        ${hasDetails ? html`<details><summary>${t().raw}</summary>${this.renderChange(e)}</details>` : nothing}
      </td>
    </tr>`;
  }

  private get usernames(): Map<string, string> {
    return new Map(this.users.map((u) => [String(u.id), u.username]));
  }

  /** An update shows only what changed; a creation or deletion shows the whole object. Values as stored, as text. */
  private renderChange(e: AuditEntry) {
    if (isRecord(e.before) && isRecord(e.after)) {
      return html`<dl>${changedFields(e.before, e.after).map(([k, a, b]) => html`<dt>${rawFieldLabel(e.objectType, k)}</dt><dd><del>${a}</del> → <ins>${b}</ins></dd>`)}</dl>`;
    }
    return html`
      ${e.before !== null ? html`<strong>${t().before}</strong><pre>${json(e.before)}</pre>` : nothing}
      ${e.after !== null ? html`<strong>${t().after}</strong><pre>${json(e.after)}</pre>` : nothing}
    `;
  }

  private onFilter(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const query = new URLSearchParams();
    for (const key of FILTERS) {
      const value = String(data.get(key) ?? '').trim();
      if (value) query.set(key, value);
    }
    void this.search(query);
  }

  private fail(e: unknown) {
    this.error = errorMessage(e);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-audit-log': AuditLog;
  }
}
