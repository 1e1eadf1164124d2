/** Fixtures for report tests: two wards, three screens, and plays with known totals. */
import type { PlayEvent } from '../../playlists/index.ts';
import { toLocalIsoMs } from '../../playlists/index.ts';
import { addUser, addWard, sessionFor } from './accounts.ts';
import { api, type TestApp } from './helpers.ts';

export const WARD_A = 'P01';
export const WARD_B = 'P02';
export const SCREENS = [
  { id: 's_a1', ward: WARD_A, locationKind: 'park' },
  { id: 's_a2', ward: WARD_A, locationKind: 'station' },
  { id: 's_b1', ward: WARD_B, locationKind: 'park' },
] as const;

export function addReportScreens(t: TestApp): void {
  addWard(t, WARD_A, 'Phường Ba Đình');
  addWard(t, WARD_B, 'Phường Hoàn Kiếm');
  for (const s of SCREENS) {
    t.services.screens.insert({ id: s.id, name: `Màn hình ${s.id}`, ward: null, wardCode: s.ward, locationKind: s.locationKind, tags: [] }, `hash-${s.id}`, t.clock.now());
  }
}

let n = 0;
export function play(startedAt: string, theme: number, durationMs: number, extra: Partial<PlayEvent> = {}): PlayEvent {
  n += 1;
  return {
    id: `fixture-play-${String(n).padStart(6, '0')}`, itemId: `c_theme${theme}`, itemRevision: 1, playlistId: 'p_city', scheduleId: 'sch_city',
    tier: 'normal', theme, startedAt: toLocalIsoMs(Date.parse(startedAt)), durationMs, completed: true, ...extra,
  };
}

/**
 * Known plays: ward A has 3 × 10 s of theme 1 (s_a1) and 1 × 30 s of theme 7 not completed
 * (s_a2); ward B has 2 × 20 s of theme 3 (s_b1). Some fall on 31/10 (a day row), some in
 * November (a month row).
 */
export function storeFixturePlays(t: TestApp): void {
  t.services.plays.insertBatches([
    { screenId: 's_a1', events: [play('2026-10-31T23:59:59+07:00', 1, 10_000), play('2026-11-02T08:00:00+07:00', 1, 10_000), play('2026-11-20T08:00:00+07:00', 1, 10_000)], receivedAt: t.clock.now() },
    { screenId: 's_a2', events: [play('2026-11-03T09:00:00+07:00', 7, 30_000, { completed: false, itemId: 'c_story' })], receivedAt: t.clock.now() },
    { screenId: 's_b1', events: [play('2026-10-20T10:00:00+07:00', 3, 20_000), play('2026-11-10T10:00:00+07:00', 3, 20_000)], receivedAt: t.clock.now() },
    // Outside the period asked for: counted nowhere.
    { screenId: 's_b1', events: [play('2026-10-14T23:00:00+07:00', 3, 20_000)], receivedAt: t.clock.now() },
  ]);
}

/** A ward operator of ward A, and an admin: session cookies. */
export async function reportUsers(t: TestApp, suffix = ''): Promise<{ wardA: string; admin: string; viewer: string }> {
  const wardA = sessionFor(t, await addUser(t, `phuong-a${suffix}`, 'ward_operator', WARD_A));
  const admin = sessionFor(t, await addUser(t, `quan-tri${suffix}`, 'admin'));
  const viewer = sessionFor(t, await addUser(t, `xem${suffix}`, 'viewer'));
  return { wardA, admin, viewer };
}

export async function getJson<T = Record<string, unknown>>(t: TestApp, path: string, cookie: string): Promise<{ status: number; body: T }> {
  const res = await api(t, 'GET', path, { cookie });
  return { status: res.status, body: (await res.json()) as T };
}
