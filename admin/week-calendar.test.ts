import { describe, expect, it } from 'vitest';
import type { Schedule } from '../playlists/index.ts';
import { dayNumberOf } from '../playlists/schedule.ts';
import { movedTime, newDayTime, weekBlocks } from './week-calendar.ts';

const MONDAY = dayNumberOf('2026-12-07');
const schedule = (time: Partial<Schedule['time']>): Schedule => ({
  id: 'c_1', name: 'Tết', playlistId: 'p_1', tier: 'normal', zone: 'main', target: { all: true, wards: [], locationKinds: [], tags: [], screenIds: [] }, ownerWard: null,
  time: { startDate: '2026-12-01', endDate: null, weekdays: [0, 1, 2, 3, 4, 5, 6], windows: [], ...time },
} as Schedule);

describe('the week calendar', () => {
  it('places windows on their weekdays within the dates, and a window past midnight on the next day', () => {
    const s = schedule({ startDate: '2026-12-08', endDate: '2026-12-11', weekdays: [2, 3], windows: [{ start: '22:00', end: '02:00' }] });
    expect(weekBlocks(s, MONDAY)).toEqual([
      { scheduleId: 'c_1', column: 1, start: 1320, end: 1440 },
      { scheduleId: 'c_1', column: 2, start: 0, end: 120 },
      { scheduleId: 'c_1', column: 2, start: 1320, end: 1440 },
      { scheduleId: 'c_1', column: 3, start: 0, end: 120 },
    ]);
  });

  it('clips an all-day rule to its exact startsAt and endsAt', () => {
    const s = schedule({ startsAt: '2026-12-09T10:30:00+07:00', endsAt: '2026-12-10T08:00:00+07:00' });
    expect(weekBlocks(s, MONDAY)).toEqual([
      { scheduleId: 'c_1', column: 2, start: 630, end: 1440 },
      { scheduleId: 'c_1', column: 3, start: 0, end: 480 },
    ]);
  });

  it('moves a rule by days and minutes, and refuses to move a window out of its day', () => {
    const time = schedule({ startDate: '2026-12-07', endDate: '2026-12-08', weekdays: [1, 6], windows: [{ start: '07:00', end: '09:00' }], startsAt: '2026-12-07T07:30:00+07:00' }).time;
    expect(movedTime(time, 1, 60)).toEqual({
      startDate: '2026-12-08', endDate: '2026-12-09', weekdays: [0, 2], windows: [{ start: '08:00', end: '10:00' }], startsAt: '2026-12-08T08:30:00+07:00',
    });
    expect(movedTime(time, 0, -8 * 60)).toBeNull();
    expect(movedTime(schedule({}).time, 0, 30)).toBeNull();
    expect(newDayTime('2026-12-09', 480, 600)).toEqual({ startDate: '2026-12-09', endDate: '2026-12-10', windows: [{ start: '08:00', end: '10:00' }] });
  });
});
