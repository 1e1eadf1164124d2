import { beforeAll, describe, expect, it } from 'vitest';
import type { ScheduleInput } from '../../playlists/index.ts';
import { hashToken } from '../ids.ts';
import { addUser, addWard, sessionFor } from '../testing/accounts.ts';
import { api, createTestApp, dumpDb, errorOf, slogan, type TestApp } from '../testing/helpers.ts';
import { AUTHZ_MATRIX, type Access, type WardBound } from '../testing/authz-matrix.ts';

/**
 * Ward scoping, proven from the route table: for every route a ward operator may call with an
 * object's id, naming another ward's object answers exactly what a missing id answers, and
 * nothing changes; every list a ward operator reads leaves other wards' rows out.
 */
const WARD_A = '00004';
const WARD_B = '00007';
const MISSING: Record<WardBound, string> = { screen: 's_zz_missing', content_item: 'c_zz_missing', playlist: 'p_zz_missing', schedule: 'sch_zz_missing' };

type Objects = Record<WardBound, string> & { spareItem: string; spareSchedule: string };

const mayCall = (a: Access) => a.allow === 'public' || a.allow === 'signed_in' || (Array.isArray(a.allow) && a.allow.includes('ward_operator'));
const WARD_ROWS = Object.entries(AUTHZ_MATRIX).filter(([, a]) => a.ward !== undefined && a.ward !== 'none') as [string, Access & { ward: WardBound }][];

const scheduleFor = (ward: string, playlistId: string, screenId: string, name = 'Tin của phường'): ScheduleInput => ({
  name,
  playlistId,
  target: { screenIds: [screenId] },
  time: { startDate: '2026-11-01' },
  ownerWard: ward,
});

