import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  LOCATION_KINDS, formatLocalTime, localParts, parseInstant, toLocalIso,
  type PlayingAt, type ScreenStatus, type Timeline, type TimelineGroups, type TimelineHour, type TimelineReason, type WardEntry,
} from '../../playlists/index.ts';
import { messages } from '../messages/index.ts';
import { fallbackMessages as f } from '../messages/fallback.ts';
import { scheduleMessages as t } from '../messages/schedule.ts';
import { scheduleApi } from '../schedule-api.ts';
import { errorMessage } from '../load.ts';
import { changeMessages } from '../messages/changes.ts';
import type { DateTimeField } from './date-time-field.ts';
import './date-time-field.ts';
import { controls } from './styles.ts';

const hhmm = (iso: string) => iso.slice(11, 16);
const hhmmss = (iso: string) => iso.slice(11, 19);
const ddmm = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;
const today = () => toLocalIso(Date.now()).slice(0, 10);

type Labels = Pick<Timeline, 'schedules' | 'playlists' | 'items'>;
/** One timeline to draw: a screen's, or a group's of alike screens. */
type Drawn = Labels & Pick<Timeline, 'hours' | 'fallback'>;
type Scope = 'screen' | 'ward' | 'locationKind';
type LocationKind = (typeof LOCATION_KINDS)[number];

/**
 * "What will screen X show at 18:30 on Saturday, and why?": one instant, a day hour by hour, or
 * a week as a calendar, each with the reason (tier, schedule, rule) and conflict flags. For a
 * ward or a location kind, one timeline per group of screens that play alike.
 */
