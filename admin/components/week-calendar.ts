import { LitElement, html, css, nothing, unsafeCSS } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ScheduleEntry } from '../../playlists/index.ts';
import { dayNumberAt } from '../../playlists/schedule.ts';
import { weekMessages as t } from '../messages/week-calendar.ts';
import { dateOf, mondayOf, weekBlocks, type WeekBlock } from '../week-calendar.ts';
import { controls } from './styles.ts';

const HOUR_PX = 24;
const SNAP = 30;
/** A schedule started from a day's heading (the keyboard's way) opens at 08:00–09:00, to be set in the editor. */
const KEYBOARD_WINDOW = { start: 8 * 60, end: 9 * 60 } as const;
const hhmm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
const dm = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;

export interface CalendarCreate { date: string; start: number; end: number }
export interface CalendarMove { id: string; days: number; minutes: number }

/**
 * The draft schedules on a week (Monday to Sunday, local time), hour by hour. Dragging over an
 * empty stretch of a day asks for a new schedule there; dragging a schedule (or, focused, the
 * arrow keys) moves it; a day's heading, a button, asks for one on that day from the keyboard.
 * The view does the saving.
 * @fires calendar-create - detail: CalendarCreate
 * @fires calendar-move - detail: CalendarMove
 * @fires calendar-open - detail: a schedule's id (Enter or a double click)
 */
