import { beforeAll, describe, expect, it } from 'vitest';
import type { Timeline, TimelineGroups } from '../../playlists/index.ts';
import { hashToken } from '../ids.ts';
import { addUser, sessionFor } from '../testing/accounts.ts';
import { api, dumpDb, errorOf, slogan } from '../testing/helpers.ts';
import { BD, HK, scheduleBody, scheduleTestApp } from '../testing/schedule-fixtures.ts';

/**
 * The timeline of a ward or a location kind: its screens grouped by audience (same manifest,
 * same timeline), one timeline per group.
 */
describe('GET /api/timeline?ward= | ?locationKind=', () => {
  let t: Awaited<ReturnType<typeof scheduleTestApp>>;
  let opHK: string;
  let opBD: string;
  let scheduleId: string;
  beforeAll(async () => {
    t = await scheduleTestApp();
    const now = t.clock.now();
    // Hoàn Kiếm: the demo screen (a park), a second park, and a park tagged 'lake' with its own fallback.
    t.services.screens.insert({ id: 's_park2', name: 'Công viên Thống Nhất', ward: null, locationKind: 'park', tags: [], wardCode: HK }, hashToken('park-2-token-0123456789'), now);
    t.services.screens.insert({ id: 's_lake', name: 'Hồ Gươm', ward: null, locationKind: 'park', tags: ['lake'], wardCode: HK }, hashToken('lake-token-0123456789'), now);
    t.services.content.insert('c_lake', slogan('Hồ Gươm: học nghề gần nhà'), now, HK);
    t.services.playlists.insert('p_lake', { name: 'Dự phòng Hồ Gươm', itemIds: ['c_lake'] }, now, HK);
    t.services.content.insert('c_eve', slogan('Tối thứ Bảy: tư vấn học nghề'), now, HK);
    t.services.playlists.insert('p_eve', { name: 'Tối thứ Bảy', itemIds: ['c_eve'] }, now, HK);
    const res = await api(t, 'POST', '/api/schedules', {
      cookie: t.cookie,
      body: scheduleBody('p_eve', { name: 'Hồ tối thứ Bảy', tier: 'priority', target: { tags: ['lake'] }, time: { startDate: '2026-11-01', weekdays: [6], windows: [{ start: '18:00', end: '20:00' }] } }),
    });
    scheduleId = ((await res.json()) as { schedule: { id: string } }).schedule.id;
    expect((await api(t, 'POST', '/api/publish', { cookie: t.cookie })).status).toBe(201);
    t.services.screens.setFallback('s_park2', 'p_lake');
    opHK = sessionFor(t, await addUser(t, 'op.hk', 'ward_operator', HK));
    opBD = sessionFor(t, await addUser(t, 'op.bd', 'ward_operator', BD));
  });
  const get = async <T>(query: string, cookie = t.cookie) => {
    const res = await api(t, 'GET', `/api/timeline?${query}`, { cookie });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  it('groups a ward\'s screens by what they play: schedules and fallback split them, alike screens share one timeline', async () => {
    const week = await get<TimelineGroups>(`ward=${HK}&date=2026-11-28&days=1`);
    expect(week).toMatchObject({ ward: HK, locationKind: null, date: '2026-11-28', days: 1 });
    const ids = week.groups.map((g) => g.screens.map((s) => s.id).sort());
    expect(ids.sort()).toEqual([[t.demoId], ['s_lake'], ['s_park2']].sort());
    const lake = week.groups.find((g) => g.screens[0]!.id === 's_lake')!;
    expect(lake.hours[18]!.first.reason).toMatchObject({ tier: 'priority', scheduleId });
    expect(lake.hours[3]!.first.reason).toMatchObject({ tier: 'fallback', rule: 'fallback_rotation', fallback: 'city_default' });
    const park2 = week.groups.find((g) => g.screens[0]!.id === 's_park2')!;
    expect(park2.fallback).toEqual({ source: 'screen', playlistId: 'p_lake', screenPlaylistId: 'p_lake' });
    expect(park2.hours[18]!.first.reason).toMatchObject({ tier: 'fallback', fallback: 'screen' });
    expect(park2.hours[18]!.plays[0]).toMatchObject({ playlistId: 'p_lake' });
    expect(park2.items).toContainEqual({ id: 'c_lake', label: 'Hồ Gươm: học nghề gần nhà' });
  });

  it('puts screens that play alike in one group, and answers a screen\'s own timeline like its group\'s', async () => {
    t.services.screens.insert({ id: 's_park3', name: 'Vườn hoa Lý Thái Tổ', ward: null, locationKind: 'park', tags: [], wardCode: HK }, hashToken('park-3-token-0123456789'), t.clock.now());
    const kind = await get<TimelineGroups>('locationKind=park&date=2026-11-28');
    const shared = kind.groups.find((g) => g.screens.some((s) => s.id === 's_park3'))!;
    expect(shared.screens.map((s) => s.id).sort()).toEqual([t.demoId, 's_park3'].sort());
    const one = await get<Timeline>('screenId=s_park3&date=2026-11-28');
    expect(one.hours).toEqual(shared.hours);
    expect(one.fallback).toEqual(shared.fallback);
    expect(kind.groups.flatMap((g) => g.screens).every((s) => s.locationKind === 'park')).toBe(true);
  });

  it('gives a ward operator its own ward only: another ward answers like a missing one', async () => {
    const own = await get<TimelineGroups>(`ward=${HK}&date=2026-11-28`, opHK);
    expect(own.groups.length).toBeGreaterThan(0);
    const foreign = await api(t, 'GET', `/api/timeline?ward=${HK}&date=2026-11-28`, { cookie: opBD });
    const missing = await api(t, 'GET', '/api/timeline?ward=99999&date=2026-11-28', { cookie: opBD });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual(await missing.json());
    // A location kind: only the operator's ward's screens.
    const parks = await get<TimelineGroups>('locationKind=park&date=2026-11-28', opBD);
    expect(parks.groups).toEqual([]);
    const stations = await get<TimelineGroups>('locationKind=station&date=2026-11-28', opBD);
    expect(stations.groups.flatMap((g) => g.screens.map((s) => s.id))).toEqual(['s_station']);
  });

  it.each([
    ['both a screen and a ward', `screenId=s_station&ward=${HK}&date=2026-11-28`, 400, 'invalid_request'],
    ['a ward and a location kind', `ward=${HK}&locationKind=park&date=2026-11-28`, 400, 'invalid_request'],
    ['an unknown location kind', 'locationKind=beach&date=2026-11-28', 400, 'invalid_request'],
    ['a malformed ward code', 'ward=%2E%2E%2Fx&date=2026-11-28', 400, 'invalid_request'],
    ['an unknown ward', 'ward=99999&date=2026-11-28', 404, 'ward_not_found'],
  ])('answers %s with an error and changes nothing', async (_name, query, status, code) => {
    const before = dumpDb(t.db);
    const res = await api(t, 'GET', `/api/timeline?${query}`, { cookie: t.cookie });
    expect(res.status).toBe(status);
    expect((await errorOf(res)).code).toBe(code);
    expect(dumpDb(t.db)).toEqual(before);
  });
});
