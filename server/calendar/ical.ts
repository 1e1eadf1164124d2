import { calendarMessages as t } from './messages.ts';
import ical, { ICalEventRepeatingFreq, ICalWeekday, type ICalCalendar } from 'ical-generator';
import {
  MINUTE_MS,
  TIME_ZONE,
  dayNumberAt,
  dayNumberOf,
  dayStart,
  toLocalIso,
  weekdayOf,
  windowMinutes,
  type Playlist,
  type Schedule,
} from '../../playlists/index.ts';

/**
 * Schedules as iCalendar (RFC 5545), generated with ical-generator (issue 17). Each daily window
 * of a schedule is a VEVENT in Asia/Ho_Chi_Minh (with its VTIMEZONE): DTSTART and DTEND on the
 * first date it runs whole, weekdays as an RRULE (DAILY, or WEEKLY;BYDAY), the date range's last
 * date as UNTIL. A window that crosses midnight ends on the next day, and belongs to the date
 * and weekday it starts on ([S11]). Where `startsAt` or `endsAt` cut a run short (an emergency
 * sent at 09:12), that run is an event of its own, so every occurrence is what the resolver
 * plays (playlists/prepare.ts, instancesOn).
 */

/** Hanoi has kept UTC+7 without daylight saving since 1975: one STANDARD rule says it all. */
export const HANOI_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TIME_ZONE}`,
  'X-LIC-LOCATION:Asia/Ho_Chi_Minh',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0700',
  'TZOFFSETTO:+0700',
  'TZNAME:+07',
  'DTSTART:19750613T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const WEEKDAYS = [ICalWeekday.SU, ICalWeekday.MO, ICalWeekday.TU, ICalWeekday.WE, ICalWeekday.TH, ICalWeekday.FR, ICalWeekday.SA];

/**
 * An instant as ical-generator's date-time (its Luxon-shaped input): written in Hanoi's local
 * time under TZID, or in UTC with Z (UNTIL). A plain Date would be written in the server
 * process's own time zone instead.
 */
function at(ms: number, utc = false) {
  const iso = utc ? new Date(ms).toISOString().slice(0, 19) : toLocalIso(ms).slice(0, 19);
  const stub = {
    isValid: true,
    zone: { type: utc ? 'utc' : 'fixed' },
    setZone: (zone?: string) => at(ms, zone === 'utc'),
    toFormat: (fmt: string) => (fmt === 'yyyyLLdd' ? iso.slice(0, 10).replace(/-/g, '') : iso.slice(11, 19).replace(/:/g, '')),
    toJSDate: () => new Date(ms),
    toJSON: () => (utc ? `${iso}Z` : `${iso}+07:00`),
  };
  return stub;
}

/** One occurrence of a window: the local day it starts on, and its run. */
interface Run {
  day: number;
  start: number;
  end: number;
}

export interface CalendarInput {
  name: string;
  schedules: readonly Schedule[];
  playlists: readonly Playlist[];
  /** Absolute address of the server, for each event's URL (the timeline); none by default. */
  origin?: string;
}

export function schedulesCalendar(input: CalendarInput): ICalCalendar {
  const cal = ical({ name: input.name, prodId: { company: 'bangtin', product: 'schedules', language: 'VI' } });
  // A null name: no calendar-wide zone, so UNTIL is written in UTC as RFC 5545 asks beside a TZID.
  cal.timezone({ name: null, generator: (tz) => (tz === TIME_ZONE ? HANOI_VTIMEZONE : null) });
  cal.x([['X-WR-TIMEZONE', TIME_ZONE]]);
  const names = new Map(input.playlists.map((p) => [p.id, p.name]));
  for (const schedule of input.schedules) addSchedule(cal, schedule, names.get(schedule.playlistId) ?? schedule.playlistId);
  return cal;
}

function addSchedule(cal: ICalCalendar, s: Schedule, playlist: string): void {
  const rule = s.time;
  const firstDay = dayNumberOf(rule.startDate);
  const endDay = rule.endDate === null ? Infinity : dayNumberOf(rule.endDate);
  const startsAt = rule.startsAt ? Date.parse(rule.startsAt) : -Infinity;
  const endsAt = rule.endsAt ? Date.parse(rule.endsAt) : Infinity;
  const runsOn = (day: number) => day >= firstDay && day < endDay && rule.weekdays.includes(weekdayOf(day));
  const spans = rule.windows.length ? rule.windows.map(windowMinutes) : [[0, 1440] as [number, number]];
  const common = {
    summary: `${s.name} · ${playlist} (${t.tiers[s.tier]})`,
    categories: [{ name: t.tiers[s.tier] }, { name: playlist }],
    description: `${s.event ? `${s.event}\n` : ''}${t.tier}: ${t.tiers[s.tier]}\n${t.playlist}: ${playlist}\n${t.schedule}: ${s.id}`,
    timezone: TIME_ZONE,
  };
  spans.forEach(([a, b], w) => {
    const raw = (day: number): Run => ({ day, start: dayStart(day) + a * MINUTE_MS, end: dayStart(day) + b * MINUTE_MS });
    const whole = (r: Run) => r.start >= startsAt && r.end <= endsAt;
    // The first and last dates it runs whole: a run lasts at most a day, so a week's search finds them.
    const from = Math.max(firstDay, Number.isFinite(startsAt) ? dayNumberAt(startsAt) - 1 : firstDay);
    let first: Run | null = null;
    for (let d = from; d < from + 9 && d < endDay; d++) {
      if (runsOn(d) && whole(raw(d))) {
        first = raw(d);
        break;
      }
    }
    const upTo = Math.min(endDay - 1, Number.isFinite(endsAt) ? dayNumberAt(endsAt) : Infinity);
    let last: Run | null = null;
    if (Number.isFinite(upTo)) {
      for (let d = upTo; d > upTo - 9 && d >= firstDay; d--) {
        if (runsOn(d) && whole(raw(d))) {
          last = raw(d);
          break;
        }
      }
    }
    if (first && (last === null ? !Number.isFinite(upTo) : last.day >= first.day)) {
      const daily = rule.weekdays.length === 7;
      cal.createEvent({
        ...common,
        id: `${s.id}-${w}@bangtin`,
        start: at(first.start),
        end: at(first.end),
        repeating: {
          freq: daily ? ICalEventRepeatingFreq.DAILY : ICalEventRepeatingFreq.WEEKLY,
          ...(daily ? {} : { byDay: [...rule.weekdays].sort().map((d) => WEEKDAYS[d]!) }),
          ...(last ? { until: at(last.start) } : {}),
        },
      });
    }
    // Runs cut short by startsAt or endsAt: each an event of its own.
    const edges = [startsAt, endsAt].filter(Number.isFinite).flatMap((t) => [dayNumberAt(t) - 1, dayNumberAt(t)]);
    for (const day of [...new Set(edges)].sort((x, y) => x - y)) {
      if (!runsOn(day)) continue;
      const r = raw(day);
      const start = Math.max(r.start, startsAt);
      const end = Math.min(r.end, endsAt);
      if (whole(r) || start >= end) continue;
      cal.createEvent({ ...common, id: `${s.id}-${w}-${toLocalIso(dayStart(day)).slice(0, 10)}@bangtin`, start: at(start), end: at(end) });
    }
  });
}

