import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LOCATION_KINDS, toLocalIso, type Role, type ScreenStatus, type SessionWard, type WardEntry } from '../../playlists/index.ts';
import { PERIODIC_KINDS, type PeriodicKind, type PeriodicReport, type ReportData } from '../../playlists/reports.ts';
import { api, ApiError } from '../api.ts';
import { formatDate, reportErrorText, reportMessages as m } from '../messages/reports.ts';
import { reportApi } from '../report-api.ts';
import './date-time-field.ts';
import { controls } from './styles.ts';
import './report-view.ts';
import { mayWriteReports } from '../access.ts';
import { vietnameseChecks } from '../validity.ts';

/**
 * A4 paper for the printed report: `@page` only works in the document's own styles. A
 * constructed sheet, since the admin page's CSP refuses inline <style> elements.
 */
const PAGE_SHEET = new CSSStyleSheet();
PAGE_SHEET.replaceSync('@page { size: A4; margin: 15mm 15mm 18mm; } @media print { body { background: #fff !important; } }');

type Tab = 'periodic' | 'custom';
const today = () => toLocalIso(Date.now()).slice(0, 10);
const selected = (form: HTMLFormElement, name: string) => [...form.querySelectorAll<HTMLOptionElement>(`select[name=${name}] option:checked`)].map((o) => o.value).filter(Boolean);

/**
 * *Báo cáo*: the periodic reports (listed with their status; drafted, adjusted, frozen, printed)
 * and reports over any period × wards × location kinds × screens. Loaded only when the view is
 * opened, with its chart library.
 */
