import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PeriodicReport, ReportData, ReportTable } from '../../playlists/reports.ts';
import { formatCount, formatDate, formatDuration, formatHours, formatShare, reportMessages } from '../messages/reports.ts';
import { downloadCsv, tableCsv } from '../report-csv.ts';
import './report-chart.ts';

const t = () => reportMessages.doc;
const LOWEST_UPTIME = 10;

/**
 * A report as a document an official signs: the State's heading, the unit, period and status,
 * eight sections of tables (and the per-day chart), and the signature block. On screen each
 * table has a CSV button; printed (A4, print stylesheet) only the document shows. Numbers read
 * the Vietnamese way: dd/mm/yyyy, thousands with dots, decimals with a comma.
 */
@customElement('bt-report-view')
export class ReportView extends LitElement {
  static override styles = css`
    :host { display: block; font-family: 'Be Vietnam Pro', 'Noto Sans', system-ui, sans-serif; color: #111; }
    .doc { background: #fff; padding: 2rem 2.5rem; max-width: 190mm; margin: 0 auto; box-shadow: 0 1px 4px #0002; font-size: 11pt; line-height: 1.45; }
    .gov { display: grid; grid-template-columns: 1fr 1.3fr; gap: 1rem; text-align: center; margin-bottom: 1.2rem; }
    .gov strong { display: block; text-transform: uppercase; }
    .gov .motto { display: inline-block; font-weight: 600; border-bottom: 1px solid #111; padding-bottom: 2px; }
    .gov .place { display: block; font-style: italic; margin-top: 0.5rem; }
    h1 { font-size: 14pt; text-align: center; margin: 0.8rem 0 0.2rem; }
    .sub, .period, .recipient { text-align: center; margin: 0.15rem 0; }
    .recipient { margin-top: 0.6rem; }
    .status { text-align: center; font-size: 9.5pt; margin: 0.6rem 0 1rem; padding: 0.3rem; border: 1px dashed #888; }
    .status.final { border-style: solid; }
    h2 { font-size: 11.5pt; margin: 1.1rem 0 0.4rem; break-after: avoid; }
    table { border-collapse: collapse; width: 100%; font-size: 9.5pt; break-inside: auto; }
    tr { break-inside: avoid; }
    th, td { border: 1px solid #555; padding: 3px 6px; text-align: left; vertical-align: top; }
    th { background: #eef1f5; }
    td.n, th.n { text-align: right; white-space: nowrap; }
    tr.total td { font-weight: 700; }
    .note { font-size: 9pt; font-style: italic; margin: 0.3rem 0; }
    .csv { float: right; font-size: 8.5pt; padding: 0.1rem 0.5rem; border: 1px solid #9aa4b1; border-radius: 4px; background: #fff; cursor: pointer; font-family: inherit; }
    .sign { display: grid; grid-template-columns: 1fr 1fr; text-align: center; margin-top: 2rem; break-inside: avoid; }
    .sign strong { display: block; }
    .sign em { display: block; font-size: 9.5pt; }
    .sign .space { height: 6rem; }
    @media print {
      .doc { box-shadow: none; padding: 0; max-width: none; }
      .csv { display: none; }
      th { background: #eef1f5 !important; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
    }
  `;

  @property({ attribute: false }) data: ReportData | null = null;
  /** The periodic report shown, or null for a report over a chosen period. */
  @property({ attribute: false }) meta: PeriodicReport | null = null;

  override render() {
    const data = this.data;
    if (!data) return nothing;
    const meta = this.meta;
    const at = (meta?.frozenAt ?? data.generatedAt).slice(0, 10);
    const unit = meta?.unitName || (meta?.wardName ? t().wardUnit(meta.wardName) : t().defaultUnit);
    return html`<article class="doc">
      <header class="gov">
        <div><strong>${unit}</strong></div>
        <div>
          <strong>${t().nation}</strong><span class="motto">${t().motto}</span>
          <span class="place">${t().placeDate(at.slice(8, 10), at.slice(5, 7), at.slice(0, 4))}</span>
        </div>
      </header>
      <h1>${meta ? t().title(meta.kind, meta.year) : t().customTitle}</h1>
      <p class="sub">${t().subtitle}</p>
      <p class="period">${t().period(formatDate(data.period.from), formatDate(data.period.to))}</p>
      <p class="recipient">${t().recipient}</p>
      ${this.renderStatus(data)}
      ${this.overview(data)} ${this.themes(data)} ${this.wards(data)}
      <h2>${t().sections.days} ${this.csvButton('days')}</h2>
      <bt-report-chart .days=${data.days}></bt-report-chart>
      ${this.items(data)} ${this.uptime(data)} ${this.emergencies(data)} ${this.scans(data)}
      <footer class="sign">
        <div><strong>${t().signer}</strong><em>${t().signHint}</em><div class="space"></div></div>
        <div><strong>${t().head}</strong><em>${t().headHint}</em><div class="space"></div></div>
      </footer>
    </article>`;
  }

