import { LocalTime, type OperatingHours, type OutsideHours, type ScreenHours, type ScreenStatus } from '../playlists/index.ts';

/**
 * The operating-hours form's state and rules, apart from the component so they can be tested:
 * presets, one row per weekday, and the form ↔ `ScreenHours` conversion with its issues.
 */
export type HoursPreset = 'always' | 'daily' | 'custom';

export interface DayRow {
  on: boolean;
  from: string;
  to: string;
}

export interface HoursFormState {
  preset: HoursPreset;
  /** Monday (index 0) … Sunday (index 6). */
  days: DayRow[];
  outside: OutsideHours;
  reload: boolean;
  reloadAt: string;
}

export type HoursIssue = 'noDay' | `time${number}` | 'reload';

const DAILY = { from: '06:00', to: '22:00' } as const;
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

const isDaily = (h: OperatingHours) =>
  h.windows.length === 1 && h.windows[0]!.days.length === 7 && h.windows[0]!.from === DAILY.from && h.windows[0]!.to === DAILY.to;

/** The form for a screen's current hours. A weekday in several windows shows its first. */
export function hoursFormOf(screen: Pick<ScreenStatus, 'hours' | 'dailyReloadAt'>): HoursFormState {
  const h = screen.hours;
  const days = ALL_DAYS.map((d): DayRow => {
    const w = h?.windows.find((w) => w.days.includes(d));
    return w ? { on: true, from: w.from, to: w.to } : { on: !h, ...DAILY };
  });
  return {
    preset: !h ? 'always' : isDaily(h) ? 'daily' : 'custom',
    days,
    outside: h?.outside ?? 'black',
    reload: screen.dailyReloadAt !== null,
    reloadAt: screen.dailyReloadAt ?? '03:30',
  };
}

const validTime = (s: string) => LocalTime.safeParse(s).success;

/** The request body, or the issues that keep the form from being saved. */
export function hoursOfForm(form: HoursFormState): { ok: true; body: ScreenHours } | { ok: false; issues: HoursIssue[] } {
  const issues: HoursIssue[] = [];
  if (form.reload && !validTime(form.reloadAt)) issues.push('reload');
  let hours: OperatingHours | null = null;
  if (form.preset === 'daily') hours = { windows: [{ days: ALL_DAYS, ...DAILY }], outside: form.outside };
  if (form.preset === 'custom') {
    form.days.forEach((row, i) => {
      if (row.on && (!validTime(row.from) || !validTime(row.to))) issues.push(`time${i}`);
    });
    if (!form.days.some((r) => r.on)) issues.push('noDay');
    // Days with the same times share one window, so the seven rows make at most seven windows.
    const windows: OperatingHours['windows'] = [];
    form.days.forEach((row, i) => {
      if (!row.on) return;
      const same = windows.find((w) => w.from === row.from && w.to === row.to);
      if (same) same.days.push(i + 1);
      else windows.push({ days: [i + 1], from: row.from, to: row.to });
    });
    hours = { windows, outside: form.outside };
  }
  if (issues.length) return { ok: false, issues };
  return { ok: true, body: { hours, dailyReloadAt: form.reload ? form.reloadAt : null } };
}

/** A window ends at or before it starts: it runs past midnight into the next day. */
export const crossesMidnight = (row: DayRow) => row.on && validTime(row.from) && validTime(row.to) && row.to <= row.from;
