import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DayRow } from '../../playlists/reports.ts';
import { reportMessages } from '../messages/reports.ts';

const DAY_S = 86_400;
let uplotSheet: CSSStyleSheet | null = null;
const sheetOf = (text: string) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  return sheet;
};
/** Local midnight (Asia/Ho_Chi_Minh) of a `YYYY-MM-DD` day, in Unix seconds. */
const midnight = (date: string) => Date.parse(`${date}T00:00:00+07:00`) / 1000;

/**
 * Plays per day as a bar chart, drawn by uPlot. uPlot is loaded when the chart first draws, so
 * it is fetched only on the *Báo cáo* page — never by other admin views, never by the player.
 * `data-ready` is set once drawn. The chart is a fixed size, so it prints as it shows.
 */
@customElement('bt-report-chart')
export class ReportChart extends LitElement {
  static override styles = css`
    :host { display: block; }
    .chart { width: 100%; min-height: 220px; }
  `;

  @property({ attribute: false }) days: readonly DayRow[] = [];
  /** Drawn width in CSS px (A4's printable width by default). */
  @property({ type: Number }) width = 680;

  #plot: { destroy(): void } | null = null;
  #drawn: readonly DayRow[] | null = null;

  override render() {
    return html`<div class="chart" role="img" aria-label=${reportMessages.chartLabel}></div>`;
  }

  override async updated(): Promise<void> {
    if (this.#drawn === this.days) return;
    this.#drawn = this.days;
    const [{ default: uPlot }, { default: style }] = await Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css?inline')]);
    // A constructed sheet: the admin page's CSP refuses inline <style> elements.
    const root = this.shadowRoot;
    if (root && !root.adoptedStyleSheets.includes((uplotSheet ??= sheetOf(style)))) root.adoptedStyleSheets = [...root.adoptedStyleSheets, uplotSheet];
    this.#plot?.destroy();
    const target = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (!target) return;
    const x = this.days.map((d) => midnight(d.date));
    const plays = this.days.map((d) => d.plays);
    this.#plot = new uPlot(
      {
        width: this.width,
        height: 220,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Asia/Ho_Chi_Minh'),
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true, range: (_u, min, max) => [min - DAY_S / 2, max + DAY_S / 2] } },
        axes: [
          { values: (_u, ticks) => ticks.map((t) => { const d = uPlot.tzDate(new Date(t * 1000), 'Asia/Ho_Chi_Minh'); return `${d.getDate()}/${d.getMonth() + 1}`; }) },
          { values: (_u, ticks) => ticks.map((t) => String(Math.round(t)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')), size: 60 },
        ],
        series: [{}, { label: reportMessages.chartLabel, stroke: '#0b5cad', fill: '#0b5cad88', paths: uPlot.paths.bars!({ size: [0.8, 40] }), points: { show: false } }],
      },
      [x, plays],
      target,
    );
    this.dataset.ready = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#plot?.destroy();
    this.#plot = null;
    this.#drawn = null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-report-chart': ReportChart;
  }
}
