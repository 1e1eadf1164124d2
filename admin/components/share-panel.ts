import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { toLocalIso, type SessionWard, type WardEntry } from '../../playlists/index.ts';
import { api, ApiError } from '../api.ts';
import { errorText } from '../messages/index.ts';
import { standardsMessages } from '../messages/standards.ts';
import { standardsApi } from '../standards-api.ts';
import { controls } from './styles.ts';

const t = standardsMessages;
const problem = (e: unknown) => errorText(e instanceof ApiError ? e.code : 'unknown');
const DAY_MS = 86_400_000;

/** The snippet a web portal pastes: a lazy frame of /embed/, sized by the portal's column. */
export const embedSnippet = (origin: string, audience: string, title: string) =>
  `<iframe src="${origin}/embed/?audience=${encodeURIComponent(audience)}" title="${title}" loading="lazy" style="width:100%;aspect-ratio:16/9;border:0"></iframe>`;

/**
 * The published schedules out (issue 17): the calendar of a ward (or the city) to download as
 * .ics, a secret address calendar applications subscribe to (shown once), and the snippet a
 * ward's or the city's web portal pastes to play its playlists. A ward operator's are its ward's.
 */
@customElement('bt-share-panel')
export class SharePanel extends LitElement {
  static override styles = [
    controls,
    css`
      section { background: #fff; padding: 1rem; border-radius: 8px; margin-bottom: 1rem; display: grid; gap: 0.75rem; }
      h3, h4 { margin: 0; font-size: 1rem; }
      p { margin: 0; font-size: 0.9rem; color: #3d4550; }
      .row { display: flex; gap: 0.75rem; align-items: end; flex-wrap: wrap; }
      a.button { font: inherit; padding: 0.45rem 0.9rem; border-radius: 6px; background: #0b5cad; color: #fff; text-decoration: none; font-weight: 600; }
      code.secret { display: block; padding: 0.5rem; background: #f4f6f9; border-radius: 6px; word-break: break-all; }
      textarea { font-family: ui-monospace, monospace; font-size: 0.85rem; }
    `,
  ];

  /** The ward of a ward operator: its calendar and portal are that ward's only. */
  @property({ attribute: false }) ward: SessionWard | null = null;
  @state() private wards: WardEntry[] = [];
  @state() private scope = '';
  @state() private audience = 'city';
  @state() private feed: { active: boolean; createdAt: string | null } | null = null;
  @state() private feedUrl: string | null = null;
  @state() private origins: string[] = [];
  @state() private views: number | null = null;
  @state() private message: { ok: boolean; text: string } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.ward) this.scope = this.audience = this.ward.code;
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      if (!this.ward) this.wards = (await api.wards()).wards;
      this.feed = await standardsApi.calendarFeed();
      this.origins = (await standardsApi.embed()).origins;
      const now = Date.now();
      const views = await standardsApi.portalViews(toLocalIso(now - 30 * DAY_MS).slice(0, 10), toLocalIso(now).slice(0, 10));
      this.views = views.total;
    } catch (e) {
      this.message = { ok: false, text: problem(e) };
    }
  }

  override render() {
    return html`${this.message ? html`<p class=${this.message.ok ? 'ok' : 'error'} role="status">${this.message.text}</p>` : nothing}
      ${this.renderCalendar()} ${this.renderEmbed()}`;
  }

  /** The city (as `city`), or each ward: for a ward operator, its own only. */
  private choices(name: string, city: string, value: string, onChange: (v: string) => void) {
    if (this.ward) return html`<strong>${this.ward.name}</strong>`;
    return html`<select name=${name} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
      <option value=${city} ?selected=${value === city}>${t.calendar.city}</option>
      ${this.wards.map((w) => html`<option value=${w.code} ?selected=${value === w.code}>${w.name}</option>`)}
    </select>`;
  }

  private renderCalendar() {
    const query = this.scope ? `?ward=${encodeURIComponent(this.scope)}` : '';
    const f = this.feed;
    return html`<section class="calendar">
      <h3>${t.calendar.title}</h3>
      <p>${t.calendar.help}</p>
      <div class="row">
        <label>${t.calendar.scope}${this.choices('calendar-scope', '', this.scope, (v) => (this.scope = v))}</label>
        <a class="button" href=${`/api/calendar.ics${query}`} download data-ics>${t.calendar.download}</a>
      </div>
      <h4>${t.calendar.subscribeTitle}</h4>
      <p>${t.calendar.subscribeHelp}</p>
      ${this.feedUrl
        ? html`<p class="ok" role="status">${t.calendar.issued}</p><code class="secret" data-feed-url>${this.feedUrl}</code>`
        : html`<p>${f?.active && f.createdAt ? t.calendar.active(t.when(f.createdAt)) : t.calendar.none}</p>`}
      <div class="row">
        <button class="primary" @click=${this.issueFeed}>${f?.active ? t.calendar.rotate : t.calendar.subscribe}</button>
        ${f?.active ? html`<button class="danger" @click=${this.revokeFeed}>${t.calendar.revoke}</button>` : nothing}
      </div>
    </section>`;
  }

  private renderEmbed() {
    return html`<section class="embed">
      <h3>${t.embed.title}</h3>
      <p>${t.embed.help}</p>
      <label>${t.embed.audience}${this.choices('embed-audience', 'city', this.audience, (v) => (this.audience = v))}</label>
      <label>${t.embed.snippet}<textarea readonly rows="3" data-snippet .value=${embedSnippet(location.origin, this.audience, t.embed.frameTitle)}></textarea></label>
      <p>${t.embed.origins}: ${this.origins.length ? this.origins.join(', ') : nothing}</p>
      ${this.origins.length ? nothing : html`<p class="error">${t.embed.noOrigins}</p>`}
      ${this.views === null ? nothing : html`<p>${t.embed.views(this.views)}</p>`}
    </section>`;
  }

  private async issueFeed(): Promise<void> {
    try {
      const { path } = await standardsApi.issueCalendarFeed();
      const query = this.scope ? `?ward=${encodeURIComponent(this.scope)}` : '';
      this.feedUrl = `${location.origin}${path}${query}`;
      this.feed = await standardsApi.calendarFeed();
    } catch (e) {
      this.message = { ok: false, text: problem(e) };
    }
  }

  private async revokeFeed(): Promise<void> {
    try {
      await standardsApi.revokeCalendarFeed();
      this.feedUrl = null;
      this.feed = await standardsApi.calendarFeed();
      this.message = { ok: true, text: t.calendar.revoked };
    } catch (e) {
      this.message = { ok: false, text: problem(e) };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-share-panel': SharePanel;
  }
}
