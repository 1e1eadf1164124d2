import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ScheduleEntry } from '../../playlists/index.ts';
import { hashPassword } from '../auth/password.ts';
import { api, connectPlayer, dumpDb, errorOf, lastManifest, signIn, slogan } from '../testing/helpers.ts';
import { BD, HK, OTHER_TOKEN, scheduleBody, scheduleTestApp } from '../testing/schedule-fixtures.ts';

describe('schedules through the API', () => {
  let t: Awaited<ReturnType<typeof scheduleTestApp>>;
  let playlistId: string;
  beforeEach(async () => {
    t = await scheduleTestApp();
    playlistId = t.services.settings.get('default_playlist_id')!;
  });
  const send = (method: string, path: string, body?: unknown, cookie = t.cookie) => api(t, method, path, { cookie, body });

  it('creates a draft schedule that screens get only when it is published', async () => {
    const res = await send('POST', '/api/schedules', scheduleBody(playlistId, { tier: 'priority', target: { locationKinds: ['park'] } }));
    expect(res.status).toBe(201);
    const created = (await res.json()) as ScheduleEntry;
    expect(created).toMatchObject({ state: 'new', schedule: { tier: 'priority', zone: 'main', ownerWard: null, time: { endDate: null } } });
    const list = (await (await send('GET', '/api/schedules')).json()) as { schedules: ScheduleEntry[]; wardShare: unknown };
    expect(list.schedules.map((e) => e.schedule.id)).toEqual([created.schedule.id]);
    expect(list.wardShare).toEqual({ everyCityItems: 3, maxPercent: 30, wards: {} });

    const park = connectPlayer(t);
    expect(lastManifest(park).schedules).toEqual([]);
    const published = await send('POST', '/api/publish');
    expect(((await published.json()) as { summary: { schedules: unknown } }).summary.schedules).toEqual({ added: [created.schedule.id], changed: [], removed: [] });
    expect(lastManifest(park).schedules.map((s) => s.id)).toEqual([created.schedule.id]);
    expect((await (await send('GET', `/api/schedules/${created.schedule.id}`)).json()) as ScheduleEntry).toMatchObject({ state: 'published' });
  });

  it('moves connected screens between audiences when a schedule change is published', async () => {
    const park = connectPlayer(t);
    const station = connectPlayer(t, { token: OTHER_TOKEN });
    const together = lastManifest(park).version;
    expect(lastManifest(station).version).toBe(together);

    const res = await send('POST', '/api/schedules', scheduleBody(playlistId, { target: { wards: [BD] } }));
    const { schedule } = (await res.json()) as ScheduleEntry;
    const parkFrames = park.socket.frames.length;
    await send('POST', '/api/publish');
    expect(park.socket.frames.length).toBe(parkFrames + 1);
    expect(lastManifest(station).schedules.map((s) => s.id)).toEqual([schedule.id]);
    expect(lastManifest(park).schedules).toEqual([]);
    expect(t.hub.expectedVersion(t.services.screens.get('s_station')!)).toBe(lastManifest(station).version);

    await send('DELETE', `/api/schedules/${schedule.id}`);
    await send('POST', '/api/publish');
    expect(lastManifest(station).version).toBe(lastManifest(park).version);
    expect(lastManifest(station).schedules).toEqual([]);
  });

  it('updates and deletes a draft schedule', async () => {
    const { schedule } = (await (await send('POST', '/api/schedules', scheduleBody(playlistId))).json()) as ScheduleEntry;
    const put = await send('PUT', `/api/schedules/${schedule.id}`, scheduleBody(playlistId, { name: 'Đổi tên', time: { startDate: '2026-12-01', weekdays: [6, 0] } }));
    expect(put.status).toBe(200);
    expect((await put.json()) as ScheduleEntry).toMatchObject({ schedule: { name: 'Đổi tên', time: { weekdays: [6, 0] } } });
    expect((await send('DELETE', `/api/schedules/${schedule.id}`)).status).toBe(204);
    expect((await send('GET', `/api/schedules/${schedule.id}`)).status).toBe(404);
  });

  it('restores the schedules of an earlier revision with its playlists', async () => {
    const { schedule } = (await (await send('POST', '/api/schedules', scheduleBody(playlistId))).json()) as ScheduleEntry;
    await send('POST', '/api/publish');
    await send('DELETE', `/api/schedules/${schedule.id}`);
    await send('POST', '/api/publish');
    expect((await send('POST', '/api/revisions/2/restore')).status).toBe(201);
    expect(t.services.schedules.list().map((s) => s.schedule)).toEqual([schedule]);
  });

  it('lets a ward operator schedule only their own ward\'s local messages', async () => {
    t.services.users.insert('phuong.hk', await hashPassword('mat-khau-phuong'), 'ward_operator', false, t.clock.now(), HK);
    const ward = await signIn(t, 'phuong.hk', 'mat-khau-phuong');
    // A ward operator plays its ward's own playlists (server/routes/schedules.ts).
    const item = (await (await send('POST', '/api/content', slogan('Tin của phường'), ward)).json()) as { item: { id: string } };
    const local = (await (await send('POST', '/api/playlists', { name: 'Tin phường', itemIds: [item.item.id] }, ward)).json()) as { playlist: { id: string } };
    const own = scheduleBody(local.playlist.id, { ownerWard: HK, target: { wards: [HK] } });
    const res = await send('POST', '/api/schedules', own, ward);
    expect(res.status).toBe(201);
    const { schedule } = (await res.json()) as ScheduleEntry;

    for (const body of [scheduleBody(local.playlist.id), scheduleBody(local.playlist.id, { ownerWard: BD, target: { wards: [BD] } })]) {
      const refused = await send('POST', '/api/schedules', body, ward);
      expect(refused.status).toBe(403);
      expect((await errorOf(refused)).code).toBe('forbidden');
    }
    const city = (await (await send('POST', '/api/schedules', scheduleBody(playlistId))).json()) as ScheduleEntry;
    const afterCity = dumpDb(t.db);
    // A city schedule is not the ward's: to its operator it does not exist.
    expect((await send('PUT', `/api/schedules/${city.schedule.id}`, own, ward)).status).toBe(404);
    expect((await send('DELETE', `/api/schedules/${city.schedule.id}`, undefined, ward)).status).toBe(404);
    expect(dumpDb(t.db)).toEqual(afterCity);
    expect((await send('DELETE', `/api/schedules/${schedule.id}`, undefined, ward)).status).toBe(204);
  });

  it('refuses schedules to editors and viewers', async () => {
    t.services.users.insert('bientap', await hashPassword('mat-khau-bien-tap'), 'editor', false, t.clock.now());
    const editor = await signIn(t, 'bientap', 'mat-khau-bien-tap');
    expect((await send('POST', '/api/schedules', scheduleBody(playlistId), editor)).status).toBe(403);
    expect((await send('GET', '/api/schedules', undefined, editor)).status).toBe(200);
  });

  it('applies a new ward share at once to screens with ward schedules', async () => {
    await send('POST', '/api/schedules', scheduleBody(playlistId, { ownerWard: HK, target: { all: true } }));
    await send('POST', '/api/publish');
    const park = connectPlayer(t);
    const station = connectPlayer(t, { token: OTHER_TOKEN });
    expect(lastManifest(park).wardShare).toEqual({ everyCityItems: 3, maxPercent: 30 });
    expect(lastManifest(station).wardShare).toBeUndefined();
    const stationFrames = station.socket.frames.length;

    const res = await send('PUT', '/api/ward-share', { everyCityItems: 2, maxPercent: 30, wards: { [HK]: 15 } });
    expect(res.status).toBe(200);
    expect(lastManifest(park).wardShare).toEqual({ everyCityItems: 2, maxPercent: 15 });
    expect(station.socket.frames.length).toBe(stationFrames);
  });
});