  private renderStatus(data: ReportData) {
    const meta = this.meta;
    if (meta?.status === 'final') {
      return html`<p class="status final" data-status="final">${t().frozen(formatDate(meta.frozenAt!.slice(0, 10)))}${meta.latePlays ? html`. ${reportMessages.periodic.late(meta.latePlays)}` : nothing}</p>`;
    }
    const generated = `${data.generatedAt.slice(11, 16)} ${formatDate(data.generatedAt.slice(0, 10))}`;
    return html`<p class="status" data-status="draft">${meta ? html`${t().draft}. ` : nothing}${t().generated(generated)}</p>`;
  }

  private csvButton(table: ReportTable): TemplateResult | typeof nothing {
    const data = this.data;
    if (!data) return nothing;
    const name = `bao-cao-${reportMessages.csvFile[table]}-${data.period.from}-${data.period.to}.csv`;
    return html`<button class="csv" data-csv=${table} @click=${() => downloadCsv(name, tableCsv(data, table))}>${reportMessages.actions.csv}</button>`;
  }

  private overview(d: ReportData) {
    const o = t().overview;
    const rows: [string, string][] = [
      [o.screens, formatCount(d.totals.screens)], [o.plays, formatCount(d.totals.plays)], [o.completed, formatCount(d.totals.completed)],
      [o.airtime, formatHours(d.totals.airtimeMs)], [o.uptime, formatShare(d.uptime.share)], [o.scans, formatCount(d.totals.scans)],
    ];
    return html`<h2>${t().sections.overview}</h2>
      <table class="overview"><tbody>${rows.map(([k, v]) => html`<tr><th>${k}</th><td class="n" data-total=${k}>${v}</td></tr>`)}</tbody></table>`;
  }

  private themes(d: ReportData) {
    const c = t().columns;
    return html`<h2>${t().sections.themes} ${this.csvButton('themes')}</h2>
      <table class="themes">
        <thead><tr><th>${c.theme}</th><th class="n">${c.plays}</th><th class="n">${c.completed}</th><th class="n">${c.airtime}</th><th class="n">${c.share}</th></tr></thead>
        <tbody>
          ${d.themes.map((r) => html`<tr data-theme=${r.theme}><td>${reportMessages.themes[r.theme - 1]}</td><td class="n">${formatCount(r.plays)}</td>
            <td class="n">${formatCount(r.completed)}</td><td class="n">${formatHours(r.airtimeMs)}</td><td class="n">${formatShare(r.share)}</td></tr>`)}
          <tr class="total"><td>${t().total}</td><td class="n">${formatCount(d.totals.plays)}</td><td class="n">${formatCount(d.totals.completed)}</td>
            <td class="n">${formatHours(d.totals.airtimeMs)}</td><td class="n">${formatShare(d.totals.airtimeMs ? 1 : null)}</td></tr>
        </tbody>
      </table>`;
  }

  private wards(d: ReportData) {
    const c = t().columns;
    const name = (r: ReportData['wards'][number]) => r.wardName ?? (r.screens === 0 ? t().removed : t().noWard);
    return html`<h2>${t().sections.wards} ${this.csvButton('wards')}</h2>
      <table class="wards">
        <thead><tr><th>${c.ward}</th><th class="n">${c.screens}</th><th class="n">${c.plays}</th><th class="n">${c.airtime}</th><th class="n">${c.uptime}</th><th class="n">${c.scans}</th></tr></thead>
        <tbody>${d.wards.map((r) => html`<tr data-ward=${r.wardCode ?? ''}><td>${name(r)}</td><td class="n">${formatCount(r.screens)}</td><td class="n">${formatCount(r.plays)}</td>
          <td class="n">${formatHours(r.airtimeMs)}</td><td class="n">${formatShare(r.uptimeShare)}</td><td class="n">${formatCount(r.scans)}</td></tr>`)}</tbody>
      </table>`;
  }