@customElement('bt-schedule-timeline')
export class ScheduleTimeline extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: grid; gap: 1rem; }
      .controls { display: flex; gap: 0.75rem; flex-wrap: wrap; align-items: end; background: #fff; border-radius: 10px; padding: 0.75rem 1rem; border: 1px solid #dde2e8; }
      .answer { background: #fff; border-left: 4px solid #0b5cad; padding: 0.75rem 1rem; border-radius: 6px; display: grid; gap: 0.25rem; }
      .tier { display: inline-block; font-size: 0.8rem; padding: 0.05rem 0.45rem; border-radius: 999px; }
      .tier.emergency, td.emergency { background: #fde2e2; color: #8a0b1c; }
      .tier.priority, td.priority { background: #fff1c2; color: #6b4d00; }
      .tier.normal, td.normal { background: #e3eefc; color: #0b3d7a; }
      .tier.fallback, td.fallback { background: #eef0f3; color: #3d4550; }
      .flag { display: inline-block; font-size: 0.78rem; padding: 0.05rem 0.4rem; border-radius: 4px; background: #fdecef; color: #a40e26; margin: 0.1rem 0.2rem 0.1rem 0; }
      .calendar td { font-size: 0.78rem; padding: 0.2rem 0.3rem; cursor: pointer; border: 1px solid #fff; max-width: 8rem; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
      .calendar th { font-size: 0.8rem; text-align: center; }
      .calendar td.hour { background: none; cursor: default; color: #5b6570; }
      ul { margin: 0; padding-left: 1.1rem; }
      .group { display: grid; gap: 0.5rem; }
      .group h4 { margin: 0.5rem 0 0; font-size: 1rem; }
    `,
  ];

  @property({ attribute: false }) screens: ScreenStatus[] = [];
  @property({ attribute: false }) wards: WardEntry[] = [];
  @state() private scope: Scope = 'screen';
  @state() private ward = '';
  @state() private locationKind: LocationKind = 'park';
  @state() private groups: TimelineGroups | null = null;
  @state() private screenId = '';
  @state() private date = today();
  @state() private days: 1 | 7 = 1;
  /** "What plays at …" asks about now until the operator picks another time (issue 12, item 9). */
  @state() private time = formatLocalTime(Date.now());
  @state() private timeline: Timeline | null = null;
  @state() private answer: PlayingAt | null = null;
  @state() private error = '';

  override willUpdate() {
    if (!this.screenId && this.screens[0]) this.screenId = this.screens[0].id;
    if (!this.ward && this.wards[0]) this.ward = this.wards[0].code;
  }

  override render() {
    return html`
      <h3>${t.timeline.title}</h3>
      <div class="controls">
        <label>${f.timeline.scope}
          <select name="scope" @change=${(e: Event) => this.setScope((e.target as HTMLSelectElement).value as Scope)}>
            ${(['screen', 'ward', 'locationKind'] as const).map((s) => html`<option value=${s} ?selected=${s === this.scope}>${f.timeline.scopes[s]}</option>`)}
          </select>
        </label>
        ${this.renderTarget()}
        <bt-date-time-field type="date" name="date" label=${t.timeline.date} .value=${this.date} @change=${(e: Event) => (this.date = (e.target as DateTimeField).value)}></bt-date-time-field>
        ${this.scope === 'screen'
          ? html`<bt-date-time-field type="time" name="at" label=${t.timeline.at} .value=${this.time} @change=${(e: Event) => (this.time = (e.target as DateTimeField).value)}></bt-date-time-field>
            <button class="primary" name="ask" @click=${this.ask}>${t.timeline.ask}</button>`
          : nothing}
        <button name="day" aria-pressed=${this.days === 1} @click=${() => this.show(1)}>${t.timeline.day}</button>
        <button name="week" aria-pressed=${this.days === 7} @click=${() => this.show(7)}>${t.timeline.week}</button>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.scope === 'screen' && this.answer ? this.renderAnswer(this.answer) : nothing}
      ${this.scope === 'screen' && this.timeline ? this.renderTimeline(this.timeline, this.timeline.days) : nothing}
      ${this.scope !== 'screen' && this.groups ? this.renderGroups(this.groups) : nothing}
    `;
  }

  private renderTarget() {
    if (this.scope === 'ward') {
      return html`<label>${f.timeline.ward}
        <select name="ward" @change=${(e: Event) => (this.ward = (e.target as HTMLSelectElement).value)}>
          ${this.wards.map((w) => html`<option value=${w.code} ?selected=${w.code === this.ward}>${w.name}</option>`)}
        </select>
      </label>`;
    }
    if (this.scope === 'locationKind') {
      return html`<label>${f.timeline.locationKind}
        <select name="location-kind" @change=${(e: Event) => (this.locationKind = (e.target as HTMLSelectElement).value as LocationKind)}>
          ${LOCATION_KINDS.map((k) => html`<option value=${k} ?selected=${k === this.locationKind}>${messages.locationKinds[k] ?? k}</option>`)}
        </select>
      </label>`;
    }
    return html`<label>${t.timeline.screen}
      <select name="screen" @change=${(e: Event) => (this.screenId = (e.target as HTMLSelectElement).value)}>
        ${this.screens.map((s) => html`<option value=${s.id} ?selected=${s.id === this.screenId}>${s.name}</option>`)}
      </select>
    </label>`;
  }

  private setScope(scope: Scope) {
    this.scope = scope;
    this.groups = null;
  }

  private renderTimeline(tl: Drawn, days: number) {
    const own = tl.fallback.playlistId ? tl.playlists.find((p) => p.id === tl.fallback.playlistId)?.name ?? null : null;
    return html`<p class="muted" data-fallback-source=${tl.fallback.source}>${f.panel.title}: ${f.source(tl.fallback, own)}</p>
      ${days === 7 ? this.renderWeek(tl) : this.renderDay(tl)}`;
  }

  private renderGroups(g: TimelineGroups) {
    if (!g.groups.length) return html`<p class="muted">${f.timeline.noScreens}</p>`;
    return g.groups.map((group) => html`<section class="group" data-group-screens=${group.screens.map((s) => s.id).join(' ')}>
      <h4>${f.timeline.appliesTo(group.screens.length, group.screens.map((s) => s.name).join(', '))}</h4>
      ${this.renderTimeline(group, g.days)}
    </section>`);
  }

  private renderAnswer(a: PlayingAt) {
    const item = (id: string | null) => (id === null ? t.timeline.nothing : a.items.find((i) => i.id === id)?.label ?? id);
    return html`<div class="answer" data-answer-item=${a.itemId ?? ''} data-answer-tier=${a.reason.tier}>
      <strong>${a.screen.name}, ${hhmm(a.at)} ${ddmm(a.at)}</strong>
      <span>${t.timeline.answer(item(a.itemId), hhmmss(a.since), hhmmss(a.until))}</span>
      <span>${t.timeline.why}: ${this.reason(a.reason, a)}</span>
      <span>${t.timeline.next(item(a.next.itemId), hhmmss(a.next.at))}</span>
    </div>`;
  }

  private reason(r: TimelineReason, labels: Labels) {
    const schedule = r.scheduleId ? labels.schedules.find((s) => s.id === r.scheduleId)?.name ?? changeMessages.unnamed['schedule'] : null;
    const source = r.fallback ? ` (${r.fallback === 'screen' ? f.source({ source: 'screen', screenPlaylistId: null }, null) : f.source({ source: 'city_default', screenPlaylistId: null }, null)})` : '';
    return html`<span class="tier ${r.tier}">${t.tiers[r.tier]}</span> ${schedule ? html`«${schedule}» — ` : nothing}<span class="rule" title=${`[${r.ruleRef}]`}>${t.rules[r.rule]}</span>${source}`;
  }

  private source(p: TimelineHour['plays'][number], labels: Labels): string {
    if (p.scheduleId) return labels.schedules.find((s) => s.id === p.scheduleId)?.name ?? changeMessages.unnamed['schedule']!;
    return p.playlistId ? labels.playlists.find((l) => l.id === p.playlistId)?.name ?? changeMessages.unnamed['playlist']! : t.timeline.nothing;
  }

  private renderDay(tl: Drawn) {
    return html`<table class="day">
      <thead><tr><th>${t.timeline.hour}</th><th>${t.timeline.plays}</th><th>${t.timeline.why}</th><th>${t.timeline.flags}</th></tr></thead>
      <tbody>
        ${tl.hours.map((h) => html`<tr data-hour=${hhmm(h.start)} data-tier=${h.plays[0]?.tier ?? ''} data-flags=${h.flags.join(' ')}>
          <td>${hhmm(h.start)}</td>
          <td><ul>${h.plays.map((p) => html`<li><span class="tier ${p.tier}">${t.tiers[p.tier]}</span> ${this.source(p, tl)} — ${t.timeline.airtime(Math.round(p.airtimeMs / 36_000))}</li>`)}</ul></td>
          <td><ul>${[...new Map(h.plays.map((p) => [p.rule, p.ruleRef])).entries()].map(([rule, ref]) => html`<li class="rule" title=${`[${ref}]`}>${t.rules[rule]}</li>`)}</ul></td>
          <td>${h.flags.map((f) => html`<span class="flag" data-flag=${f}>${t.flags[f]}</span>`)}</td>
        </tr>`)}
      </tbody>
    </table>`;
  }

  private renderWeek(tl: Drawn) {
    const days = Array.from({ length: 7 }, (_, d) => tl.hours.slice(d * 24, d * 24 + 24));
    return html`<table class="calendar">
      <thead><tr><th></th>${days.map((d) => {
        const start = parseInstant(d[0]!.start);
        return html`<th>${t.timeline.weekdayNames[localParts(start).weekday]}<br />${ddmm(d[0]!.start)}</th>`;
      })}</tr></thead>
      <tbody>
        ${Array.from({ length: 24 }, (_, hour) => html`<tr>
          <td class="hour">${String(hour).padStart(2, '0')}:00</td>
          ${days.map((d) => {
            const h = d[hour]!;
            const top = h.plays[0];
            const title = [...h.plays.map((p) => `${t.tiers[p.tier]}: ${this.source(p, tl)}`), ...h.flags.map((f) => `⚠ ${t.flags[f]}`)].join('\n');
            return html`<td class=${top?.tier ?? 'fallback'} title=${title} data-start=${h.start} data-flags=${h.flags.join(' ')}
              @click=${() => this.pick(h.start)}>${h.flags.length ? '⚠ ' : ''}${top ? this.source(top, tl) : ''}</td>`;
          })}
        </tr>`)}
      </tbody>
    </table>`;
  }

  private pick(startIso: string) {
    this.date = startIso.slice(0, 10);
    this.time = hhmm(startIso);
    void this.ask();
  }

  private async show(days: 1 | 7) {
    this.days = days;
    await this.run(async () => {
      if (this.scope === 'screen') this.timeline = await scheduleApi.timeline(this.screenId, this.date, days);
      else this.groups = await scheduleApi.timelineGroups(this.scope === 'ward' ? { ward: this.ward } : { locationKind: this.locationKind }, this.date, days);
    });
  }

  private async ask() {
    await this.run(async () => {
      this.answer = await scheduleApi.playingAt(this.screenId, `${this.date}T${this.time}:00+07:00`);
    });
  }

  private async run(work: () => Promise<void>) {
    this.error = '';
    try {
      await work();
    } catch (e) {
      this.error = errorMessage(e);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-schedule-timeline': ScheduleTimeline;
  }
}
