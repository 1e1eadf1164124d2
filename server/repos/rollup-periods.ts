import { DAY_MS, HOUR_MS, UTC_OFFSET_MS, localParts } from '../../playlists/index.ts';

/**
 * Calendar buckets of the rollups, in Asia/Ho_Chi_Minh (a fixed UTC+7, no daylight saving):
 * a day is a whole number of local days since 1970-01-01, a month is year × 12 + month − 1.
 */

/** The local day an instant falls in. */
export const dayOf = (ms: number): number => Math.floor((ms + UTC_OFFSET_MS) / DAY_MS);

/** The instant local midnight starts `day`. */
export const dayStart = (day: number): number => day * DAY_MS - UTC_OFFSET_MS;

/** The instant the hour containing `ms` starts (whole-hour offset: local and UTC hours align). */
export const hourOf = (ms: number): number => ms - (((ms % HOUR_MS) + HOUR_MS) % HOUR_MS);

/** The local month an instant falls in. */
export function monthOf(ms: number): number {
  const p = localParts(ms);
  return p.year * 12 + p.month - 1;
}

/** `YYYY-MM-DD` → its day number. */
export function dayOfDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** Day number → `YYYY-MM-DD`. */
export const dateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The month a day number falls in. */
export function monthOfDay(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The first day of a month. */
export const firstDayOfMonth = (month: number): number => Date.UTC(Math.floor(month / 12), month % 12, 1) / DAY_MS;

/** The last day of a month. */
export const lastDayOfMonth = (month: number): number => firstDayOfMonth(month + 1) - 1;

/**
 * Splits the days `from`…`to` (inclusive) into whole months and the days left at either edge,
 * so a long period reads month rows and only its ragged ends read day rows.
 */
export function splitPeriod(from: number, to: number): { months: [number, number] | null; days: [number, number][] } {
  if (to < from) return { months: null, days: [] };
  let firstMonth = monthOfDay(from);
  if (firstDayOfMonth(firstMonth) < from) firstMonth += 1;
  let lastMonth = monthOfDay(to);
  if (lastDayOfMonth(lastMonth) > to) lastMonth -= 1;
  if (firstMonth > lastMonth) return { months: null, days: [[from, to]] };
  const days: [number, number][] = [];
  if (firstDayOfMonth(firstMonth) > from) days.push([from, firstDayOfMonth(firstMonth) - 1]);
  if (lastDayOfMonth(lastMonth) < to) days.push([lastDayOfMonth(lastMonth) + 1, to]);
  return { months: [firstMonth, lastMonth], days };
}
