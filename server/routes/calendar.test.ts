import { beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS, dayNumberAt, type ScheduleInput } from '../../playlists/index.ts';
import { instancesOn, prepare } from '../../playlists/prepare.ts';
import { addUser, sessionFor } from '../testing/accounts.ts';
import { api, errorOf } from '../testing/helpers.ts';
import { occurrences } from '../testing/ical-read.ts';
import { BD, HK, scheduleBody, scheduleTestApp } from '../testing/schedule-fixtures.ts';

const YEAR = 366 * DAY_MS;

describe('schedules as iCalendar', () => {
  let t: Awaited<ReturnType<typeof scheduleTestApp>>;
  const ids: Record<string, string> = {};
  beforeEach(async () => {
    t = await scheduleTestApp();
    const playlistId = t.services.playlists.list()[0]!.playlist.id;
    const make = async (key: string, over: Partial<ScheduleInput>) => {
      const res = await api(t, 'POST', '/api/schedules', { cookie: t.cookie, body: scheduleBody(playlistId, { name: key, ...over }) });
      if (res.status !== 201) throw new Error(await res.text());
      ids[key] = ((await res.json()) as { schedule: { id: string } }).schedule.id;
    };
    await make('Ba Đình buổi tối', { target: { wards: [BD] }, time: { startDate: '2026-11-01', endDate: '2027-03-01', weekdays: [5, 6], windows: [{ start: '21:00', end: '01:30' }] } });
    await make('Hoàn Kiếm sáng', { target: { wards: [HK] }, time: { startDate: '2026-11-01', windows: [{ start: '07:00', end: '09:00' }] } });
    await make('Toàn thành phố', { tier: 'priority', target: { all: true }, time: { startDate: '2026-12-01', endDate: '2027-01-01', weekdays: [1, 3] } });
    await make('Chỉ công viên', { target: { locationKinds: ['park'] }, time: { startDate: '2026-11-20' } });
    expect((await api(t, 'POST', '/api/publish', { cookie: t.cookie })).status).toBe(201);
  });
  const get = (path: string, cookie = t.cookie) => api(t, 'GET', path, { cookie });
  const names = (text: string) => [...new Set(occurrences(text, t.clock.now(), t.clock.now() + YEAR).map((o) => o.summary.split(' · ')[0]))].sort();

  it('gives a screen every run the resolver plays for it over a year, as a download', async () => {
    const res = await get('/api/calendar.ics?screen=s_station');
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="bangtin-s_station.ics"');
    const from = t.clock.now();
    const got = occurrences(await res.text(), from, from + YEAR).map((o) => ({ id: o.uid.replace(/-\d+(-[\d-]+)?@bangtin$/, ''), start: o.start, end: o.end }));
    // What the resolver says: the manifest the screen would get, over the year, run by run.
    const screen = t.services.screens.get('s_station')!;
    const groups = t.services.manifests.groupsFor([screen], from, 367);
    expect(groups).toHaveLength(1);
    const p = prepare(groups[0]!.body);
    const want = [];
    for (let day = dayNumberAt(from) - 1; day <= dayNumberAt(from + YEAR); day++) {
      for (const run of instancesOn(p, day)) if (run.start >= from && run.start < from + YEAR) want.push({ id: run.schedule.schedule.id, start: run.start, end: run.end });
    }
    want.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
    expect(want.length).toBeGreaterThan(20);
    expect(got).toEqual(want);
    expect(new Set(got.map((g) => g.id))).toEqual(new Set([ids['Ba Đình buổi tối'], ids['Toàn thành phố']]));
  });

  it('gives a ward what reaches its screens or names it', async () => {
    expect(names(await (await get(`/api/calendar.ics?ward=${BD}`)).text())).toEqual(['Ba Đình buổi tối', 'Toàn thành phố']);
    // Hoàn Kiếm's screen is the demo park: the parks-only schedule reaches it.
    expect(names(await (await get(`/api/calendar.ics?ward=${HK}`)).text())).toEqual(['Chỉ công viên', 'Hoàn Kiếm sáng', 'Toàn thành phố']);
    expect(names(await (await get('/api/calendar.ics')).text())).toHaveLength(4);
  });

  it('keeps a ward operator to its own ward', async () => {
    const op = sessionFor(t, await addUser(t, 'hoankiem', 'ward_operator', HK));
    expect(names(await (await get('/api/calendar.ics', op)).text())).toEqual(['Chỉ công viên', 'Hoàn Kiếm sáng', 'Toàn thành phố']);
    expect((await errorOf(await get(`/api/calendar.ics?ward=${BD}`, op))).code).toBe('ward_not_found');
    expect((await errorOf(await get(`/api/calendar.ics?ward=99999`, op))).code).toBe('ward_not_found');
    expect((await errorOf(await get('/api/calendar.ics?screen=s_station', op))).code).toBe('screen_not_found');
  });

  it('serves a secret feed without a session, until it is rotated or revoked or its user locked', async () => {
    const issue = async () => ((await (await api(t, 'POST', '/api/calendar/feed', { cookie: t.cookie })).json()) as { path: string }).path;
    const path = await issue();
    const feed = await api(t, 'GET', `${path}?ward=${BD}`, { origin: null });
    expect([feed.status, feed.headers.get('content-disposition')]).toEqual([200, 'inline; filename="bangtin-00004.ics"']);
    expect(names(await feed.text())).toEqual(['Ba Đình buổi tối', 'Toàn thành phố']);
    const rotated = await issue();
    expect((await api(t, 'GET', path, { origin: null })).status).toBe(404);
    expect((await api(t, 'GET', rotated, { origin: null })).status).toBe(200);
    expect(await (await api(t, 'GET', '/api/calendar/feed', { cookie: t.cookie })).json()).toMatchObject({ active: true });
    expect((await api(t, 'DELETE', '/api/calendar/feed', { cookie: t.cookie })).status).toBe(204);
    expect((await api(t, 'GET', rotated, { origin: null })).status).toBe(404);

    const opId = await addUser(t, 'badinh', 'ward_operator', BD);
    const opPath = ((await (await api(t, 'POST', '/api/calendar/feed', { cookie: sessionFor(t, opId) })).json()) as { path: string }).path;
    expect(names(await (await api(t, 'GET', opPath, { origin: null })).text())).toEqual(['Ba Đình buổi tối', 'Toàn thành phố']);
    expect((await api(t, 'GET', `${opPath}?ward=${HK}`, { origin: null })).status).toBe(404);
    t.services.users.update(opId, { role: 'ward_operator', wardCode: BD, disabled: true });
    expect((await api(t, 'GET', opPath, { origin: null })).status).toBe(404);
  });
});
