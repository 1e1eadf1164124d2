import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { toLocalIso, wardShareFor, type PlaylistEntry, type Role, type SessionWard, type Schedule, type ScheduleEntry, type ScheduleInput, type ScreenStatus, type WardEntry, type WardShareSetting } from '../../playlists/index.ts';
import { mayFollowEmergencies, maySetScreenFallback, scheduleTiersFor } from '../access.ts';
import { api } from '../api.ts';
import { messages } from '../messages/index.ts';
import { scheduleMessages as t } from '../messages/schedule.ts';
import { wardMessages } from '../messages/ward-operator.ts';
import { scheduleApi } from '../schedule-api.ts';
import { errorMessage } from '../load.ts';
import { blankSchedule, blankWardSchedule } from './schedule-editor.ts';
import './emergency-panel.ts';
import './schedule-editor.ts';
import './schedule-timeline.ts';
import type { CalendarCreate, CalendarMove, WeekCalendar } from './week-calendar.ts';
import './week-calendar.ts';
import { weekMessages } from '../messages/week-calendar.ts';
import { movedTime, newDayTime } from '../week-calendar.ts';
import './screen-fallback.ts';
import { controls } from './styles.ts';

const dmy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/** The schedules view: the draft schedules, their editor, and the timeline that explains them. */
@customElement('bt-schedule-view')
export class ScheduleView extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: grid; gap: 1.25rem; }
      .bar { display: flex; gap: 1rem; align-items: center; }
      .bar h2 { margin: 0; font-size: 1.2rem; flex: 1; }
      .tier { display: inline-block; font-size: 0.8rem; padding: 0.05rem 0.45rem; border-radius: 999px; }
      .tier.emergency { background: #fde2e2; color: #8a0b1c; }
      .tier.priority { background: #fff1c2; color: #6b4d00; }
      .tier.normal { background: #e3eefc; color: #0b3d7a; }
      .muted { color: #5b6570; font-size: 0.9rem; }
    `,
  ];

  /** Whether the signed-in user may write schedules (admin, approver, ward operator). */
  @property({ type: Boolean, attribute: 'can-edit' }) canEdit = false;
  /** Whether the signed-in user may send emergencies (admin, approver). */
  @property({ type: Boolean, attribute: 'can-send' }) canSend = false;
  /** The signed-in user's role: which tiers the editor offers, whether emergencies show. */
  @property({ attribute: false }) userRole: Role = 'viewer';
  /** The ward a ward operator works for: its schedules target only that ward, at normal tier. */
  @property({ attribute: false }) ward: SessionWard | null = null;
  @state() private entries: ScheduleEntry[] = [];
  @state() private share: WardShareSetting | null = null;
  @state() private playlists: PlaylistEntry[] = [];
  @state() private wards: WardEntry[] = [];
  @state() private screens: ScreenStatus[] = [];
  @state() private editing: { id: string | null; value: ScheduleInput } | null = null;
  @state() private message: { ok: boolean; text: string } | null = null;

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  async load() {
    try {
      const [list, playlists, wards, screens] = await Promise.all([scheduleApi.list(), api.playlists(), api.wards(), api.allScreens()]);
      this.entries = list.schedules;
      this.share = list.wardShare;
      this.playlists = playlists.playlists;
      this.wards = wards.wards;
      this.screens = screens.screens;
    } catch (e) {
      this.fail(e);
    }
  }

  override render() {
    return html`
      <div class="bar">
        <h2>${t.title}</h2>
        ${this.canEdit ? html`<button class="primary" name="add-schedule" @click=${this.add}>${t.add}</button>` : nothing}
      </div>
      ${this.message ? html`<p class=${this.message.ok ? 'ok' : 'error'} role="status">${this.message.text}</p>` : nothing}
      ${this.share ? html`<p class="muted" data-share>${this.shareText(this.share)}</p>` : nothing}
      ${this.editing ? html`<bt-schedule-editor .value=${this.editing.value} .scheduleId=${this.editing.id} .playlists=${this.ownPlaylists()}
          .wards=${this.wards} .screens=${this.screens} .ward=${this.ward} .tiers=${scheduleTiersFor(this.userRole)}
          @schedule-saved=${this.onSaved} @schedule-cancel=${() => (this.editing = null)}></bt-schedule-editor>` : nothing}
      ${this.entries.length ? this.renderList() : html`<p class="muted">${t.none}</p>`}
      <bt-week-calendar .entries=${this.entries} ?can-edit=${this.canEdit}
        @calendar-create=${this.onCalendarCreate} @calendar-move=${this.onCalendarMove} @calendar-open=${this.onCalendarOpen}></bt-week-calendar>
      ${maySetScreenFallback(this.userRole)
        ? html`<bt-screen-fallback .screens=${this.screens} .playlists=${this.playlists} @fallback-saved=${() => void this.load()}></bt-screen-fallback>`
        : nothing}
      <bt-schedule-timeline .screens=${this.screens} .wards=${this.wards} .playlists=${this.playlists}></bt-schedule-timeline>
      ${mayFollowEmergencies(this.userRole) ? html`<bt-emergency-panel ?can-send=${this.canSend} .wards=${this.wards}></bt-emergency-panel>` : nothing}
    `;
  }

  private renderList() {
    return html`<table class="schedules">
      <thead><tr><th>${t.name}</th><th>${t.tier}</th><th>${t.target}</th><th>${t.when}</th><th>${t.state}</th><th></th></tr></thead>
      <tbody>
        ${this.entries.map(({ schedule: s, state }) => html`<tr data-schedule-id=${s.id}>
          <td>${s.name}<br /><span class="muted">${this.playlistName(s.playlistId)}</span></td>
          <td><span class="tier ${s.tier}">${t.tiers[s.tier]}</span>${s.zone === 'ticker' ? html` <span class="muted">${t.zones.ticker}</span>` : nothing}</td>
          <td>${this.targetText(s)}</td>
          <td>${this.timeText(s)}</td>
          <td><span class="badge ${state}">${messages.states[state]}</span></td>
          <td>${this.canEdit ? html`<button @click=${() => (this.editing = { id: s.id, value: fieldsOf(s) })}>${t.edit}</button>
            <button class="danger" @click=${() => this.removeSchedule(s.id)}>${t.delete}</button>` : nothing}</td>
        </tr>`)}
      </tbody>
    </table>`;
  }

  /** The share rule in words: for a ward operator, the cap that applies to its own ward. */
  private shareText(share: WardShareSetting): string {
    if (!this.ward) return t.wardShare(share.everyCityItems, share.maxPercent);
    const own = wardShareFor(share, this.ward.code);
    return wardMessages.schedule.share(own.everyCityItems, own.maxPercent, this.ward.name);
  }

  /** The playlists a schedule may play: a ward operator's own ward's only. */
  private ownPlaylists(): PlaylistEntry[] {
    const code = this.ward?.code;
    return code ? this.playlists.filter((p) => p.ownerWard === code) : this.playlists;
  }

  private playlistName(id: string) {
    return this.playlists.find((p) => p.playlist.id === id)?.playlist.name ?? id;
  }

  private wardName(code: string) {
    return this.wards.find((w) => w.code === code)?.name ?? code;
  }

  private targetText(s: Schedule): string {
    const parts: string[] = [];
    if (s.ownerWard) parts.push(t.wardOwned(this.wardName(s.ownerWard)));
    if (s.target.all) parts.push(t.targetSummary.all!);
    if (s.target.wards.length) parts.push(`${t.targetSummary.wards}: ${s.target.wards.map((w) => this.wardName(w)).join(', ')}`);
    if (s.target.locationKinds.length) parts.push(`${t.targetSummary.kinds}: ${s.target.locationKinds.map((k) => messages.locationKinds[k] ?? k).join(', ')}`);
    if (s.target.tags.length) parts.push(`${t.targetSummary.tags}: ${s.target.tags.join(', ')}`);
    if (s.target.screenIds.length) {
      const names = s.target.screenIds.map((id) => this.screens.find((x) => x.id === id)?.name ?? id);
      parts.push(`${t.targetSummary.screens}: ${names.join(', ')}`);
    }
    return parts.join(' · ');
  }

  private timeText(s: Schedule): string {
    const r = s.time;
    const dates = t.dates(dmy(r.startDate), r.endDate ? dmy(r.endDate) : t.openEnded);
    const days = r.weekdays.length === 7 ? t.everyDay : r.weekdays.map((d) => t.weekdayNames[d]).join(', ');
    const windows = r.windows.length ? r.windows.map((w) => `${w.start}–${w.end}`).join(', ') : t.allDay;
    return `${dates}; ${days}; ${windows}`;
  }

  private add() {
    const playlist = this.ownPlaylists()[0]?.playlist.id;
    if (this.ward && !playlist) {
      this.message = { ok: false, text: wardMessages.schedule.noPlaylist };
      return;
    }
    const today = toLocalIso(Date.now()).slice(0, 10);
    this.editing = { id: null, value: this.ward ? blankWardSchedule(today, playlist!, this.ward.code) : blankSchedule(today, playlist ?? '') };
  }

  /** A stretch dragged on the week calendar: a new one-day schedule there, in the editor. */
  private onCalendarCreate(e: CustomEvent<CalendarCreate>) {
    this.add();
    if (!this.editing) return;
    const { date, start, end } = e.detail;
    this.editing = { id: null, value: { ...this.editing.value, time: newDayTime(date, start, end) } };
  }

  private onCalendarOpen(e: CustomEvent<string>) {
    const entry = this.entries.find((x) => x.schedule.id === e.detail);
    if (entry && this.canEdit) this.editing = { id: entry.schedule.id, value: fieldsOf(entry.schedule) };
  }

  /** A schedule dragged (or moved by the arrow keys) on the week calendar: saved at once. */
  private async onCalendarMove(e: CustomEvent<CalendarMove>) {
    const entry = this.entries.find((x) => x.schedule.id === e.detail.id);
    if (!entry) return;
    const time = movedTime(entry.schedule.time, e.detail.days, e.detail.minutes);
    if (!time) {
      this.message = { ok: false, text: weekMessages.cannotMove };
      return;
    }
    try {
      await scheduleApi.save(entry.schedule.id, { ...fieldsOf(entry.schedule), time });
      this.message = { ok: true, text: weekMessages.moved(entry.schedule.name) };
      await this.load();
      await this.renderRoot.querySelector<WeekCalendar>('bt-week-calendar')?.focusSchedule(entry.schedule.id);
    } catch (err) {
      this.fail(err);
    }
  }

  private async onSaved() {
    this.editing = null;
    this.message = { ok: true, text: t.saved };
    await this.load();
  }

  private async removeSchedule(id: string) {
    try {
      await scheduleApi.remove(id);
      this.message = { ok: true, text: t.deleted };
      await this.load();
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown) {
    this.message = { ok: false, text: errorMessage(e) };
  }
}

const fieldsOf = ({ id: _id, ...fields }: Schedule): ScheduleInput => fields;

declare global {
  interface HTMLElementTagNameMap {
    'bt-schedule-view': ScheduleView;
  }
}
