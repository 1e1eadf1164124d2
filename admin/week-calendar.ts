import type { Schedule, ScheduleInput } from '../playlists/index.ts';
import { dayNumberOf, dayStart, weekdayOf, windowMinutes } from '../playlists/schedule.ts';
import { toLocalIso } from '../playlists/index.ts';

/** One stretch of a schedule on one day of the week shown, in minutes after local midnight. */
export interface WeekBlock {
  scheduleId: string;
  /** 0 = the week's Monday … 6 = its Sunday. */
  column: number;
  start: number;
  end: number;
}

const DAY_MIN = 1440;
export const dateOf = (day: number) => toLocalIso(dayStart(day)).slice(0, 10);
/** The day number of the Monday of the week holding `day`. */
export const mondayOf = (day: number) => day - ((weekdayOf(day) + 6) % 7);
const hhmm = (min: number) => `${String(Math.floor(min / 60) % 24).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/**
 * Where a schedule runs during the week starting on day `monday`: its dates, weekdays and daily
 * windows (all day without any; a window crossing midnight runs on into the next day), clipped to
 * its exact `startsAt`/`endsAt` instants.
 */
export function weekBlocks(s: Schedule, monday: number): WeekBlock[] {
  const r = s.time;
  const first = dayNumberOf(r.startDate);
  const last = r.endDate === null ? Infinity : dayNumberOf(r.endDate) - 1;
  const windows = r.windows.length ? r.windows.map(windowMinutes) : [[0, DAY_MIN] as [number, number]];
  const from = r.startsAt ? Date.parse(r.startsAt) : -Infinity;
  const until = r.endsAt ? Date.parse(r.endsAt) : Infinity;
  const blocks: WeekBlock[] = [];
  // The day before the week may run a window into its Monday.
  for (let day = monday - 1; day < monday + 7; day++) {
    if (day < first || day > last || !r.weekdays.includes(weekdayOf(day))) continue;
    for (const [ws, we] of windows) {
      // The window as instants, clipped to the rule's instants, then cut at each midnight.
      const a = Math.max(dayStart(day) + ws * 60_000, from);
      const b = Math.min(dayStart(day) + we * 60_000, until);
      for (let d = Math.max(day, monday); d < monday + 7 && dayStart(d) < b; d++) {
        const start = Math.max(a, dayStart(d));
        const end = Math.min(b, dayStart(d + 1));
        if (end > start) blocks.push({ scheduleId: s.id, column: d - monday, start: (start - dayStart(d)) / 60_000, end: (end - dayStart(d)) / 60_000 });
      }
    }
  }
  return blocks;
}

/** A new one-day schedule's time: `date`, from `start` to `end` minutes. */
export function newDayTime(date: string, start: number, end: number): ScheduleInput['time'] {
  const next = dateOf(dayNumberOf(date) + 1);
  return { startDate: date, endDate: next, windows: [{ start: hhmm(start), end: hhmm(Math.min(end, DAY_MIN - 1)) }] };
}

/**
 * The schedule's time rule moved by `days` and `minutes`: dates, weekdays and exact instants
 * with it, its windows shifted (null when a window would leave its day, or when an all-day rule
 * is moved by minutes).
 */
export function movedTime(time: Schedule['time'], days: number, minutes: number): Schedule['time'] | null {
  if (minutes !== 0 && time.windows.length === 0) return null;
  const windows = [];
  for (const w of time.windows) {
    const [s, e] = windowMinutes(w);
    if (s + minutes < 0 || s + minutes >= DAY_MIN || e + minutes > 2 * DAY_MIN) return null;
    windows.push({ start: hhmm(s + minutes), end: hhmm((e + minutes) % DAY_MIN) });
  }
  const shift = (iso: string | undefined) => (iso === undefined ? undefined : toLocalIso(Date.parse(iso) + (days * DAY_MIN + minutes) * 60_000));
  const moved: Schedule['time'] = {
    ...time,
    startDate: dateOf(dayNumberOf(time.startDate) + days),
    endDate: time.endDate === null ? null : dateOf(dayNumberOf(time.endDate) + days),
    weekdays: time.weekdays.map((d) => (((d + days) % 7) + 7) % 7).sort(),
    windows,
  };
  if (time.startsAt) moved.startsAt = shift(time.startsAt);
  if (time.endsAt) moved.endsAt = shift(time.endsAt);
  return moved;
}
