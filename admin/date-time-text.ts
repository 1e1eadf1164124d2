/**
 * Dates and times as the admin page shows and reads them: `dd/mm/yyyy` and 24-hour `HH:mm`,
 * whatever the browser's language. Values are exchanged in ISO form (`yyyy-mm-dd`, `HH:mm`,
 * `yyyy-mm-ddTHH:mm`) like the native inputs they replace, so the forms around them keep working.
 */

/** The three kinds of field, named like the native input types they replace. */
export type DateTimeKind = 'date' | 'time' | 'datetime-local';

/** Why a typed text is not a value: unreadable, or read but not a real day or time of day. */
export type DateTimeProblem = 'format' | 'no-such-date' | 'no-such-time';

export type Parsed = { ok: true; value: string } | { ok: false; problem: DateTimeProblem };

const pad = (n: number) => String(n).padStart(2, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function checkDate(year: number, month: number, day: number): Parsed {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, problem: 'no-such-date' };
  }
  return { ok: true, value: `${year}-${pad(month)}-${pad(day)}` };
}

/**
 * A typed date as `yyyy-mm-dd`: `dd/mm/yyyy`, also with one-digit day or month and `.` or `-`
 * between; an ISO `yyyy-mm-dd` (pasted) is read too, as it cannot be mistaken. Two-digit years
 * are refused rather than guessed. Empty text is the empty value.
 */
export function parseDate(text: string): Parsed {
  const s = text.trim();
  if (s === '') return { ok: true, value: '' };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) return checkDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const vn = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})$/.exec(s);
  if (!vn) return { ok: false, problem: 'format' };
  return checkDate(Number(vn[4]), Number(vn[3]), Number(vn[1]));
}

/**
 * A typed time of day as `HH:mm` (24-hour): `8:05`, `08:05`, `8h05`, `8h`, `0805`. `24:00` is
 * not a time of day (a day ends at 23:59; schedule windows that reach midnight end at 00:00).
 */
export function parseTime(text: string): Parsed {
  const s = text.trim().toLowerCase();
  if (s === '') return { ok: true, value: '' };
  const m = /^(\d{1,2})(?::(\d{2})|h(\d{2})?|(\d{2}))$/.exec(s) ?? /^(\d{1,2})()$/.exec(s);
  if (!m) return { ok: false, problem: 'format' };
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? m[3] ?? m[4] ?? 0) || 0;
  if (hour > 23 || minute > 59) return { ok: false, problem: 'no-such-time' };
  return { ok: true, value: `${pad(hour)}:${pad(minute)}` };
}

/** A typed date and time (`dd/mm/yyyy HH:mm`, the time may also follow `lúc` or a comma) as `yyyy-mm-ddTHH:mm`. */
export function parseDateTime(text: string): Parsed {
  const s = text.trim();
  if (s === '') return { ok: true, value: '' };
  const m = /^(\S+?)(?:\s*,\s*|\s+(?:lúc\s+)?|T)(\S+)$/i.exec(s);
  if (!m) return { ok: false, problem: 'format' };
  const date = parseDate(m[1]!);
  if (!date.ok) return date;
  const time = parseTime(m[2]!);
  if (!time.ok) return time;
  if (date.value === '' || time.value === '') return { ok: false, problem: 'format' };
  return { ok: true, value: `${date.value}T${time.value}` };
}

/** `yyyy-mm-dd` → `dd/mm/yyyy`; anything else → '' (the field then shows nothing). */
export function formatDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** `HH:mm` (seconds dropped) → `HH:mm`; anything else → ''. */
export function formatTime(value: string): string {
  const m = /^(\d{2}):(\d{2})(?::\d{2})?$/.exec(value);
  return m && Number(m[1]) < 24 && Number(m[2]) < 60 ? `${m[1]}:${m[2]}` : '';
}

/** `yyyy-mm-ddTHH:mm` → `dd/mm/yyyy HH:mm`; anything else → ''. */
export function formatDateTime(value: string): string {
  const [date = '', time = ''] = value.split('T');
  const d = formatDate(date);
  const t = formatTime(time);
  return d && t ? `${d} ${t}` : '';
}

/** Reads typed text for a kind of field. */
export function parseFor(kind: DateTimeKind, text: string): Parsed {
  return kind === 'date' ? parseDate(text) : kind === 'time' ? parseTime(text) : parseDateTime(text);
}

/** Shows a value for a kind of field. */
export function formatFor(kind: DateTimeKind, value: string): string {
  return kind === 'date' ? formatDate(value) : kind === 'time' ? formatTime(value) : formatDateTime(value);
}

/** The parts of a shown value the arrow keys step, in the order they are shown. */
type Segment = 'day' | 'month' | 'year' | 'hour' | 'minute';
const SEGMENTS: Record<DateTimeKind, { segment: Segment; start: number; end: number }[]> = {
  date: [{ segment: 'day', start: 0, end: 2 }, { segment: 'month', start: 3, end: 5 }, { segment: 'year', start: 6, end: 10 }],
  time: [{ segment: 'hour', start: 0, end: 2 }, { segment: 'minute', start: 3, end: 5 }],
  'datetime-local': [
    { segment: 'day', start: 0, end: 2 }, { segment: 'month', start: 3, end: 5 }, { segment: 'year', start: 6, end: 10 },
    { segment: 'hour', start: 11, end: 13 }, { segment: 'minute', start: 14, end: 16 },
  ],
};

/** Where in the shown text (`formatFor`) the part under the caret at `caret` starts and ends. */
export function segmentAt(kind: DateTimeKind, caret: number): { segment: Segment; start: number; end: number } {
  const all = SEGMENTS[kind];
  return all.find((s) => caret <= s.end) ?? all[all.length - 1]!;
}

const wrap = (n: number, size: number) => ((n % size) + size) % size;

/**
 * The value with the part under the caret stepped by `delta`, as the native fields' arrow keys
 * do: each part wraps on its own (31 → 01, 23 → 00) and the day is kept within its month; the
 * year stays within the years a field reads. Empty or unreadable values are returned as they are.
 */
export function stepValue(kind: DateTimeKind, value: string, caret: number, delta: number): string {
  const m = /^(?:(\d{4})-(\d{2})-(\d{2}))?T?(?:(\d{2}):(\d{2}))?$/.exec(value);
  if (!value || !m || formatFor(kind, value) === '') return value;
  let [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  switch (segmentAt(kind, caret).segment) {
    case 'day': day = wrap(day - 1 + delta, daysInMonth(year, month)) + 1; break;
    case 'month': month = wrap(month - 1 + delta, 12) + 1; break;
    case 'year': year = Math.min(MAX_YEAR, Math.max(MIN_YEAR, year + delta)); break;
    case 'hour': hour = wrap(hour + delta, 24); break;
    case 'minute': minute = wrap(minute + delta, 60); break;
  }
  if (kind !== 'time') day = Math.min(day, daysInMonth(year, month));
  const date = `${year}-${pad(month)}-${pad(day)}`;
  const time = `${pad(hour)}:${pad(minute)}`;
  return kind === 'date' ? date : kind === 'time' ? time : `${date}T${time}`;
}
