import '../playlists/zod-config.ts';
import type { z } from 'zod';
import {
  EmergencyList,
  EmergencySent,
  PlayingAt,
  ScheduleEntry,
  ScheduleList,
  Timeline,
  TimelineGroups,
  type EmergencyCreate,
  type ScheduleInput,
} from '../playlists/index.ts';
import { call } from './api.ts';

/** The scheduling API, beside `api` (admin/api.ts). */
export const scheduleApi = {
  list: () => call('GET', '/api/schedules', ScheduleList),
  create: (fields: ScheduleInput) => call('POST', '/api/schedules', ScheduleEntry, fields),
  save: (id: string, fields: ScheduleInput) => call('PUT', `/api/schedules/${id}`, ScheduleEntry, fields),
  remove: (id: string) => call('DELETE', `/api/schedules/${id}`, null),
  timeline: (screenId: string, date: string, days: 1 | 7) =>
    call('GET', `/api/timeline?${new URLSearchParams({ screenId, date, days: String(days) })}`, Timeline),
  /** One timeline per group of alike screens of a ward or a location kind. */
  timelineGroups: (of: { ward: string } | { locationKind: string }, date: string, days: 1 | 7) =>
    call('GET', `/api/timeline?${new URLSearchParams({ ...of, date, days: String(days) })}`, TimelineGroups),
  playingAt: (screenId: string, at: string) => call('GET', `/api/timeline/at?${new URLSearchParams({ screenId, at })}`, PlayingAt),
  emergencies: () => call('GET', '/api/emergencies', EmergencyList),
  sendEmergency: (input: z.input<typeof EmergencyCreate>) => call('POST', '/api/emergencies', EmergencySent, input),
  cancelEmergency: (scheduleId: string) => call('DELETE', `/api/emergencies/${scheduleId}`, null),
};
