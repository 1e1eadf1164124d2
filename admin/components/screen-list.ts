import { LitElement, html, css, nothing, unsafeCSS } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { LOCATION_KINDS, parseInstant, type ContentEntry, type MediaInfo, type ScreenList as ScreenPage, type ScreenStatus, type SessionWard } from '../../playlists/index.ts';
import { api } from '../api.ts';
import { mediaApi } from '../media-api.ts';
import { FleetFeed } from '../fleet-feed.ts';
import { hoursMessages } from '../messages/hours.ts';
import { NO_FILTER, type FleetFilter, type StateFilter } from '../fleet.ts';
import { formatDuration } from '../format.ts';
import { errorText, messages } from '../messages/index.ts';
import { wardMessages } from '../messages/ward-operator.ts';
import { errorMessage } from '../load.ts';
import './screen-add.ts';
import './screen-layout.ts';
import './screen-manage.ts';
import './screen-now.ts';
import './screen-hours.ts';
import './screen-token.ts';
import { itemLabel } from '../fit-warnings.ts';
import { SCREEN_COLUMNS, SCREEN_COLUMNS_HOURS, SCREEN_COLUMNS_MANAGE, renderScreenRow, type ItemName, type ManageToken, type OpenHours, type OpenLayout, type OpenManage, type OpenNow, type RowActions, type SendCommand } from './screen-row.ts';
import { controls } from './styles.ts';

/** Relative times ("12 minutes ago") are redrawn this often. */
const CLOCK_MS = 10_000;
/** Screens one page of the table shows. */
export const PAGE_SIZE = 50;
/** While the fleet changes, the page is read again at most this often. */
export const REFRESH_MS = 1_500;
/** Typing in the search box reads the page again once the typing pauses this long. */
const SEARCH_PAUSE_MS = 250;
const STATE_FILTERS: StateFilter[] = ['all', 'online', 'offline', 'never', 'alert', 'behind', 'no_offline_cache'];

/**
 * The fleet dashboard: one page of screens at a time, filtered, searched and ordered on the
 * server (`GET /api/screens`, alerts first), with the whole fleet's counts and its longest
 * alerts. A live stream (`FleetFeed`, ids only) says when screens change; the page is then read
 * again, at most every REFRESH_MS, so the dashboard stays live and light with 10,000 screens.
 */
