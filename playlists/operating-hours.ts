import './zod-config.ts';
import * as z from 'zod/mini';
import { DAY_MS, LocalTime, MINUTE_MS, UTC_OFFSET_MS } from './time.ts';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const IsoWeekday = /* @__PURE__ */ z.int().check(z.minimum(1), z.maximum(7));

/**
 * One daily window of a screen's operating hours, in Asia/Ho_Chi_Minh: on each listed weekday
 * from `from` (inclusive) to `to` (exclusive). `to` at or before `from` crosses midnight, and the
 * window belongs to the weekday it starts on (DESIGN.md: time). `from` equal to `to` is a whole day.
 */
export const HoursWindow = /* @__PURE__ */ z.strictObject({
  days: z.array(IsoWeekday).check(z.minLength(1), z.maxLength(7), z.refine((d) => new Set(d).size === d.length, 'days must not repeat')),
  from: LocalTime,
  to: LocalTime,
});
export type HoursWindow = z.infer<typeof HoursWindow>;

/** What a screen shows outside its hours: the idle clock, content dimmed, or black (saving power). */
export const OutsideHours = /* @__PURE__ */ z.enum(['clock', 'dim', 'black']);
export type OutsideHours = z.infer<typeof OutsideHours>;

/** A screen's operating hours; null (in `ScreenSettings`) means always on. */
export const OperatingHours = /* @__PURE__ */ z.strictObject({
  windows: z.array(HoursWindow).check(z.minLength(1), z.maxLength(7)),
  outside: OutsideHours,
});
export type OperatingHours = z.infer<typeof OperatingHours>;

/** The quiet hour of the player's daily page reload; null: never. */
export const DailyReloadAt = /* @__PURE__ */ z.nullable(LocalTime);
export const DEFAULT_DAILY_RELOAD_AT = '03:30';

/** `PUT /api/screens/{id}/hours`. */
export const ScreenHours = /* @__PURE__ */ z.strictObject({
  hours: z.nullable(OperatingHours),
  dailyReloadAt: DailyReloadAt,
});
export type ScreenHours = z.infer<typeof ScreenHours>;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The open intervals [start, end) of `hours` that start on the local days from `firstDay`
 * (local midnight instant) for `days` days.
 */
function intervals(hours: OperatingHours, firstDay: number, days: number): [number, number][] {
  const out: [number, number][] = [];
  for (let d = 0; d < days; d++) {
    const midnight = firstDay + d * DAY_MS;
    // 0 = Sunday in UTC fields of the shifted instant; ISO wants 7.
    const weekday = new Date(midnight + UTC_OFFSET_MS).getUTCDay() || 7;
    for (const w of hours.windows) {
      if (!w.days.includes(weekday)) continue;
      const from = minutes(w.from);
      let to = minutes(w.to);
      if (to <= from) to += 24 * 60;
      out.push([midnight + from * MINUTE_MS, midnight + to * MINUTE_MS]);
    }
  }
  return out;
}

const localMidnight = (ms: number) => Math.floor((ms + UTC_OFFSET_MS) / DAY_MS) * DAY_MS - UTC_OFFSET_MS;

/** Whether a screen with `hours` is open at `at` (start inclusive, end exclusive). Null hours: always. */
export function isOpen(hours: OperatingHours | null, at: number): boolean {
  if (!hours) return true;
  // A window that crosses midnight started on the day before.
  return intervals(hours, localMidnight(at) - DAY_MS, 2).some(([s, e]) => s <= at && at < e);
}

/**
 * The next instant after `at` at which `isOpen` changes; null when it never does (always on,
 * or windows covering every minute of the week).
 */
export function nextChange(hours: OperatingHours | null, at: number): number | null {
  if (!hours) return null;
  const open = isOpen(hours, at);
  // Every edge of the coming week, in order; the first that flips the state is the answer.
  const edges = intervals(hours, localMidnight(at) - DAY_MS, 9)
    .flatMap(([s, e]) => [s, e])
    .filter((t) => t > at)
    .sort((a, b) => a - b);
  for (const t of edges) if (isOpen(hours, t) !== open) return t;
  return null;
}

/**
 * When the open period that contains `at` began; null when `at` is closed or the screen has
 * been open all week (always on, null hours). Offline alerts count from here (server/fleet/fleet.ts).
 */
export function openedAt(hours: OperatingHours | null, at: number): number | null {
  if (!hours || !isOpen(hours, at)) return null;
  const starts = intervals(hours, localMidnight(at) - 8 * DAY_MS, 9)
    .map(([s]) => s)
    .filter((s) => s <= at)
    .sort((a, b) => b - a);
  for (const s of starts) if (!isOpen(hours, s - 1)) return s;
  return null;
}
