import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, dayNumberAt, type Schedule, type ScheduleInput, ScheduleFields } from '../../playlists/index.ts';
import { instancesOn, prepare } from '../../playlists/prepare.ts';
import { lines, occurrences } from '../testing/ical-read.ts';
import { schedulesCalendar } from './ical.ts';

const FROM = Date.parse('2026-01-01T00:00:00+07:00');
const UNTIL = FROM + 366 * DAY_MS;

const schedule = (id: string, time: ScheduleInput['time'], over: Partial<ScheduleInput> = {}): Schedule => ({
  id,
  ...ScheduleFields.parse({ name: `Lịch ${id}`, playlistId: 'p_1', target: { all: true }, time, ...over }),
});

/** What the resolver says: every run of each schedule starting within the year, by schedule. */
function resolverRuns(schedules: Schedule[]): { id: string; start: number; end: number }[] {
  const p = prepare({ items: [], playlists: [], fallback: { playlistId: null }, schedules });
  const out = [];
  for (let day = dayNumberAt(FROM) - 1; day <= dayNumberAt(UNTIL); day++) {
    for (const run of instancesOn(p, day)) {
      if (run.start >= FROM && run.start < UNTIL) out.push({ id: run.schedule.schedule.id, start: run.start, end: run.end });
    }
  }
  return out.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
}

function calendarRuns(schedules: Schedule[]) {
  const text = schedulesCalendar({ name: 'Phường Ba Đình', schedules, playlists: [{ id: 'p_1', name: 'Học nghề', itemIds: [] }] }).toString();
  return occurrences(text, FROM, UNTIL).map((o) => ({ id: o.uid.split('-')[0]!.replace(/@.*/, ''), start: o.start, end: o.end }));
}

const cases: Record<string, Schedule> = {
  'every day, all day, open-ended': schedule('sch_a', { startDate: '2025-12-20' }),
  'weekdays with a window, until an exclusive end date': schedule('sch_b', { startDate: '2026-03-02', endDate: '2026-06-01', weekdays: [1, 2, 3, 4, 5], windows: [{ start: '07:00', end: '08:30' }] }),
  '[S11] a Friday window crossing midnight, the end date a Saturday': schedule('sch_c', { startDate: '2026-10-02', endDate: '2026-10-31', weekdays: [5], windows: [{ start: '22:00', end: '02:00' }] }),
  'two windows, one crossing midnight, on weekends': schedule('sch_d', { startDate: '2026-01-01', weekdays: [0, 6], windows: [{ start: '06:00', end: '09:00' }, { start: '23:30', end: '00:30' }] }),
  'an emergency sent at 09:12 that ends the next day': schedule('sch_e', { startDate: '2026-11-26', startsAt: '2026-11-26T09:12:00+07:00', endsAt: '2026-11-27T15:45:00+07:00' }, { tier: 'emergency' }),
  'an open-ended emergency': schedule('sch_f', { startDate: '2026-12-30', startsAt: '2026-12-30T21:05:00+07:00' }, { tier: 'emergency' }),
  'clipped inside one window, on both sides': schedule('sch_g', { startDate: '2026-05-01', windows: [{ start: '20:00', end: '04:00' }], startsAt: '2026-05-03T23:00:00+07:00', endsAt: '2026-05-09T01:00:00+07:00' }, { tier: 'priority' }),
  'starting before the year and ending within it': schedule('sch_h', { startDate: '2025-06-01', endDate: '2026-02-15', weekdays: [2, 4], windows: [{ start: '12:00', end: '13:00' }] }),
};

describe('schedules as iCalendar, read back by ical.js', () => {
  it.each(Object.entries(cases))('%s: every occurrence over a year is a run the resolver plays', (_, s) => {
    const runs = resolverRuns([s]);
    expect(runs.length).toBeGreaterThan(0);
    expect(calendarRuns([s])).toEqual(runs);
  });

  it('writes each event in Asia/Ho_Chi_Minh with its VTIMEZONE, UNTIL in UTC, tier and playlist in summary and categories', () => {
    const text = schedulesCalendar({ name: 'x', schedules: [cases['weekdays with a window, until an exclusive end date']!], playlists: [{ id: 'p_1', name: 'Học nghề', itemIds: [] }] }).toString();
    const all = lines(text);
    expect(all).toContain('BEGIN:VTIMEZONE');
    expect(all).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20260302T070000');
    expect(all).toContain('DTEND;TZID=Asia/Ho_Chi_Minh:20260302T083000');
    expect(all).toContain('RRULE:FREQ=WEEKLY;UNTIL=20260529T000000Z;BYDAY=MO,TU,WE,TH,FR');
    const [first] = occurrences(text, FROM, UNTIL);
    expect(first).toMatchObject({ summary: 'Lịch sch_b · Học nghề (Thông thường)', categories: ['Thông thường', 'Học nghề'] });
  });

  it('agrees with the resolver for any time rule (property)', () => {
    const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const date = fc.integer({ min: 0, max: 420 }).map((d) => new Date(FROM - 30 * DAY_MS + d * DAY_MS + 7 * 3_600_000).toISOString().slice(0, 10));
    const instant = fc.integer({ min: -10 * 24 * 4, max: 380 * 24 * 4 }).map((q) => new Date(FROM + q * 15 * 60_000).toISOString().replace('Z', '+00:00').replace('.000', ''));
    const rule = fc.record({
      startDate: date,
      length: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
      weekdays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
      window: fc.option(fc.tuple(hhmm, hhmm).filter(([a, b]) => a !== b), { nil: undefined }),
      startsAt: fc.option(instant, { nil: undefined }),
      endsAt: fc.option(instant, { nil: undefined }),
    });
    fc.assert(
      fc.property(rule, (r) => {
        if (r.startsAt && r.endsAt && Date.parse(r.startsAt) >= Date.parse(r.endsAt)) return;
        const endDate = r.length === undefined ? null : new Date(Date.parse(r.startDate) + r.length * DAY_MS).toISOString().slice(0, 10);
        const s = schedule('sch_p', {
          startDate: r.startDate, endDate, weekdays: r.weekdays,
          windows: r.window ? [{ start: r.window[0], end: r.window[1] }] : [],
          ...(r.startsAt ? { startsAt: r.startsAt } : {}), ...(r.endsAt ? { endsAt: r.endsAt } : {}),
        });
        expect(calendarRuns([s])).toEqual(resolverRuns([s]));
      }),
      { numRuns: 60, seed: 17 },
    );
  });
});
