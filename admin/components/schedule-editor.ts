import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  LOCATION_KINDS,
  SCHEDULE_TIERS,
  type DailyWindow,
  type PlaylistEntry,
  type Schedule,
  type ScheduleInput,
  type ScheduleTier,
  type ScreenStatus,
  type SessionWard,
  type WardEntry,
} from '../../playlists/index.ts';
import { ApiError } from '../api.ts';
import { errorText, messages } from '../messages/index.ts';
import { scheduleMessages as t } from '../messages/schedule.ts';
import { wardMessages } from '../messages/ward-operator.ts';
import { scheduleApi } from '../schedule-api.ts';
import './date-time-field.ts';
import { controls } from './styles.ts';
import { vietnameseChecks } from '../validity.ts';

/** A blank schedule: the whole city, every day from today, all day, normal tier. */
export function blankSchedule(today: string, playlistId: string): ScheduleInput {
  return { name: '', playlistId, tier: 'normal', zone: 'main', target: { all: true }, time: { startDate: today }, ownerWard: null };
}

/** A ward's local message: owned by the ward, on the ward's screens, normal tier (issue 4). */
export function blankWardSchedule(today: string, playlistId: string, wardCode: string): ScheduleInput {
  return { ...blankSchedule(today, playlistId), ownerWard: wardCode, target: { wards: [wardCode] } };
}

const toggle = <T,>(list: readonly T[], value: T, on: boolean): T[] => (on ? [...new Set([...list, value])] : list.filter((v) => v !== value));
const splitList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/**
 * Edits one schedule: playlist, tier, target, dates, weekdays and daily windows.
 * @fires schedule-saved - detail: the saved schedule
 * @fires schedule-cancel
 */
@customElement('bt-schedule-editor')
export class ScheduleEditor extends LitElement {
  static override styles = [
    controls,
    css`
      form { display: grid; gap: 0.9rem; background: #fff; border: 1px solid #c9d1db; border-radius: 10px; padding: 1rem 1.25rem; }
      fieldset { border: 1px solid #dde2e8; border-radius: 8px; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; padding: 0.6rem 0.8rem; }
      legend { font-size: 0.9rem; color: #3d4550; padding: 0 0.25rem; }
      fieldset label { display: flex; flex-direction: row; align-items: center; gap: 0.3rem; }
      .row { display: flex; gap: 0.75rem; flex-wrap: wrap; align-items: end; }
      .window { display: flex; gap: 0.5rem; align-items: end; flex-wrap: wrap; }
      .hint { font-size: 0.85rem; color: #5b6570; margin: 0; flex-basis: 100%; }
      .actions { display: flex; gap: 0.5rem; }
      .fixed { display: flex; flex-direction: column; gap: 0.2rem; }
      .fixed .label { font-size: 0.9rem; color: #3d4550; }
      .fixed output { padding: 0.4rem 0.6rem; background: #eef2f6; border-radius: 6px; }
    `,
  ];