  private items(d: ReportData) {
    const c = t().columns;
    if (!d.topItems.length) return html`<h2>${t().sections.items}</h2><p>${t().none}</p>`;
    return html`<h2>${t().sections.items} ${this.csvButton('items')}</h2>
      <table class="items">
        <thead><tr><th>${c.item}</th><th>${c.theme}</th><th class="n">${c.plays}</th><th class="n">${c.airtime}</th><th class="n">${c.scans}</th></tr></thead>
        <tbody>${d.topItems.map((r) => html`<tr><td>${r.title}</td><td>${r.theme}</td><td class="n">${formatCount(r.plays)}</td><td class="n">${formatHours(r.airtimeMs)}</td><td class="n">${formatCount(r.scans)}</td></tr>`)}</tbody>
      </table>`;
  }

  private uptime(d: ReportData) {
    const c = t().columns;
    const lowest = d.uptime.screens.filter((s) => s.share !== null).slice(0, LOWEST_UPTIME);
    return html`<h2>${t().sections.uptime} ${this.csvButton('uptime')}</h2>
      ${d.uptime.share === null ? html`<p data-uptime>${t().noUptime}</p>` : html`<p>${t().overview.uptime}: <strong data-uptime>${formatShare(d.uptime.share)}</strong>
        (${formatCount(d.uptime.onlineMinutes)} / ${formatCount(d.uptime.openMinutes)} ${t().minutes}).</p>`}
      <p class="note">${t().uptimeNote}</p>
      ${lowest.length ? html`<p>${t().lowestUptime(lowest.length)}</p>
        <table class="uptime"><thead><tr><th>${c.screen}</th><th>${c.ward}</th><th>${c.location}</th><th class="n">${c.open}</th><th class="n">${c.online}</th><th class="n">${c.share}</th></tr></thead>
          <tbody>${lowest.map((s) => html`<tr><td>${s.name}</td><td>${this.wardName(d, s.wardCode)}</td><td>${reportMessages.locationKinds[s.locationKind] ?? s.locationKind}</td>
            <td class="n">${formatCount(s.openMinutes)}</td><td class="n">${formatCount(s.onlineMinutes)}</td><td class="n">${formatShare(s.share)}</td></tr>`)}</tbody></table>` : nothing}`;
  }

  private emergencies(d: ReportData) {
    const c = t().columns;
    if (!d.emergencies.length) return html`<h2>${t().sections.emergencies}</h2><p>${t().none}</p>`;
    return html`<h2>${t().sections.emergencies} ${this.csvButton('emergencies')}</h2>
      <table class="emergencies"><thead><tr><th>${c.emergency}</th><th>${c.sentAt}</th><th class="n">${c.shown}</th><th class="n">${c.reached}</th></tr></thead>
        <tbody>${d.emergencies.map((e) => html`<tr><td>${e.text}</td><td>${e.startsAt.slice(11, 16)} ${formatDate(e.startsAt.slice(0, 10))}</td>
          <td class="n">${t().shownOf(e.shown, e.targeted)}</td><td class="n">${e.timeTo95Ms === null ? t().notReached : formatDuration(e.timeTo95Ms)}</td></tr>`)}</tbody></table>`;
  }

  private scans(d: ReportData) {
    const c = t().columns;
    return html`<h2>${t().sections.scans} ${this.csvButton('scans')}</h2>
      <p>${t().overview.scans}: <strong data-scans>${formatCount(d.scans.total)}</strong></p>
      ${d.scans.rows.length ? html`<table class="scans"><thead><tr><th>${c.screen}</th><th>${c.ward}</th><th>${c.item}</th><th class="n">${c.scans}</th></tr></thead>
        <tbody>${d.scans.rows.slice(0, 20).map((r) => html`<tr data-scan-screen=${r.screenId}><td>${r.screenName}</td><td>${this.wardName(d, r.wardCode)}</td><td>${r.itemTitle}</td><td class="n">${formatCount(r.scans)}</td></tr>`)}</tbody></table>` : nothing}`;
  }

  private wardName(d: ReportData, code: string | null): string {
    return code === null ? t().noWard : d.wards.find((w) => w.wardCode === code)?.wardName ?? code;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-report-view': ReportView;
  }
}
