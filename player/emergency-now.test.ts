import { describe, expect, it } from 'vitest';
import type { ManifestBody, PublishedItem, Schedule } from '../playlists/index.ts';
import { ScheduleFields } from '../playlists/index.ts';
import { emergencyNow } from './emergency-now.ts';

const AT = Date.parse('2026-11-26T09:00:00+07:00');
const item = (id: string, text: string): PublishedItem => ({ kind: 'slogan', id, revision: 1, theme: 1, durationMs: 8_000, text });
const emergency = (startsAt: string, endsAt?: string): Schedule => ({
  id: 'sch_khan',
  ...ScheduleFields.parse({ name: 'Khẩn', playlistId: 'p_khan', tier: 'emergency', target: { all: true }, time: { startDate: '2026-11-26', startsAt, ...(endsAt ? { endsAt } : {}) } }),
});
const manifest = (schedules: Schedule[]): ManifestBody => ({
  format: 1,
  revision: 2,
  horizon: { from: '2026-11-26T00:00:00+07:00', until: '2026-12-04T00:00:00+07:00' },
  items: [item('c_city', 'Học nghề — lập nghiệp'), item('c_khan', 'Mưa lớn: tránh ra đường')],
  playlists: [{ id: 'p_city', name: 'Thành phố', itemIds: ['c_city'] }, { id: 'p_khan', name: 'Khẩn', itemIds: ['c_khan'] }],
  schedules,
  fallback: { playlistId: 'p_city' },
  media: [],
});

describe('emergencyNow', () => {
  it('[S1] is true while an emergency plays, so the manifest goes on air before its media are cached', () => {
    expect(emergencyNow(manifest([emergency('2026-11-26T08:59:00+07:00')]), AT)).toBe(true);
  });

  it('is false without one, before it starts and after it ends: such manifests wait for their media', () => {
    expect(emergencyNow(manifest([]), AT)).toBe(false);
    expect(emergencyNow(manifest([emergency('2026-11-26T10:00:00+07:00')]), AT)).toBe(false);
    expect(emergencyNow(manifest([emergency('2026-11-26T08:00:00+07:00', '2026-11-26T08:30:00+07:00')]), AT)).toBe(false);
  });
});