@customElement('bt-screen-list')
export class ScreenList extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; }
      .bar { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin: 0.5rem 0 1rem; }
      .bar .count { font-weight: 600; }
      .chip { font-size: 0.85rem; padding: 0.15rem 0.6rem; border-radius: 999px; background: #e8ecf1; }
      .chip.bad { background: #fdecef; color: #a40e26; }
      .chip.warn { background: #fff1c2; color: #6b4d00; }
      .live { margin-left: auto; font-size: 0.85rem; color: #0b6b2e; }
      .live.off { color: #a40e26; }
      .alerts { border: 1px solid #e7a3ae; background: #fdecef; border-radius: 10px; padding: 0.75rem 1rem; margin-bottom: 1rem; }
      .alerts h3 { margin: 0 0 0.4rem; font-size: 1rem; color: #a40e26; }
      .alerts ul { margin: 0; padding-left: 1.2rem; }
      .rule { font-size: 0.85rem; color: #5b6571; margin: 0 0 0.75rem; }
      .filters { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; margin-bottom: 0.75rem; }
      .table { background: #fff; border: 1px solid #dde2e8; border-radius: 10px; overflow-x: auto; }
      .row { display: grid; gap: 0.5rem; padding: 0 0.75rem; align-items: center; border-bottom: 1px solid #eef1f4; box-sizing: border-box; }
      .row > div { min-width: 0; overflow: hidden; display: flex; flex-direction: column; justify-content: center; }
      .row > div > *, .row > div { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
      .row small { display: block; font-size: 0.78rem; color: #5b6571; overflow: hidden; text-overflow: ellipsis; }
      .row small.inline { display: inline; }
      .row button.playing { display: block; max-width: 100%; min-height: 0; padding: 0; border: none; background: none; font-size: 0.78rem;
        color: #0b5cad; text-align: left; cursor: pointer; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .row button.playing:hover { text-decoration: underline; }
      .row.head { font-weight: 600; font-size: 0.85rem; color: #3d4550; background: #f7f9fb; height: 2.4rem; }
      .row.alerted { background: #fff6f7; }
      .scroller { overflow-y: auto; max-height: 65vh; }
      .pager { display: flex; gap: 0.75rem; align-items: center; justify-content: flex-end; margin-top: 0.5rem; font-size: 0.9rem; }
      .row { grid-template-columns: ${unsafeCSS(SCREEN_COLUMNS)}; }
      .hours .row { grid-template-columns: ${unsafeCSS(SCREEN_COLUMNS_HOURS)}; }
      .manage .row { grid-template-columns: ${unsafeCSS(SCREEN_COLUMNS_MANAGE)}; }
      .row select[name='command'] { padding: 0.15rem 0.3rem; font-size: 0.85rem; max-width: 9rem; }
      .row .command-line { display: flex; flex-wrap: wrap; gap: 0.2rem 0.3rem; align-items: center; overflow: visible; }
      .row > div.actions { overflow: visible; }
      .row button.token { padding: 0.1rem 0.4rem; font-size: 0.85rem; }
      .window > .row { min-height: 3.4rem; }
      .dot { display: inline-block; width: 0.7rem; height: 0.7rem; border-radius: 50%; margin-right: 0.35rem; background: #9aa4b1; }
      .dot.online { background: #0b8a3c; }
      .dot.offline { background: #a40e26; }
      .dot.closed { background: #5b6571; }
      .warn { color: #a40e26; }
      .empty { padding: 1rem; color: #5b6571; }
      code { font-size: 0.8rem; }
    `,
  ];

  /** Whether the signed-in user may add screens (admin). */
  @property({ type: Boolean }) canManage = false;
  /** Whether the signed-in user may move screens between wards (admin). */
  @property({ type: Boolean }) canMoveWard = false;
  /** Whether the signed-in user may retire screens (admin). */
  @property({ type: Boolean }) canRetire = false;
  /** A ward operator's ward (the server lists only its screens): named in the heading. */
  @property({ attribute: false }) ward: SessionWard | null = null;

  @state() private error = '';
  /** The screen whose token dialog is open. */
  @state() private tokenScreen: ScreenStatus | null = null;
  /** The screen whose layout dialog is open. */
  @state() private layoutScreen: ScreenStatus | null = null;
  /** The screen whose operating-hours dialog is open. */
  @state() private hoursScreen: ScreenStatus | null = null;
  /** The screen whose manage dialog (name, ward, location kind, tags) is open. */
  @state() private manageScreen: ScreenStatus | null = null;
  /** The screen whose "now playing" preview is open (its id: the dialog follows the page's latest status). */
  @state() private nowScreenId: string | null = null;
  /** The library's media, for the preview's pictures and clips; loaded when a preview first opens. */
  @state() private media: readonly MediaInfo[] = [];
  @state() private filter: FleetFilter = NO_FILTER;
  @state() private offset = 0;
  /** The page on screen; null until the first one came. */
  @state() private page: ScreenPage | null = null;

  private readonly feed = new FleetFeed(
    (ids) => {
      this.error = '';
      if (ids === null || ids.length) this.refreshSoon();
      else this.requestUpdate();
    },
    () => void this.explainRefusal(),
  );
  /** Content item names by id, to say what each screen shows now. */
  private itemNames = new Map<string, string>();
  /** The content items by id, for the preview of what a screen shows now. */
  private itemEntries = new Map<string, ContentEntry>();
  private namesLoading = false;
  private namesLoadedAt = 0;
  private clock: ReturnType<typeof setInterval> | undefined;
  /** Answers to older requests are dropped: only the latest page is shown. */
  private requested = 0;
  private lastLoad = 0;
  private refresh: ReturnType<typeof setTimeout> | undefined;
  private typing: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback() {
    super.connectedCallback();
    this.feed.start();
    void this.load();
    void this.loadItemNames();
    this.clock = setInterval(() => this.requestUpdate(), CLOCK_MS);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.feed.stop();
    clearInterval(this.clock);
    clearTimeout(this.refresh);
    clearTimeout(this.typing);
    this.refresh = this.typing = undefined;
  }

  /** Reads the page the filters and offset say, now. */
  private async load() {
    clearTimeout(this.refresh);
    this.refresh = undefined;
    const mine = ++this.requested;
    this.lastLoad = Date.now();
    const f = this.filter;
    try {
      const page = await api.screens({
        offset: this.offset, limit: PAGE_SIZE, q: f.text.trim(), ward: f.ward, kind: f.locationKind, status: f.state,
      });
      if (mine !== this.requested) return;
      if (!page.screens.length && page.total > 0 && this.offset > 0) {
        // The list shrank under the page (screens filtered out): show its last page.
        this.offset = Math.floor((page.total - 1) / PAGE_SIZE) * PAGE_SIZE;
        return void this.load();
      }
      this.page = page;
      this.error = '';
    } catch (e) {
      if (mine === this.requested) this.error = errorMessage(e, errorText, 'network');
    }
  }

  /** Reads the page again soon: at once if the last read is old enough, else when it is. */
  private refreshSoon() {
    if (this.refresh) return;
    const wait = Math.max(0, this.lastLoad + REFRESH_MS - Date.now());
    this.refresh = setTimeout(() => void this.load(), wait);
  }

  /** The stream was refused: say why (usually an expired session). */
  private async explainRefusal() {
    try {
      await api.screens();
    } catch (e) {
      this.error = errorMessage(e, errorText, 'network');
    }
  }

  /** Loads the names of the content items; again (at most every 30 s) when a screen shows one not known yet. */
  private async loadItemNames() {
    if (this.namesLoading) return;
    this.namesLoading = true;
    this.namesLoadedAt = Date.now();
    try {
      const { items } = await api.content();
      this.itemNames = new Map(items.map((e) => [e.item.id, itemLabel(e.item)]));
      this.itemEntries = new Map(items.map((e) => [e.item.id, e]));
      this.requestUpdate();
    } catch {
      // A row without a name says so; the rest of the dashboard does not depend on it.
    } finally {
      this.namesLoading = false;
    }
  }

  private readonly itemName: ItemName = (itemId) => {
    const name = this.itemNames.get(itemId);
    if (name === undefined && Date.now() - this.namesLoadedAt > 30_000) void this.loadItemNames();
    return name ?? null;
  };

  private readonly openLayout: OpenLayout = (screen) => {
    this.layoutScreen = screen;
  };

  private readonly openHours: OpenHours = (screen) => {
    this.hoursScreen = screen;
  };

  private readonly openManage: OpenManage = (screen) => {
    this.manageScreen = screen;
  };

  private readonly openNow: OpenNow = (screen) => {
    this.nowScreenId = screen.id;
    if (this.media.length === 0) mediaApi.list().then(({ media }) => (this.media = media), () => undefined);
  };

  private readonly manageToken: ManageToken = (screen) => {
    this.tokenScreen = screen;
  };

  private readonly sendCommand: SendCommand = (screen, action) => {
    this.error = '';
    api.sendCommand(screen.id, action).catch((e: unknown) => {
      this.error = errorMessage(e, errorText, 'network');
    });
  };

  private setFilter(patch: Partial<FleetFilter>) {
    this.filter = { ...this.filter, ...patch };
    this.offset = 0;
    clearTimeout(this.typing);
    if ('text' in patch) this.typing = setTimeout(() => void this.load(), SEARCH_PAUSE_MS);
    else void this.load();
  }

  private goTo(offset: number) {
    this.offset = Math.max(0, offset);
    void this.load();
  }

  override render() {
    const t = messages.fleet;
    const sum = this.page?.counts ?? { all: 0, online: 0, offline: 0, never: 0, closed: 0, alerts: 0, behind: 0 };
    return html`
      <h2>${this.ward ? wardMessages.screens.heading(this.ward.name) : messages.screens.title}</h2>
      ${this.canManage ? html`<bt-screen-add .wards=${this.page?.wards ?? []}></bt-screen-add>` : nothing}
      <div class="bar">
        <span class="count" data-summary>${t.summary(sum.online, sum.all)}</span>
        ${sum.offline ? html`<span class="chip bad">${t.offline(sum.offline)}</span>` : nothing}
        ${sum.alerts ? html`<span class="chip bad">${t.alerts(sum.alerts)}</span>` : nothing}
        ${sum.never ? html`<span class="chip">${t.never(sum.never)}</span>` : nothing}
        ${sum.closed ? html`<span class="chip" data-closed>${hoursMessages.closedCount(sum.closed)}</span>` : nothing}
        ${sum.behind ? html`<span class="chip warn">${t.behind(sum.behind)}</span>` : nothing}
        <span class="live ${this.feed.live ? '' : 'off'}" data-live=${this.feed.live}>● ${this.feed.live ? t.live : t.notLive}</span>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.renderAlerts()}
      ${this.feed.settings
        ? html`<p class="rule">${t.rule(Math.round(this.feed.settings.alertAfterMs / 60_000), Math.round(this.feed.settings.graceMs / 1000))}</p>`
        : nothing}
      ${this.renderFilters()}
      ${this.renderTable()}
      ${this.canManage ? html`<bt-screen-token .screen=${this.tokenScreen} @token-closed=${() => (this.tokenScreen = null)}></bt-screen-token>` : nothing}
      ${this.canManage ? html`<bt-screen-layout .screen=${this.layoutScreen} @layout-closed=${() => (this.layoutScreen = null)}></bt-screen-layout>` : nothing}
      ${this.canManage || this.ward
        ? html`<bt-screen-manage .screen=${this.manageScreen} .canMoveWard=${this.canMoveWard} .canRetire=${this.canRetire}
            @manage-closed=${() => (this.manageScreen = null)} @screen-retired=${(e: CustomEvent<string>) => this.feed.remove(e.detail)}></bt-screen-manage>`
        : nothing}
      ${this.canManage || this.ward ? html`<bt-screen-hours .screen=${this.hoursScreen} @hours-closed=${() => (this.hoursScreen = null)}></bt-screen-hours>` : nothing}
      <bt-screen-now .screen=${this.nowScreen()} .items=${this.itemEntries} .media=${this.media} @now-closed=${() => (this.nowScreenId = null)}></bt-screen-now>
    `;
  }

  /** The open preview's screen as the latest page has it (a copy kept if it left the page). */
  private nowKept: ScreenStatus | null = null;
  private nowScreen(): ScreenStatus | null {
    if (!this.nowScreenId) return (this.nowKept = null);
    const latest = this.page?.screens.find((s) => s.id === this.nowScreenId);
    if (latest) this.nowKept = latest;
    return this.nowKept;
  }

  private renderAlerts() {
    const count = this.page?.counts.alerts ?? 0;
    const alerted = this.page?.alerted ?? [];
    if (!count) return nothing;
    const t = messages.fleet;
    const now = Date.now();
    return html`<section class="alerts" role="alert" data-alerts=${count}>
      <h3>${t.alertsTitle(count)}</h3>
      <ul>
        ${alerted.map((s) => html`<li>${t.alertLine(s.name, formatDuration(now - parseInstant(s.since)))}</li>`)}
      </ul>
      ${count > alerted.length ? html`<p>${t.alertsMore(count - alerted.length)}</p>` : nothing}
    </section>`;
  }

  private renderFilters() {
    const t = messages.fleet;
    const f = this.filter;
    const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
    return html`<div class="filters">
      <label>${t.ward}
        <select name="ward" @change=${(e: Event) => this.setFilter({ ward: value(e) })}>
          <option value="" ?selected=${!f.ward}>${t.allWards}</option>
          ${(this.page?.wards ?? []).map((w) => html`<option value=${w} ?selected=${f.ward === w}>${w}</option>`)}
        </select>
      </label>
      <label>${t.kind}
        <select name="locationKind" @change=${(e: Event) => this.setFilter({ locationKind: value(e) })}>
          <option value="" ?selected=${!f.locationKind}>${t.allKinds}</option>
          ${LOCATION_KINDS.map((k) => html`<option value=${k} ?selected=${f.locationKind === k}>${messages.locationKinds[k] ?? k}</option>`)}
        </select>
      </label>
      <label>${t.state}
        <select name="state" @change=${(e: Event) => this.setFilter({ state: value(e) as StateFilter })}>
          ${STATE_FILTERS.map((s) => html`<option value=${s} ?selected=${f.state === s}>${t.stateFilters[s]}</option>`)}
        </select>
      </label>
      <label>${t.search}
        <input type="search" name="search" .value=${f.text} @input=${(e: Event) => this.setFilter({ text: value(e) })} />
      </label>
      ${this.page ? html`<span data-shown=${this.page.total}>${t.shown(this.page.total, this.page.counts.all)}</span>` : nothing}
    </div>`;
  }

  private renderTable() {
    const t = messages.fleet.columns;
    const rows = this.page?.screens ?? [];
    const start = this.page?.offset ?? 0;
    const now = Date.now();
    const send = this.canManage ? this.sendCommand : null;
    // Admins, and ward operators for their ward's screens, set operating hours and manage the
    // screen's name, location kind and tags (the last column).
    const hours = this.canManage || this.ward ? this.openHours : null;
    const manage = this.canManage || this.ward ? this.openManage : null;
    const actions: RowActions = {
      send, hours, token: send ? this.manageToken : null, layout: send ? this.openLayout : null, manage, itemName: this.itemName,
      now: this.openNow,
    };
    const columns = [t.name, t.ward, t.state, t.lastSeen, t.content, t.device, ...(send || hours ? [messages.fleet.commandsColumn] : [])];
    return html`<div class="table ${send ? 'manage' : hours ? 'hours' : ''}" role="table" aria-rowcount=${(this.page?.total ?? 0) + 1}>
      <div class="row head" role="row">
        ${columns.map((c) => html`<div role="columnheader">${c}</div>`)}
      </div>
      ${rows.length
        ? html`<div class="scroller">
            <div class="window" data-start=${start}>
              ${repeat(rows, (s) => s.id, (s, i) => renderScreenRow(s, now, start + i, actions))}
            </div>
          </div>`
        : this.page ? html`<p class="empty">${messages.fleet.empty}</p>` : nothing}
    </div>
    ${this.renderPager()}`;
  }

  private renderPager() {
    const page = this.page;
    if (!page || page.total <= PAGE_SIZE) return nothing;
    const t = messages.fleet;
    const last = Math.min(page.total, page.offset + page.screens.length);
    return html`<nav class="pager" aria-label=${t.pages}>
      <button type="button" name="previous" ?disabled=${page.offset === 0} @click=${() => this.goTo(page.offset - PAGE_SIZE)}>${t.previousPage}</button>
      <span data-range=${`${page.offset + 1}-${last}`}>${t.range(page.offset + 1, last, page.total)}</span>
      <button type="button" name="next" ?disabled=${last >= page.total} @click=${() => this.goTo(page.offset + PAGE_SIZE)}>${t.nextPage}</button>
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-screen-list': ScreenList;
  }
}