@customElement('bt-report-page')
export class ReportPage extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; }
      .tabs { display: flex; gap: 0.5rem; margin-bottom: 1rem; }
      .tabs button[aria-pressed='true'] { background: #0b2540; color: #fff; }
      form.filters, form.create, form.edit { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; background: #fff; padding: 1rem; border-radius: 8px; margin-bottom: 1rem; }
      select[multiple] { min-width: 12rem; min-height: 6rem; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin: 0 0 1rem; }
      .list { background: #fff; border-radius: 8px; margin-bottom: 1rem; }
      .hint { font-size: 0.8rem; color: #5b6570; }
      @media print {
        .tabs, form, .actions, .list, .no-print, h2.page { display: none !important; }
      }
    `,
  ];

  @property({ attribute: false }) userRole: Role = 'viewer';
  /** The ward of a ward operator; null for the city's roles. */
  @property({ attribute: false }) ward: SessionWard | null = null;

  @state() private tab: Tab = 'periodic';
  @state() private reports: PeriodicReport[] = [];
  @state() private open: PeriodicReport | null = null;
  @state() private data: ReportData | null = null;
  @state() private wards: WardEntry[] = [];
  @state() private screens: ScreenStatus[] = [];
  @state() private query = new URLSearchParams({ from: `${today().slice(0, 8)}01`, to: today() });
  @state() private message = '';
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, PAGE_SHEET];
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== PAGE_SHEET);
  }

  private get canWrite() {
    return mayWriteReports(this.userRole);
  }

  private async load() {
    try {
      const [reports, wards, screens] = await Promise.all([reportApi.periodic(), api.wards(), api.allScreens()]);
      this.reports = reports.reports;
      this.wards = this.ward ? wards.wards.filter((w) => w.code === this.ward!.code) : wards.wards;
      this.screens = screens.screens;
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown) {
    this.error = e instanceof ApiError ? reportErrorText(e.code) : String(e);
  }

  override render() {
    return html`
      <h2 class="page">${m.title}</h2>
      <div class="tabs">${(['periodic', 'custom'] as const).map((tab) => html`<button data-tab=${tab} aria-pressed=${tab === this.tab} @click=${() => this.switchTo(tab)}>${m.tabs[tab]}</button>`)}</div>
      ${this.error ? html`<p class="error no-print" role="alert">${this.error}</p>` : nothing}
      ${this.message ? html`<p class="ok no-print" role="status">${this.message}</p>` : nothing}
      ${this.tab === 'periodic' ? this.renderPeriodic() : this.renderCustom()}
      ${this.data ? html`<bt-report-view .data=${this.data} .meta=${this.tab === 'periodic' ? this.open : null}></bt-report-view>` : nothing}
    `;
  }

  private switchTo(tab: Tab) {
    this.tab = tab;
    this.data = null;
    this.open = null;
    this.message = this.error = '';
  }

  private renderPeriodic() {
    if (this.open) return this.renderOpen(this.open);
    const p = m.periodic;
    return html`
      ${this.canWrite ? html`<form @invalid=${vietnameseChecks} class="create" @submit=${this.onCreate}>
        <label>${p.kind}<select name="kind">${PERIODIC_KINDS.map((k) => html`<option value=${k}>${m.kinds[k]}</option>`)}</select></label>
        <label>${p.year}<input name="year" type="number" min="2025" max="2100" .value=${today().slice(0, 4)} /></label>
        ${this.ward ? nothing : html`<label>${p.unit}<select name="ward"><option value="">${p.city}</option>${this.wards.map((w) => html`<option value=${w.code}>${w.name}</option>`)}</select></label>`}
        <button class="primary" type="submit">${p.create}</button>
      </form>` : nothing}
      <div class="list">${this.reports.length === 0 ? html`<p>${p.empty}</p>` : html`<table>
        <thead><tr><th>${p.kind}</th><th>${p.unit}</th><th>${p.due}</th><th>${p.period}</th><th>${p.status}</th><th></th></tr></thead>
        <tbody>${this.reports.map((r) => html`<tr data-report=${r.id} data-status=${r.status}>
          <td>${m.kinds[r.kind]} ${r.year}</td><td>${r.wardName ?? p.city}</td><td>${formatDate(r.dueDate)}</td>
          <td>${formatDate(r.period.from)} – ${formatDate(r.period.to)}</td>
          <td><span class="badge">${m.status[r.status]}</span> <span class="hint">(${m.draftedBy[r.draftedBy]})</span></td>
          <td><button name="open-report" @click=${() => this.openReport(r)}>${p.open}</button></td></tr>`)}</tbody></table>`}</div>`;
  }

  private renderOpen(r: PeriodicReport) {
    const p = m.periodic;
    const editable = this.canWrite && r.status === 'draft';
    return html`
      <div class="actions">
        <button @click=${() => this.switchTo('periodic')}>${p.back}</button>
        <button class="primary" name="print" @click=${() => window.print()}>${m.actions.print}</button>
        ${editable ? html`<button name="finalize" @click=${() => this.finalize(r)}>${p.finalize}</button>` : nothing}
      </div>
      ${editable ? html`<form @invalid=${vietnameseChecks} class="edit" @submit=${(e: Event) => this.onEdit(e, r)}>
        <bt-date-time-field type="date" name="from" label=${m.filters.from} required .value=${r.period.from}></bt-date-time-field>
        <bt-date-time-field type="date" name="to" label=${m.filters.to} required .value=${r.period.to}></bt-date-time-field>
        <label>${p.unitName}<input name="unitName" maxlength="200" .value=${r.unitName ?? ''} /></label>
        <button type="submit">${p.save}</button>
      </form>` : nothing}`;
  }

  private renderCustom() {
    const f = m.filters;
    const q = this.query;
    const chosen = (name: string) => new Set((q.get(name) ?? '').split(',').filter(Boolean));
    const screens = this.ward ? this.screens.filter((s) => s.wardCode === this.ward!.code) : this.screens;
    return html`
      <form @invalid=${vietnameseChecks} class="filters" @submit=${this.onFilter}>
        <bt-date-time-field type="date" name="from" label=${f.from} required .value=${q.get('from') ?? ''}></bt-date-time-field>
        <bt-date-time-field type="date" name="to" label=${f.to} required .value=${q.get('to') ?? ''}></bt-date-time-field>
        <label>${f.wards}<select name="wards" multiple>${this.wards.map((w) => html`<option value=${w.code} ?selected=${chosen('wards').has(w.code)}>${w.name}</option>`)}</select></label>
        <label>${f.locationKinds}<select name="locationKinds" multiple>${LOCATION_KINDS.map((k) => html`<option value=${k} ?selected=${chosen('locationKinds').has(k)}>${m.locationKinds[k]}</option>`)}</select></label>
        <label>${f.screens}<select name="screens" multiple>${screens.map((s) => html`<option value=${s.id} ?selected=${chosen('screens').has(s.id)}>${s.name}</option>`)}</select></label>
        <span class="hint">${f.hint}</span>
        <button class="primary" type="submit">${f.show}</button>
      </form>
      ${this.data ? html`<div class="actions">
        <button class="primary" name="print" @click=${() => window.print()}>${m.actions.print}</button>
        <a name="playout" href=${`/api/reports/playout?${this.playoutQuery()}`} download>${m.actions.playout}</a>
      </div>` : nothing}`;
  }

  private playoutQuery(): URLSearchParams {
    const q = new URLSearchParams(this.query);
    q.delete('locationKinds');
    return q;
  }

  private async onFilter(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const q = new URLSearchParams({ from: String(data.get('from')), to: String(data.get('to')) });
    for (const name of ['wards', 'locationKinds', 'screens']) {
      const values = selected(form, name);
      if (values.length) q.set(name, values.join(','));
    }
    this.query = q;
    try {
      this.data = await reportApi.summary(q);
      this.error = '';
    } catch (err) {
      this.data = null;
      this.fail(err);
    }
  }

  private async openReport(r: PeriodicReport) {
    try {
      const view = await reportApi.view(r.id);
      const { data, ...meta } = view;
      this.open = meta;
      this.data = data;
      this.error = this.message = '';
    } catch (e) {
      this.fail(e);
    }
  }

  private async onCreate(e: Event) {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    try {
      const created = await reportApi.create(String(data.get('kind')) as PeriodicKind, Number(data.get('year')), (data.get('ward') as string | null) || null);
      this.reports = (await reportApi.periodic()).reports;
      await this.openReport(created);
      this.message = m.periodic.created;
    } catch (err) {
      this.fail(err);
    }
  }

  private async onEdit(e: Event, r: PeriodicReport) {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    try {
      await reportApi.update(r.id, { from: String(data.get('from')), to: String(data.get('to')), unitName: String(data.get('unitName') ?? '') || null });
      await this.openReport(r);
      this.message = m.periodic.saved;
    } catch (err) {
      this.fail(err);
    }
  }

  private async finalize(r: PeriodicReport) {
    if (!confirm(m.periodic.confirmFinalize)) return;
    try {
      await reportApi.finalize(r.id);
      this.reports = (await reportApi.periodic()).reports;
      await this.openReport(r);
    } catch (err) {
      this.fail(err);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-report-page': ReportPage;
  }
}