@customElement('bt-week-calendar')
export class WeekCalendar extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: grid; gap: 0.5rem; }
      .top { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
      .top h3 { margin: 0; font-size: 1.05rem; flex: 1; }
      .hint { color: #5b6570; font-size: 0.85rem; margin: 0; }
      .grid { display: grid; grid-template-columns: 3rem repeat(7, 1fr); border: 1px solid #d4dae1; border-radius: 6px; background: #fff; user-select: none; }
      .head { font-weight: 600; font-size: 0.85rem; text-align: center; padding: 0.25rem; border-bottom: 1px solid #d4dae1; }
      .head.today { color: #0b5cad; }
      .head .add-day { font: inherit; color: inherit; background: none; border: 1px solid transparent; border-radius: 4px; padding: 0 0.3rem; min-height: 0; cursor: pointer; }
      .head .add-day:hover { border-color: #0b5cad; }
      .hours, .day { position: relative; height: ${unsafeCSS(24 * HOUR_PX)}px; }
      .hours span { position: absolute; right: 0.3rem; font-size: 0.7rem; color: #5b6570; transform: translateY(-50%); }
      .day { border-left: 1px solid #e3e7ec; background-image: linear-gradient(#eef1f4 1px, transparent 1px); background-size: 100% ${unsafeCSS(HOUR_PX)}px; cursor: crosshair; }
      .block { position: absolute; left: 2px; right: 2px; overflow: hidden; font-size: 0.75rem; line-height: 1.2; padding: 1px 3px; border-radius: 4px;
        border: 1px solid #0b5cad; background: #e3eefc; color: #0b3d7a; cursor: grab; text-align: left; }
      .block.priority { background: #fff1c2; border-color: #a67c00; color: #6b4d00; }
      .block.emergency { background: #fde2e2; border-color: #a40e26; color: #8a0b1c; }
      .block:focus-visible { outline: 3px solid #1b1f24; outline-offset: 1px; z-index: 2; }
      .ghost { position: absolute; left: 2px; right: 2px; background: #0b5cad33; border: 1px dashed #0b5cad; border-radius: 4px; pointer-events: none; }
    `,
  ];

  @property({ attribute: false }) entries: ScheduleEntry[] = [];
  @property({ type: Boolean, attribute: 'can-edit' }) canEdit = false;
  /** The Monday of the week shown (a local day number). */
  @state() private monday = mondayOf(dayNumberAt(Date.now()));
  /** A drag under way: a new stretch (no id) or a schedule being moved. */
  @state() private drag: { id: string | null; column: number; from: number; to: number; fromColumn: number } | null = null;

  override render() {
    const today = dayNumberAt(Date.now()) - this.monday;
    const blocks = this.entries.flatMap((e) => weekBlocks(e.schedule, this.monday));
    return html`
      <div class="top">
        <h3>${t.title} ${dm(dateOf(this.monday))} – ${dm(dateOf(this.monday + 6))}</h3>
        <button name="week-previous" @click=${() => (this.monday -= 7)}>${t.previous}</button>
        <button name="week-today" @click=${() => (this.monday = mondayOf(dayNumberAt(Date.now())))}>${t.today}</button>
        <button name="week-next" @click=${() => (this.monday += 7)}>${t.next}</button>
      </div>
      ${this.canEdit ? html`<p class="hint">${t.hint}</p>` : nothing}
      <div class="grid" @pointermove=${this.onMove} @pointerup=${this.onUp} @pointercancel=${() => (this.drag = null)}>
        <div class="head"></div>
        ${t.days.map((d, i) => html`<div class="head ${i === today ? 'today' : ''}">${this.canEdit
          ? html`<button class="add-day" name="week-add" data-column=${i} aria-label=${t.addOn(`${d} ${dm(dateOf(this.monday + i))}`)}
              title=${t.addOn(`${d} ${dm(dateOf(this.monday + i))}`)}
              @click=${() => this.fire('calendar-create', { date: dateOf(this.monday + i), ...KEYBOARD_WINDOW } satisfies CalendarCreate)}>${d} ${dm(dateOf(this.monday + i))}</button>`
          : html`${d} ${dm(dateOf(this.monday + i))}`}</div>`)}
        <div class="hours">${Array.from({ length: 23 }, (_, h) => html`<span data-top=${(h + 1) * HOUR_PX}>${hhmm((h + 1) * 60)}</span>`)}</div>
        ${t.days.map((_, column) => html`<div class="day" data-column=${column}
            @pointerdown=${(e: PointerEvent) => this.onDown(e, column, null)}>
          ${blocks.filter((b) => b.column === column).map((b) => this.renderBlock(b))}
          ${this.drag && this.drag.column === column ? this.renderGhost() : nothing}
        </div>`)}
      </div>
    `;
  }

  private renderBlock(b: WeekBlock) {
    const entry = this.entries.find((e) => e.schedule.id === b.scheduleId)!;
    const s = entry.schedule;
    const label = t.block(s.name, `${t.days[b.column]} ${dm(dateOf(this.monday + b.column))}`, hhmm(b.start), hhmm(b.end));
    return html`<button class="block ${s.tier}" data-schedule-id=${s.id} aria-label=${label} title=${label}
      data-top=${(b.start / 60) * HOUR_PX} data-height=${Math.max(((b.end - b.start) / 60) * HOUR_PX, 14)}
      @pointerdown=${(e: PointerEvent) => this.onDown(e, b.column, s.id)}
      @dblclick=${() => this.fire('calendar-open', s.id)}
      @keydown=${(e: KeyboardEvent) => this.onKey(e, s.id)}>${s.name}</button>`;
  }

  private renderGhost() {
    const d = this.drag!;
    const [a, b] = d.id === null ? [Math.min(d.from, d.to), Math.max(d.from, d.to) + SNAP] : [d.to, d.to + 60];
    return html`<div class="ghost" data-ghost data-top=${(a / 60) * HOUR_PX} data-height=${((b - a) / 60) * HOUR_PX}></div>`;
  }

  /** Places blocks, the ghost and the hour labels through the CSSOM: the page's CSP forbids style attributes. */
  override updated() {
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('[data-top]')) {
      el.style.top = `${el.dataset.top}px`;
      if (el.dataset.height) el.style.height = `${el.dataset.height}px`;
    }
  }

  /** The column and snapped minute under the pointer. */
  private at(e: PointerEvent): { column: number; minute: number } | null {
    const days = [...this.renderRoot.querySelectorAll<HTMLElement>('.day')];
    const column = days.findIndex((d) => { const r = d.getBoundingClientRect(); return e.clientX >= r.left && e.clientX < r.right; });
    if (column < 0) return null;
    const top = days[column]!.getBoundingClientRect().top;
    const minute = Math.min(Math.max(Math.floor(((e.clientY - top) / HOUR_PX) * 60 / SNAP) * SNAP, 0), 1440 - SNAP);
    return { column, minute };
  }

  private onDown(e: PointerEvent, column: number, id: string | null) {
    if (!this.canEdit || e.button !== 0) return;
    e.stopPropagation();
    const p = this.at(e);
    if (!p) return;
    e.preventDefault();
    (e.currentTarget as HTMLElement).releasePointerCapture?.(e.pointerId);
    this.drag = { id, column, from: p.minute, to: p.minute, fromColumn: column };
  }

  private onMove(e: PointerEvent) {
    if (!this.drag) return;
    const p = this.at(e);
    if (!p) return;
    this.drag = { ...this.drag, to: p.minute, column: this.drag.id === null ? this.drag.column : p.column };
  }

  private onUp(e: PointerEvent) {
    const d = this.drag;
    this.drag = null;
    if (!d) return;
    const p = this.at(e);
    if (d.id === null) {
      const start = Math.min(d.from, d.to);
      const end = Math.max(d.from, d.to) + SNAP;
      this.fire('calendar-create', { date: dateOf(this.monday + d.column), start, end } satisfies CalendarCreate);
      return;
    }
    if (!p) return;
    const days = p.column - d.fromColumn;
    const minutes = p.minute - d.from;
    if (days !== 0 || minutes !== 0) this.fire('calendar-move', { id: d.id, days, minutes } satisfies CalendarMove);
  }

  private onKey(e: KeyboardEvent, id: string) {
    if (e.key === 'Enter') {
      e.preventDefault();
      this.fire('calendar-open', id);
      return;
    }
    if (!this.canEdit) return;
    const move = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -SNAP], ArrowDown: [0, SNAP] }[e.key];
    if (!move) return;
    e.preventDefault();
    this.fire('calendar-move', { id, days: move[0]!, minutes: move[1]! } satisfies CalendarMove);
  }

  private fire(type: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** After a move by keyboard, the moved schedule keeps the focus. */
  async focusSchedule(id: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`.block[data-schedule-id="${id}"]`)?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-week-calendar': WeekCalendar;
  }
}