describe('schedules: bad input changes nothing', () => {
  let t: Awaited<ReturnType<typeof scheduleTestApp>>;
  let playlistId: string;
  let scheduleId: string;
  let before: ReturnType<typeof dumpDb>;
  beforeAll(async () => {
    t = await scheduleTestApp();
    playlistId = t.services.settings.get('default_playlist_id')!;
    const res = await api(t, 'POST', '/api/schedules', { cookie: t.cookie, body: scheduleBody(playlistId) });
    scheduleId = ((await res.json()) as ScheduleEntry).schedule.id;
  });
  beforeEach(() => {
    before = dumpDb(t.db);
  });

  async function refused(method: string, path: string, body: unknown, status: number, code: string) {
    const res = await api(t, method, path, { cookie: t.cookie, body });
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    expect(dumpDb(t.db)).toEqual(before);
    return error;
  }

  it.each([
    ['an end date before the start date', { time: { startDate: '2026-11-10', endDate: '2026-11-01' } }, 'time.endDate'],
    ['overlapping windows', { time: { startDate: '2026-11-01', windows: [{ start: '22:00', end: '02:00' }, { start: '01:00', end: '03:00' }] } }, 'time.windows.1'],
    ['a window time that is not HH:MM', { time: { startDate: '2026-11-01', windows: [{ start: '7:00', end: '08:00' }] } }, 'time.windows.0.start'],
    ['a date that does not exist', { time: { startDate: '2026-02-30' } }, 'time.startDate'],
    ['a weekday out of range', { time: { startDate: '2026-11-01', weekdays: [7] } }, 'time.weekdays.0'],
    ['an unknown tier', { tier: 'urgent' }, 'tier'],
    ['a ward schedule at priority tier', { tier: 'priority', ownerWard: HK }, 'tier'],
    ['an emergency in the ticker', { tier: 'emergency', zone: 'ticker' }, 'zone'],
    ['a target that names no screens', { target: {} }, 'target.all'],
    ['an unknown field', { repeat: 'daily' }, ''],
  ])('answers 400 invalid_request to %s', async (_name, over, path) => {
    const error = await refused('POST', '/api/schedules', { ...scheduleBody(playlistId), ...over }, 400, 'invalid_request');
    expect(error.issues?.map((i) => i.path)).toContain(path);
    await refused('PUT', `/api/schedules/${scheduleId}`, { ...scheduleBody(playlistId), ...over }, 400, 'invalid_request');
  });

  it('answers 422 to references that do not exist or leave the ward', async () => {
    await refused('POST', '/api/schedules', scheduleBody('p_missing'), 422, 'unknown_playlist');
    const ward = await refused('POST', '/api/schedules', scheduleBody(playlistId, { target: { wards: [HK, '99999'] } }), 422, 'unknown_ward');
    expect(ward.issues).toEqual([{ path: 'target.wards.1', message: expect.stringContaining('99999') }]);
    await refused('POST', '/api/schedules', scheduleBody(playlistId, { target: { screenIds: ['s_nope'] } }), 422, 'unknown_screen');
    const outside = scheduleBody(playlistId, { ownerWard: HK, target: { screenIds: ['s_station'] } });
    await refused('POST', '/api/schedules', outside, 422, 'screen_outside_ward');
    await refused('PUT', `/api/schedules/${scheduleId}`, outside, 422, 'screen_outside_ward');
  });

  it('answers 404 to an unknown schedule and 400 to broken JSON', async () => {
    await refused('PUT', '/api/schedules/sch_nope', scheduleBody(playlistId), 404, 'schedule_not_found');
    await refused('DELETE', '/api/schedules/sch_nope', undefined, 404, 'schedule_not_found');
    await refused('POST', '/api/schedules', '{"name": ', 400, 'malformed_json');
  });

  it('refuses a ward share out of range', async () => {
    await refused('PUT', '/api/ward-share', { everyCityItems: 0, maxPercent: 30 }, 400, 'invalid_request');
    await refused('PUT', '/api/ward-share', { everyCityItems: 3, maxPercent: 101 }, 400, 'invalid_request');
  });
});

describe('campaign playlists', () => {
  it('creates a draft playlist to schedule, and refuses one naming unknown items without a change', async () => {
    const t = await scheduleTestApp();
    const itemId = t.services.content.list()[0]!.item.id;
    const res = await api(t, 'POST', '/api/playlists', { cookie: t.cookie, body: { name: 'Ngày hội tuyển sinh', itemIds: [itemId] } });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ state: 'new', playlist: { name: 'Ngày hội tuyển sinh', itemIds: [itemId] } });
    const before = dumpDb(t.db);
    const bad = await api(t, 'POST', '/api/playlists', { cookie: t.cookie, body: { name: 'X', itemIds: ['c_nope'] } });
    expect(bad.status).toBe(422);
    expect((await errorOf(bad)).code).toBe('unknown_item');
    expect(dumpDb(t.db)).toEqual(before);
  });
});
