import { beforeEach, describe, expect, it } from 'vitest';
import { type Manifest, type ScheduleInput } from '../../playlists/index.ts';
import { embedOrigins } from '../config.ts';
import { addUser, sessionFor } from '../testing/accounts.ts';
import { api, slogan } from '../testing/helpers.ts';
import { BD, HK, scheduleBody, scheduleTestApp } from '../testing/schedule-fixtures.ts';

/** What a portal gets: only what a public screen of its ward would show, as published. */
describe('the playlists on web portals', () => {
  let t: Awaited<ReturnType<typeof scheduleTestApp>>;
  const ids: Record<string, string> = {};
  beforeEach(async () => {
    t = await scheduleTestApp();
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await api(t, method, path, { cookie: t.cookie, body });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, Record<string, string>>>;
    };
    const playlist = async (key: string, text: string) => {
      const item = await call('POST', '/api/content', slogan(text));
      ids[`${key}-item`] = item.item!.id!;
      ids[key] = (await call('POST', '/api/playlists', { name: key, itemIds: [item.item!.id] })).playlist!.id!;
    };
    const schedule = async (key: string, over: Partial<ScheduleInput>) => {
      ids[`${key}-schedule`] = (await call('POST', '/api/schedules', scheduleBody(ids[key]!, { name: key, ...over }))).schedule!.id!;
    };
    await playlist('city', 'Học nghề cho mọi người');
    await playlist('badinh', 'Ngày hội việc làm Ba Đình');
    await playlist('parks', 'Chỉ ở công viên');
    await playlist('station', 'Chỉ ở ga Hà Nội');
    await schedule('city', { target: { all: true } });
    await schedule('badinh', { target: { wards: [BD] } });
    await schedule('parks', { target: { wards: [BD], locationKinds: ['park'] } });
    await schedule('station', { target: { screenIds: ['s_station'] } });
    // Hoàn Kiếm's own local message, published by its operator.
    const op = sessionFor(t, await addUser(t, 'hoankiem', 'ward_operator', HK));
    const local = (await (await api(t, 'POST', '/api/content', { cookie: op, body: slogan('Tin riêng Hoàn Kiếm') })).json()) as { item: { id: string } };
    const list = (await (await api(t, 'POST', '/api/playlists', { cookie: op, body: { name: 'hk', itemIds: [local.item.id] } })).json()) as { playlist: { id: string } };
    await call('POST', '/api/publish');
    expect((await api(t, 'POST', '/api/schedules', { cookie: op, body: scheduleBody(list.playlist.id, { target: { wards: [HK] }, ownerWard: HK }) })).status).toBe(201);
    expect((await api(t, 'POST', '/api/publish', { cookie: op })).status).toBe(201);
    // Drafts nobody published: a changed city item, and a new item in the city playlist.
    await call('PUT', `/api/content/${ids['city-item']}`, slogan('BẢN NHÁP CHƯA XUẤT BẢN'));
  });

  const portal = async (audience: string, headers: Record<string, string> = {}) => api(t, 'GET', `/embed/manifest.json?audience=${audience}`, { origin: null, headers });
  const manifestOf = async (audience: string) => ((await (await portal(audience)).json()) as { manifest: Manifest }).manifest;
  const texts = (m: Manifest) => m.items.flatMap((i) => (i.kind === 'slogan' ? [i.text] : [])).sort();

  it('gives a ward\'s portal what every screen of the ward shows, and nothing private or unpublished', async () => {
    const m = await manifestOf(BD);
    expect(m.schedules.map((s) => s.name).sort()).toEqual(['badinh', 'city']);
    expect(texts(m)).toEqual(expect.arrayContaining(['Học nghề cho mọi người', 'Ngày hội việc làm Ba Đình']));
    const json = JSON.stringify(m);
    for (const hidden of ['Chỉ ở công viên', 'Chỉ ở ga Hà Nội', 'Tin riêng Hoàn Kiếm', 'BẢN NHÁP CHƯA XUẤT BẢN', 's_station', HK]) expect(json).not.toContain(hidden);
    expect(m.schedules.every((s) => s.target.all && !s.target.wards.length)).toBe(true);
  });

  it('gives a ward its own local messages, and the city only what is for every screen', async () => {
    expect(texts(await manifestOf(HK))).toContain('Tin riêng Hoàn Kiếm');
    const city = await manifestOf('city');
    expect(city.schedules.map((s) => s.name)).toEqual(['city']);
    expect(JSON.stringify(city)).not.toContain('Ngày hội việc làm Ba Đình');
  });

  it('answers without cookies, revalidates by version, and refuses unknown audiences', async () => {
    const res = await portal(BD);
    expect(res.headers.get('set-cookie')).toBeNull();
    const etag = res.headers.get('etag')!;
    expect((await portal(BD, { 'If-None-Match': etag })).status).toBe(304);
    expect((await portal('99999')).status).toBe(404);
    expect((await portal('<script>')).status).toBe(404);
  });

  it('counts a page that came into view as a portal view, never as a play', async () => {
    await api(t, 'GET', `/embed/manifest.json?audience=${BD}&view=1`, { origin: null });
    await api(t, 'GET', `/embed/manifest.json?audience=${BD}&view=1`, { origin: null });
    await api(t, 'GET', '/embed/manifest.json?audience=city&view=1', { origin: null });
    await portal(BD); // a later check for news: not a view
    t.services.portalViews.flush();
    const views = await (await api(t, 'GET', '/api/reports/portal-views?from=2026-11-01&to=2026-11-30', { cookie: t.cookie })).json();
    expect(views).toEqual({ rows: [{ day: '2026-11-26', audience: BD, views: 2 }, { day: '2026-11-26', audience: 'city', views: 1 }], total: 3 });
    expect(t.db.prepare('SELECT count(*) AS n FROM play_events').get()).toEqual({ n: 0 });
    const op = sessionFor(t, await addUser(t, 'badinh', 'ward_operator', BD));
    expect(await (await api(t, 'GET', '/api/reports/portal-views?from=2026-11-01&to=2026-11-30', { cookie: op })).json()).toMatchObject({ total: 2 });
  });
});

describe('BANGTIN_EMBED_ORIGINS', () => {
  it('takes origins and refuses paths, wildcards and other schemes', () => {
    expect(embedOrigins('https://a.hanoi.gov.vn, http://127.0.0.1:9000/')).toEqual(['https://a.hanoi.gov.vn', 'http://127.0.0.1:9000']);
    for (const bad of ['https://a.vn/path', 'https://*.vn', 'ftp://a.vn', 'a.vn']) expect(() => embedOrigins(bad)).toThrow(/not an http\(s\) origin/);
  });
});