describe('ward scoping', () => {
  let t: TestApp;
  const cookie: Record<'opA' | 'opB' | 'admin' | 'editor' | 'approver', string> = { opA: '', opB: '', admin: '', editor: '', approver: '' };
  let a: Objects;
  let b: Objects;

  async function json<T>(who: keyof typeof cookie, method: string, path: string, body?: unknown): Promise<T> {
    const res = await api(t, method, path, { cookie: cookie[who], body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** A ward's screen, item, playlist, schedule, and a spare item and schedule nothing uses. */
  async function wardObjects(who: 'opA' | 'opB', ward: string, screen: string): Promise<Objects> {
    const item = (await json<{ item: { id: string } }>(who, 'POST', '/api/content', slogan(`Tin phường ${ward}`))).item.id;
    const spareItem = (await json<{ item: { id: string } }>(who, 'POST', '/api/content', slogan(`Dự phòng ${ward}`))).item.id;
    const playlist = (await json<{ playlist: { id: string } }>(who, 'POST', '/api/playlists', { name: `Phường ${ward}`, itemIds: [item] })).playlist.id;
    const schedule = (await json<{ schedule: { id: string } }>(who, 'POST', '/api/schedules', scheduleFor(ward, playlist, screen))).schedule.id;
    const spareSchedule = (await json<{ schedule: { id: string } }>(who, 'POST', '/api/schedules', scheduleFor(ward, playlist, screen, 'Dự phòng'))).schedule.id;
    await json(who, 'POST', '/api/publish');
    return { screen, content_item: item, playlist, schedule, spareItem, spareSchedule };
  }

  beforeAll(async () => {
    t = await createTestApp({ admin: false });
    addWard(t, WARD_A, 'Phường Ba Đình');
    addWard(t, WARD_B, 'Phường Hoàn Kiếm');
    const now = t.clock.now();
    t.services.screens.insert({ id: 's_ward_a', name: 'Bảng tin Ba Đình', ward: 'Phường Ba Đình', wardCode: WARD_A, locationKind: 'ward_office', tags: [] }, hashToken('token-a'), now);
    t.services.screens.insert({ id: 's_ward_b', name: 'Bảng tin Hoàn Kiếm', ward: 'Phường Hoàn Kiếm', wardCode: WARD_B, locationKind: 'park', tags: [] }, hashToken('token-b'), now);
    cookie.opA = sessionFor(t, await addUser(t, 'op.a', 'ward_operator', WARD_A));
    cookie.opB = sessionFor(t, await addUser(t, 'op.b', 'ward_operator', WARD_B));
    for (const role of ['admin', 'editor', 'approver'] as const) cookie[role] = sessionFor(t, await addUser(t, `city.${role}`, role));
    a = await wardObjects('opA', WARD_A, 's_ward_a');
    b = await wardObjects('opB', WARD_B, 's_ward_b');
  });

  /** One probe of a ward row as `who`, naming `id`; PUTs send a valid body of ward A's. */
  function probe(key: string, access: Access, id: string, who: keyof typeof cookie = 'opA'): Promise<Response> {
    const [method, template] = key.split(' ') as [string, string];
    let path = template.replace('{id}', encodeURIComponent(id));
    if (access.wardQuery) path += `?${new URLSearchParams(Object.entries(access.wardQuery).map(([k, v]) => [k, v.replace('{id}', id)]))}`;
    const bodies: Record<WardBound, unknown> = {
      content_item: slogan('Sửa tin của phường khác'),
      playlist: { name: 'Chiếm danh sách', itemIds: [a.content_item] },
      schedule: scheduleFor(WARD_A, a.playlist, a.screen, 'Chiếm lịch'),
      screen: key.endsWith('/hours') ? { hours: null, dailyReloadAt: '03:30' } : key.endsWith('/fallback') ? { playlistId: null }
        : key.endsWith('/details') ? { name: 'Đổi tên', locationKind: 'park', tags: ['chợ'] } : undefined,
    };
    const body = method === 'PUT' ? bodies[access.ward as WardBound] : key.endsWith('/copy') ? { name: 'Bản sao' } : undefined;
    return api(t, method, path, { cookie: cookie[who], body });
  }

  it('names the ward-bound object of every route a ward operator may call with an id', () => {
    const undeclared = Object.entries(AUTHZ_MATRIX)
      .filter(([key, access]) => key.includes('{') && mayCall(access) && access.ward === undefined)
      .map(([key]) => key);
    expect(undeclared, 'add `ward` to these rows of server/testing/authz-matrix.ts').toEqual([]);
    expect(WARD_ROWS.length).toBeGreaterThanOrEqual(10);
  });

  it.each(WARD_ROWS)('%s: another ward\'s object answers as a missing one and changes nothing', async (key, access) => {
    const missing = await probe(key, access, MISSING[access.ward]);
    const before = dumpDb(t.db);
    const foreign = await probe(key, access, b[access.ward]);
    expect(dumpDb(t.db)).toEqual(before);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual(await missing.json());
  });

  it.each(WARD_ROWS.filter(([key]) => !key.startsWith('DELETE')))('%s: the same probe reaches the ward\'s own object', async (key, access) => {
    const res = await probe(key, access, a[access.ward]);
    expect(res.status).toBe(key.endsWith('/copy') ? 201 : 200);
  });

  it('lets a ward operator delete its own objects, which the same probe refuses for another ward', async () => {
    expect((await api(t, 'DELETE', `/api/content/${a.spareItem}`, { cookie: cookie.opA })).status).toBe(204);
    expect((await api(t, 'DELETE', `/api/schedules/${a.spareSchedule}`, { cookie: cookie.opA })).status).toBe(204);
    const inUse = await api(t, 'DELETE', `/api/playlists/${a.playlist}`, { cookie: cookie.opA });
    expect(inUse.status).toBe(409);
    expect((await errorOf(inUse)).code).toBe('playlist_in_use');
  });

  it('treats other wards\' and the city\'s objects named in a body as missing', async () => {
    const cityPlaylist = t.services.settings.get('default_playlist_id')!;
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/api/schedules', scheduleFor(WARD_A, b.playlist, a.screen), 422, 'unknown_playlist'],
      ['POST', '/api/schedules', scheduleFor(WARD_A, cityPlaylist, a.screen), 422, 'unknown_playlist'],
      ['POST', '/api/schedules', scheduleFor(WARD_A, a.playlist, b.screen), 422, 'unknown_screen'],
      ['PUT', `/api/schedules/${a.schedule}`, scheduleFor(WARD_A, a.playlist, b.screen), 422, 'unknown_screen'],
      ['POST', '/api/playlists', { name: 'Mượn tin', itemIds: [b.content_item] }, 422, 'unknown_item'],
      ['PUT', `/api/playlists/${a.playlist}`, { name: 'Mượn tin', itemIds: [b.content_item] }, 422, 'unknown_item'],
      ['POST', '/api/schedules', scheduleFor(WARD_B, a.playlist, a.screen), 403, 'forbidden'],
      ['POST', '/api/schedules', { ...scheduleFor(WARD_A, a.playlist, a.screen), tier: 'priority' }, 400, 'invalid_request'],
      ['POST', '/api/schedules', { ...scheduleFor(WARD_A, a.playlist, a.screen), ownerWard: null }, 403, 'forbidden'],
      ['POST', '/api/schedules', { ...scheduleFor(WARD_A, a.playlist, a.screen), target: { wards: [WARD_B] } }, 400, 'invalid_request'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const before = dumpDb(t.db);
      const res = await api(t, method, path, { cookie: cookie.opA, body });
      expect({ path, status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code }).toEqual({ path, status, code });
      expect(dumpDb(t.db)).toEqual(before);
    }
  });

  it('leaves other wards\' rows out of every list a ward operator reads, and not out of the city\'s', async () => {
    const foreign = [b.screen, b.content_item, b.playlist, b.schedule, 'Bảng tin Hoàn Kiếm', 'Tin phường 00007'];
    const lists = Object.entries(AUTHZ_MATRIX).filter(([key, access]) => key.startsWith('GET ') && !key.includes('{') && mayCall(access));
    const read = async (path: string, who: keyof typeof cookie) => {
      const res = await api(t, 'GET', path, { cookie: cookie[who] });
      // The fleet stream's first event is its snapshot.
      const text = path.endsWith('/events') ? new TextDecoder().decode((await res.body!.getReader().read()).value) : await res.text();
      if (path.endsWith('/events')) await res.body?.cancel().catch(() => undefined);
      return { status: res.status, text };
    };
    for (const [key] of lists) {
      const path = key.slice(4);
      if (path.startsWith('/api/docs') || path === '/api/openapi.json') continue;
      const { text } = await read(path, 'opA');
      expect(foreign.filter((f) => text.includes(f)), key).toEqual([]);
    }
    for (const path of ['/api/screens', '/api/content', '/api/playlists', '/api/schedules', '/api/screens/events']) {
      const own = await read(path, 'opA');
      expect(own.status).toBe(200);
      expect(own.text, path).toContain(path.includes('screens') ? a.screen : path.includes('content') ? a.content_item : path.includes('playlists') ? a.playlist : a.schedule);
      const city = await read(path, 'admin');
      expect(city.text, path).toContain(path.includes('screens') ? b.screen : path.includes('content') ? b.content_item : path.includes('playlists') ? b.playlist : b.schedule);
    }
  });

  it('lets an approver take ward content down but not an editor change it', async () => {
    let res = await api(t, 'PUT', `/api/content/${b.content_item}`, { cookie: cookie.editor, body: slogan('Biên tập viên sửa') });
    expect(res.status).toBe(403);
    res = await api(t, 'DELETE', `/api/content/${b.spareItem}`, { cookie: cookie.approver });
    expect(res.status).toBe(204);
    res = await api(t, 'DELETE', `/api/schedules/${b.spareSchedule}`, { cookie: cookie.approver });
    expect(res.status).toBe(204);
    expect((await api(t, 'POST', '/api/publish', { cookie: cookie.approver })).status).toBe(201);
    const published = t.services.revisions.latest().snapshot;
    expect(published.schedules?.map((s) => s.id)).not.toContain(b.spareSchedule);
    expect(published.items.map((i) => i.id)).not.toContain(b.spareItem);
    expect(published.owners?.items[b.content_item]).toBe(WARD_B);
  });

  it('publishes a ward\'s own rows only, leaving the city\'s drafts pending', async () => {
    const cityItem = t.services.content.list().find((s) => s.ownerWard === null)!.item.id;
    // An admin's save is approved at once, so it is pending for the city's publish.
    await json('admin', 'PUT', `/api/content/${cityItem}`, slogan('Bản nháp của thành phố'));
    await json('opA', 'PUT', `/api/content/${a.content_item}`, slogan('Tin phường sửa lại'));
    const pendingForA = await json<{ summary: { items: { changed: string[] } } }>('opA', 'GET', '/api/publish');
    expect(pendingForA.summary.items.changed).toEqual([a.content_item]);
    await json('opA', 'POST', '/api/publish');
    const published = t.services.revisions.latest().snapshot;
    expect(published.items.find((i) => i.id === a.content_item)).toMatchObject({ text: 'Tin phường sửa lại' });
    expect(published.items.find((i) => i.id === cityItem)).not.toMatchObject({ text: 'Bản nháp của thành phố' });
    const pendingForCity = await json<{ summary: { items: { changed: string[] } } }>('admin', 'GET', '/api/publish');
    expect(pendingForCity.summary.items.changed).toEqual([cityItem]);
  });

  it('keeps owners through a restore', async () => {
    const latest = t.services.revisions.latestNumber();
    await json('admin', 'PUT', `/api/content/${a.content_item}`, slogan('Quản trị sửa'));
    await json('admin', 'POST', '/api/publish');
    await json('admin', 'POST', `/api/revisions/${latest}/restore`);
    expect(t.services.content.get(a.content_item)?.ownerWard).toBe(WARD_A);
    expect(t.services.playlists.get(b.playlist)?.ownerWard).toBe(WARD_B);
  });
});
