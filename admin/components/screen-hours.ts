import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ScreenStatus } from '../../playlists/index.ts';
import { call } from '../api.ts';
import { crossesMidnight, hoursFormOf, hoursOfForm, type HoursFormState, type HoursPreset } from '../hours-form.ts';
import { hoursMessages as t } from '../messages/hours.ts';
import type { DateTimeField } from './date-time-field.ts';
import './date-time-field.ts';
import { ScreenDialog, dialogStyles } from './modal-dialog.ts';

const PRESETS: HoursPreset[] = ['always', 'daily', 'custom'];
const OUTSIDE = ['clock', 'dim', 'black'] as const;

/**
 * A screen's operating hours in a modal dialog, for operators who are not programmers: always
 * on, 06:00–22:00 every day, or times per weekday (crossing midnight allowed); what shows
 * outside them; and the daily reload time. A connected screen follows on save.
 *
 * @fires hours-closed - the dialog was closed; the list clears `screen`
 */
@customElement('bt-screen-hours')
export class ScreenHoursDialog extends ScreenDialog {
  static override styles = [
    dialogStyles,
    css`
      dialog { width: min(36rem, 92vw); }
      .day label { display: flex; gap: 0.4rem; align-items: center; font-size: 0.9rem; color: #1b1f24; }
      .day { display: grid; grid-template-columns: 7rem 1fr 1fr; gap: 0.5rem; align-items: center; margin-top: 0.3rem; }
      .day bt-date-time-field::part(label) { display: flex; gap: 0.4rem; align-items: center; font-size: 0.9rem; color: #1b1f24; }
      .reload { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
      .reload label { display: flex; gap: 0.4rem; align-items: center; }
      .actions { margin-top: 0.5rem; }
    `,
  ];

  protected readonly closedEvent = 'hours-closed';
  protected readonly text = t;
  @state() private form: HoursFormState | null = null;

  protected opening(screen: ScreenStatus): void {
    this.form = hoursFormOf(screen);
  }

  private change(patch: Partial<HoursFormState>) {
    if (this.form) this.form = { ...this.form, ...patch };
  }

  private changeDay(i: number, patch: Partial<HoursFormState['days'][number]>) {
    if (this.form) this.change({ days: this.form.days.map((d, j) => (j === i ? { ...d, ...patch } : d)) });
  }

  private saveHours() {
    const screen = this.screen;
    const check = this.form && hoursOfForm(this.form);
    if (!screen || !check?.ok) return;
    void this.save(() => call('PUT', `/api/screens/${encodeURIComponent(screen.id)}/hours`, ScreenStatus, check.body));
  }

  protected override onClosed(): void {
    this.form = null;
  }

  protected renderBody() {
    return this.form ? this.renderForm(this.form) : nothing;
  }

  private renderForm(form: HoursFormState) {
    const check = hoursOfForm(form);
    const issues = new Set(check.ok ? [] : check.issues);
    const radio = (name: string, value: string, label: string, checked: boolean, pick: () => void) =>
      html`<label><input type="radio" name=${name} value=${value} .checked=${checked} @change=${pick} />${label}</label>`;
    return html`<fieldset>
        <legend>${t.hours}</legend>
        <div class="choices" role="radiogroup" aria-label=${t.hours}>
          ${PRESETS.map((p) => radio('preset', p, t.presets[p], form.preset === p, () => this.change({ preset: p })))}
        </div>
        ${form.preset === 'custom' ? form.days.map((row, i) => this.renderDay(form, i, issues.has(`time${i}`))) : nothing}
        ${issues.has('noDay') ? html`<p class="field-error" role="alert">${t.issues.noDay}</p>` : nothing}
      </fieldset>
      ${form.preset === 'always'
        ? nothing
        : html`<fieldset>
            <legend>${t.outside}</legend>
            <div class="choices" role="radiogroup" aria-label=${t.outside}>
              ${OUTSIDE.map((o) => radio('outside', o, t.outsideOptions[o], form.outside === o, () => this.change({ outside: o })))}
            </div>
          </fieldset>`}
      <fieldset>
        <legend>${t.reload}</legend>
        <div class="reload"><label><input type="checkbox" name="reload" .checked=${form.reload}
          @change=${(e: Event) => this.change({ reload: (e.target as HTMLInputElement).checked })} />${t.reloadOn}</label>
        <bt-date-time-field type="time" name="reloadAt" label=${t.reloadOn} hide-label .value=${form.reloadAt} ?disabled=${!form.reload} ?invalid=${issues.has('reload')}
          @input=${(e: Event) => this.change({ reloadAt: (e.target as DateTimeField).value })}></bt-date-time-field></div>
        ${issues.has('reload') ? html`<span class="field-error" role="alert">${t.issues.reload}</span>` : nothing}
        <p class="hint">${t.reloadHint}</p>
      </fieldset>
      <div class="actions">
        <button @click=${() => this.close()}>${t.cancel}</button>
        <button class="primary" data-action="save-hours" ?disabled=${!check.ok || this.busy} @click=${() => this.saveHours()}>
          ${this.busy ? t.saving : t.save}
        </button>
      </div>`;
  }

  private renderDay(form: HoursFormState, i: number, bad: boolean) {
    const row = form.days[i]!;
    const day = t.weekdays[i]!;
    const time = (field: 'from' | 'to') => html`<bt-date-time-field type="time" name=${`${field}-${i + 1}`} label=${t[field]}
      accessible-name=${`${day}: ${t[field]}`} .value=${row[field]} ?disabled=${!row.on} ?invalid=${bad}
      @input=${(e: Event) => this.changeDay(i, { [field]: (e.target as DateTimeField).value })}></bt-date-time-field>`;
    return html`<div class="day" data-day=${i + 1}>
        <label><input type="checkbox" name=${`day-${i + 1}`} .checked=${row.on}
          @change=${(e: Event) => this.changeDay(i, { on: (e.target as HTMLInputElement).checked })} />${day}</label>
        ${time('from')} ${time('to')}
      </div>
      ${crossesMidnight(row) ? html`<small class="hint">${t.crossesMidnight}</small>` : nothing}
      ${bad ? html`<span class="field-error" role="alert">${t.issues.time}</span>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-screen-hours': ScreenHoursDialog;
  }
  interface HTMLElementEventMap {
    'hours-closed': CustomEvent<void>;
  }
}
