import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { WardEntry } from '../../playlists/index.ts';
import { WARD_CSV_TEMPLATE } from '../messages/wards.ts';
import { api, ApiError } from '../api.ts';
import { errorText, messages } from '../messages/index.ts';
import { Loader, errorMessage } from '../load.ts';
import { controls } from './styles.ts';
import { vietnameseChecks } from '../validity.ts';

/** One bad CSV row as the server names it (`line.<n>.<field>`), ready to show. */
interface LineProblem {
  line: string;
  column: string;
  text: string;
}

const t = () => messages.wards;
const MAX_FILE_BYTES = 200_000;

function problemOf(issue: { path: string; message: string }): LineProblem {
  const [, line = '?', field = 'row'] = issue.path.split('.');
  const duplicate = /already on line (\d+)/.exec(issue.message);
  return {
    line,
    column: t().columns[field] ?? field,
    text: duplicate ? t().duplicate(duplicate[1]!) : (t().issues[field] ?? issue.message),
  };
}

/** Wards (communes and urban wards): everyone reads the list; admins import it from CSV. */
@customElement('bt-ward-list')
export class WardList extends LitElement {
  static override styles = [
    controls,
    css`
      section.import { background: #fff; padding: 1rem; border-radius: 8px; margin-bottom: 1rem; display: grid; gap: 0.75rem; }
      section.import h3 { margin: 0; font-size: 1rem; }
      section.import p { margin: 0; font-size: 0.9rem; color: #3d4550; }
      form { display: flex; gap: 0.75rem; align-items: end; flex-wrap: wrap; }
      table.report { margin-top: 0.5rem; background: #fdecef; }
      .file-field { display: grid; gap: 0.25rem; font-size: 0.9rem; color: #3d4550; }
      .file-name { color: #5b6571; }
    `,
  ];

  /** Whether the user may import wards (admin). */
  @property({ type: Boolean, attribute: 'can-manage' }) canManage = false;
  @state() private message: { ok: boolean; text: string } | null = null;
  @state() private problems: LineProblem[] = [];
  @state() private busy = false;
  /** The CSV file chosen, named in the page's language (not the browser's). */
  @state() private fileName: string | null = null;

  /** Saves the template CSV through a short-lived object URL (the CSP allows no data: links). */
  private downloadTemplate() {
    const url = URL.createObjectURL(new Blob([WARD_CSV_TEMPLATE], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = t().templateFile;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  }

  private onChooseFile(event: Event) {
    this.fileName = (event.target as HTMLInputElement).files?.[0]?.name ?? null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  /** The ward list; a failure shows on the message line. */
  private readonly list = new Loader(this, async () => (await api.wards()).wards, { onError: (text) => (this.message = { ok: false, text }) });

  private async load() {
    await this.list.load();
  }

  private get wards(): WardEntry[] {
    return this.list.value ?? [];
  }

  override render() {
    const phuong = this.wards.filter((w) => w.kind === 'phuong').length;
    return html`
      <h2>${t().title}</h2>
      ${this.canManage ? this.renderImport() : nothing}
      <p>${t().count(this.wards.length, phuong, this.wards.length - phuong)}</p>
      ${this.wards.length === 0
        ? html`<p class="empty">${t().empty}</p>
            ${this.canManage ? html`<p class="empty-help">${t().emptyHelp}</p>` : nothing}`
        : html`<table>
            <thead><tr><th>${t().code}</th><th>${t().name}</th><th>${t().kind}</th><th>${t().screens}</th><th>${t().operators}</th></tr></thead>
            <tbody>
              ${this.wards.map((w) => html`<tr data-ward-code=${w.code}>
                <td>${w.code}</td><td>${w.name}</td><td>${t().kinds[w.kind]}</td><td>${w.screens}</td><td>${w.users}</td>
              </tr>`)}
            </tbody>
          </table>`}
    `;
  }

  private renderImport() {
    return html`
      <section class="import">
        <h3>${t().importTitle}</h3>
        <p>${t().importHelp}</p>
        <p><button type="button" name="template" @click=${this.downloadTemplate}>${t().template}</button></p>
        <form @invalid=${vietnameseChecks} @submit=${this.onImport}>
          <span class="file-field">${t().file}
            <label class="file-pick"><span class="file-button">${t().chooseFile}</span><input name="file" type="file" accept=".csv,text/csv" required aria-label=${t().file} @change=${this.onChooseFile} /><span class="file-name">${this.fileName ?? t().noFile}</span></label>
          </span>
          <button class="primary" type="submit" ?disabled=${this.busy}>${t().import}</button>
        </form>
        ${this.message ? html`<p class=${this.message.ok ? 'ok' : 'error'} role="status">${this.message.text}</p>` : nothing}
        ${this.problems.length
          ? html`<table class="report">
              <thead><tr><th>${t().line}</th><th>${t().column}</th><th>${t().problem}</th></tr></thead>
              <tbody>${this.problems.map((p) => html`<tr data-line=${p.line}><td>${p.line}</td><td>${p.column}</td><td>${p.text}</td></tr>`)}</tbody>
            </table>`
          : nothing}
      </section>
    `;
  }

  private async onImport(event: SubmitEvent) {
    event.preventDefault();
    const file = new FormData(event.target as HTMLFormElement).get('file');
    if (!(file instanceof File)) return;
    this.problems = [];
    if (file.size > MAX_FILE_BYTES) {
      this.message = { ok: false, text: errorText('payload_too_large') };
      return;
    }
    this.busy = true;
    try {
      const result = await api.importWards(await file.text());
      this.message = { ok: true, text: t().imported(result.created, result.updated, result.unchanged) };
      await this.load();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'invalid_csv') {
        this.problems = e.issues.map(problemOf);
        this.message = { ok: false, text: t().rejected(this.problems.length) };
      } else this.message = { ok: false, text: errorMessage(e) };
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-ward-list': WardList;
  }
}
