import './zod-config.ts';
import * as z from 'zod/mini';

/**
 * Calendar time for bangtin. Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since
 * 1975, so local calendar fields are computed from a fixed offset: exact, and independent of
 * the machine's TZ and of Intl data (old Android WebViews ship incomplete tz databases).
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const UTC_OFFSET_MS = 7 * 3_600_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** An instant on the wire: ISO 8601 with an explicit offset. */
export const Instant = /* @__PURE__ */ z.iso.datetime({ offset: true });
/** A local calendar date, `YYYY-MM-DD`. */
export const LocalDate = /* @__PURE__ */ z.iso.date();
/** A local time of day, `HH:MM`. */
export const LocalTime = /* @__PURE__ */ z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM'));

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

export function localParts(ms: number): LocalParts {
  const d = new Date(ms + UTC_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** The instant of local midnight that starts the day containing `ms`. */
export function startOfLocalDay(ms: number): number {
  return Math.floor((ms + UTC_OFFSET_MS) / DAY_MS) * DAY_MS - UTC_OFFSET_MS;
}

/** Whole local calendar days from the day of `fromMs` to the day of `toMs` (negative if before). */
export function localDaysBetween(fromMs: number, toMs: number): number {
  return Math.round((startOfLocalDay(toMs) - startOfLocalDay(fromMs)) / DAY_MS);
}

/** The instant of a local date and time (`YYYY-MM-DD`, `HH:MM`). */
export function localToInstant(date: string, time = '00:00'): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return Date.UTC(y, m - 1, d, hh, mm) - UTC_OFFSET_MS;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-10-04T08:00:00+07:00` */
export function toLocalIso(ms: number): string {
  const p = localParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}+07:00`;
}

/** `2026-10-04T08:00:00.250+07:00`: for clock synchronisation, where a second is too coarse. */
export function toLocalIsoMs(ms: number): string {
  return toLocalIso(ms).replace('+07:00', `.${pad(((ms % 1000) + 1000) % 1000, 3)}+07:00`);
}

/** `04/10/2026` */
export function formatLocalDate(ms: number): string {
  const p = localParts(ms);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** `08:05` */
export function formatLocalTime(ms: number): string {
  const p = localParts(ms);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** Parses a wire instant; throws on anything that is not one. */
export function parseInstant(iso: string): number {
  // Date.parse alone reads '04/10/2026' or an offset-less time in the process's TZ.
  const ms = Instant.safeParse(iso).success ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${iso}`);
  return ms;
}