  /** The schedule being edited; null id: a new one. */
  @property({ attribute: false }) value: ScheduleInput | null = null;
  @property({ attribute: false }) scheduleId: string | null = null;
  @property({ attribute: false }) playlists: PlaylistEntry[] = [];
  @property({ attribute: false }) wards: WardEntry[] = [];
  @property({ attribute: false }) screens: ScreenStatus[] = [];
  /** A ward operator's ward: owner, target and tier are fixed to it and shown, not edited. */
  @property({ attribute: false }) ward: SessionWard | null = null;
  /** The tiers this user may choose (access.ts, scheduleTiersFor). */
  @property({ attribute: false }) tiers: readonly ScheduleTier[] = SCHEDULE_TIERS;
  @state() private draft: ScheduleInput | null = null;
  @state() private error = '';
  @state() private busy = false;

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('value') && this.value) this.draft = structuredClone(this.value);
  }

  override render() {
    const d = this.draft;
    if (!d) return nothing;
    const target = { all: false, wards: [], locationKinds: [], tags: [], screenIds: [], ...d.target };
    const time = { weekdays: [0, 1, 2, 3, 4, 5, 6], windows: [] as DailyWindow[], endDate: null, ...d.time };
    return html`
      <form @invalid=${vietnameseChecks} @submit=${this.onSubmit}>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <div class="row">
          <label>${t.name}<input name="name" required .value=${d.name} @input=${(e: Event) => this.set({ name: value(e) })} /></label>
          <label>${t.playlist}
            <select name="playlistId" @change=${(e: Event) => this.set({ playlistId: value(e) })}>
              ${this.playlists.map((p) => html`<option value=${p.playlist.id} ?selected=${p.playlist.id === d.playlistId}>${p.playlist.name}</option>`)}
            </select>
          </label>
          ${this.ward ? this.renderWardFixed(this.ward) : this.renderTierAndOwner(d)}
        </div>

        ${this.ward ? this.renderWardTarget(this.ward, target.screenIds) : html`<fieldset>
          <legend>${t.target}</legend>
          <label><input type="checkbox" name="all" .checked=${target.all} @change=${(e: Event) => this.setTarget({ all: checked(e) })} />${t.allScreens}</label>
          <p class="hint">${t.targetHint}</p>
          ${target.all ? nothing : this.renderTargetFilters(target)}
        </fieldset>`}

        <div class="row">
          <bt-date-time-field type="date" name="startDate" label=${t.startDate} required .value=${time.startDate} @change=${(e: Event) => this.setTime({ startDate: value(e) })}></bt-date-time-field>
          <bt-date-time-field type="date" name="endDate" label=${t.endDate} .value=${time.endDate ?? ''} @change=${(e: Event) => this.setTime({ endDate: value(e) || null })}></bt-date-time-field>
        </div>
        <fieldset>
          <legend>${t.weekdays}</legend>
          ${t.weekdayNames.map((name, day) => html`<label><input type="checkbox" name="weekday" value=${day} .checked=${time.weekdays.includes(day)}
            @change=${(e: Event) => this.setTime({ weekdays: toggle(time.weekdays, day, checked(e)).sort() })} />${name}</label>`)}
        </fieldset>
        <fieldset>
          <legend>${t.windows}</legend>
          ${time.windows.map((w, i) => html`<div class="window">
            <bt-date-time-field type="time" name="windowStart" label=${t.windowStart} required .value=${w.start} @change=${(e: Event) => this.setWindow(i, { start: value(e) })}></bt-date-time-field>
            <bt-date-time-field type="time" name="windowEnd" label=${t.windowEnd} required .value=${w.end} @change=${(e: Event) => this.setWindow(i, { end: value(e) })}></bt-date-time-field>
            ${w.end <= w.start ? html`<span class="badge">${t.crossesMidnight}</span>` : nothing}
            <button type="button" @click=${() => this.setTime({ windows: time.windows.filter((_, j) => j !== i) })}>${t.removeWindow}</button>
          </div>`)}
          <button type="button" @click=${() => this.setTime({ windows: [...time.windows, { start: '18:00', end: '20:00' }] })}>${t.addWindow}</button>
        </fieldset>

        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${t.save}</button>
          <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('schedule-cancel'))}>${t.cancel}</button>
        </div>
      </form>
    `;
  }

  /** A ward operator's schedule: its tier and owner, shown as text. */
  private renderWardFixed(ward: SessionWard) {
    return html`<div class="fixed"><span class="label">${t.tier}</span><output name="tier">${wardMessages.schedule.tierFixed}</output></div>
      <div class="fixed"><span class="label">${t.ownerWard}</span><output name="ownerWard">${wardMessages.schedule.ownerFixed(ward.name)}</output></div>`;
  }

  /** A ward schedule reaches the ward's screens (or, if it names some, those of them). */
  private renderWardTarget(ward: SessionWard, screenIds: readonly string[]) {
    const names = screenIds.map((id) => this.screens.find((s) => s.id === id)?.name ?? id);
    return html`<div class="fixed"><span class="label">${wardMessages.schedule.target}</span>
      <output name="target">${names.length ? names.join(', ') : wardMessages.schedule.targetFixed(ward.name)}</output></div>`;
  }

  private renderTierAndOwner(d: ScheduleInput) {
    return html`<label>${t.tier}
        <select name="tier" @change=${(e: Event) => this.set({ tier: value(e) as Schedule['tier'] })}>
          ${this.tiers.map((tier) => html`<option value=${tier} ?selected=${tier === (d.tier ?? 'normal')}>${t.tiers[tier]}</option>`)}
        </select>
      </label>
      <label>${t.ownerWard}
        <select name="ownerWard" @change=${(e: Event) => this.set({ ownerWard: value(e) || null, ...(value(e) ? { tier: 'normal' } : {}) })}>
          <option value="" ?selected=${!d.ownerWard}>${t.cityOwned}</option>
          ${this.wards.map((w) => html`<option value=${w.code} ?selected=${w.code === d.ownerWard}>${t.wardOwned(w.name)}</option>`)}
        </select>
      </label>`;
  }

  /** City targeting: wards, location kinds, tags and individual screens. */
  private renderTargetFilters(target: Required<Omit<ScheduleInput['target'], 'all'>>) {
    return html`
      <fieldset><legend>${t.wards}</legend>
        ${this.wards.map((w) => html`<label><input type="checkbox" name="ward" value=${w.code} .checked=${target.wards.includes(w.code)}
          @change=${(e: Event) => this.setTarget({ wards: toggle(target.wards, w.code, checked(e)) })} />${w.name}</label>`)}
      </fieldset>
      <fieldset><legend>${t.kinds}</legend>
        ${LOCATION_KINDS.map((k) => html`<label><input type="checkbox" name="kind" value=${k} .checked=${target.locationKinds.includes(k)}
          @change=${(e: Event) => this.setTarget({ locationKinds: toggle(target.locationKinds, k, checked(e)) })} />${messages.locationKinds[k] ?? k}</label>`)}
      </fieldset>
      <label>${t.tags}<input name="tags" .value=${target.tags.join(', ')} @change=${(e: Event) => this.setTarget({ tags: splitList(value(e)) })} /></label>
      <fieldset><legend>${t.screenIds}</legend>
        ${this.screens.map((s) => html`<label><input type="checkbox" name="screen" value=${s.id} .checked=${target.screenIds.includes(s.id)}
          @change=${(e: Event) => this.setTarget({ screenIds: toggle(target.screenIds, s.id, checked(e)) })} />${s.name}</label>`)}
      </fieldset>`;
  }

  private set(patch: Partial<ScheduleInput>) {
    this.draft = { ...this.draft!, ...patch };
  }

  private setTarget(patch: Partial<ScheduleInput['target']>) {
    // All screens cannot be combined with filters: choosing it clears them.
    const target = patch.all ? { all: true } : { ...this.draft!.target, ...patch };
    this.set({ target });
  }

  private setTime(patch: Partial<ScheduleInput['time']>) {
    this.set({ time: { ...this.draft!.time, ...patch } });
  }

  private setWindow(i: number, patch: Partial<DailyWindow>) {
    const windows = [...(this.draft!.time.windows ?? [])];
    windows[i] = { ...windows[i]!, ...patch };
    this.setTime({ windows });
  }

  private async onSubmit(e: Event) {
    e.preventDefault();
    this.busy = true;
    this.error = '';
    try {
      const entry = this.scheduleId ? await scheduleApi.save(this.scheduleId, this.draft!) : await scheduleApi.create(this.draft!);
      this.dispatchEvent(new CustomEvent('schedule-saved', { detail: entry.schedule }));
    } catch (err) {
      const code = err instanceof ApiError ? err.code : 'unknown';
      const where = err instanceof ApiError && err.issues.length ? ` (${err.issues.map((i) => i.path).join(', ')})` : '';
      this.error = errorText(code) + where;
    } finally {
      this.busy = false;
    }
  }
}

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
const checked = (e: Event) => (e.target as HTMLInputElement).checked;

declare global {
  interface HTMLElementTagNameMap {
    'bt-schedule-editor': ScheduleEditor;
  }
  interface HTMLElementEventMap {
    'schedule-saved': CustomEvent<Schedule>;
    'schedule-cancel': CustomEvent<void>;
  }
}
