// Fixtures for the schedule and timeline route tests (not used by the server).
import type { ScheduleInput } from '../../playlists/index.ts';
import { hashToken } from '../ids.ts';
import { createTestApp, signIn, type TestApp } from './helpers.ts';

export const HK = '00070';
export const BD = '00004';
export const OTHER_TOKEN = 'ba-dinh-screen-token-0123456789';

/** A test app with wards Hoàn Kiếm and Ba Đình, the demo screen in Hoàn Kiếm and a station in Ba Đình. */
export async function scheduleTestApp(): Promise<TestApp & { demoId: string; cookie: string }> {
  const t = await createTestApp();
  const now = t.clock.now();
  t.services.wards.insert({ code: HK, name: 'Phường Hoàn Kiếm', kind: 'phuong' }, now);
  t.services.wards.insert({ code: BD, name: 'Phường Ba Đình', kind: 'phuong' }, now);
  const demoId = t.services.screens.list()[0]!.id;
  t.services.screens.setWardCode(demoId, HK);
  t.services.screens.insert({ id: 's_station', name: 'Ga Hà Nội', ward: 'Phường Ba Đình', locationKind: 'station', tags: [], wardCode: BD }, hashToken(OTHER_TOKEN), now);
  return { ...t, demoId, cookie: await signIn(t) };
}

export const scheduleBody = (playlistId: string, over: Partial<ScheduleInput> = {}): ScheduleInput => ({
  name: 'Chiến dịch tháng 11',
  playlistId,
  target: { all: true },
  time: { startDate: '2026-11-01' },
  ...over,
});
