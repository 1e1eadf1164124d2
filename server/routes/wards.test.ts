import { beforeEach, describe, expect, it } from 'vitest';
import { addUser, addWard, sessionFor } from '../testing/accounts.ts';
import type { Manifest, ServerMessage } from '../../playlists/index.ts';
import { api, connectPlayer, createTestApp, dumpDb, errorOf, slogan, type TestApp } from '../testing/helpers.ts';

const CSV = '\uFEFFcode,name,type\r\n00004,Phường Ba Đình,phường\r\n00070,Phường Hoàn Kiếm,phường\r\n09877,Xã Sóc Sơn,xã\r\n';

describe('wards', () => {
  let t: TestApp;
  let admin: string;
  beforeEach(async () => {
    t = await createTestApp({ admin: false });
    admin = sessionFor(t, await addUser(t, 'quan.tri', 'admin'));
  });
  const as = (method: string, path: string, body?: unknown, cookie = admin) => api(t, method, path, { cookie, body });
  const wards = async () => ((await (await as('GET', '/api/wards')).json()) as { wards: { code: string; name: string; kind: string; screens: number; users: number }[] }).wards;

  it('imports a CSV and lists the wards by name', async () => {
    const res = await as('POST', '/api/wards/import', { csv: CSV });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect(await wards()).toEqual([
      { code: '00004', name: 'Phường Ba Đình', kind: 'phuong', screens: 0, users: 0 },
      { code: '00070', name: 'Phường Hoàn Kiếm', kind: 'phuong', screens: 0, users: 0 },
      { code: '09877', name: 'Xã Sóc Sơn', kind: 'xa', screens: 0, users: 0 },
    ]);
  });

  it('updates known codes on a second import and counts what did not change', async () => {
    await as('POST', '/api/wards/import', { csv: CSV });
    const res = await as('POST', '/api/wards/import', { csv: 'code,name,type\n00004,Phường Ba Đình,phường\n09877,Xã Sóc Sơn mới,xã\n10105,Xã Minh Châu,xã\n' });
    expect(await res.json()).toEqual({ created: 1, updated: 1, unchanged: 1 });
    expect((await wards()).find((w) => w.code === '09877')?.name).toBe('Xã Sóc Sơn mới');
  });

  it('writes nothing when any row is bad and reports every bad row by line', async () => {
    await as('POST', '/api/wards/import', { csv: CSV });
    const before = dumpDb(t.db);
    const csv = 'code,name,type\n00004,Phường Ba Đình đổi tên,phường\n10105,Xã Minh Châu,huyện\n10105,Xã trùng,xã\n,Không mã,xã\n';
    const res = await as('POST', '/api/wards/import', { csv });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_csv');
    expect(error.issues?.map((i) => i.path)).toEqual(['line.3.type', 'line.4.code', 'line.5.code']);
    expect(dumpDb(t.db)).toEqual(before);
  });

  it('adds, renames and removes a single ward', async () => {
    expect((await as('POST', '/api/wards', { code: '00004', name: 'Phường Ba Đình', kind: 'phuong' })).status).toBe(201);
    const dup = await as('POST', '/api/wards', { code: '00004', name: 'Trùng', kind: 'phuong' });
    expect(dup.status).toBe(409);
    expect((await errorOf(dup)).code).toBe('ward_exists');
    const renamed = await as('PUT', '/api/wards/00004', { name: '  Phường Ba Đình  ', kind: 'phuong' });
    expect(await renamed.json()).toMatchObject({ code: '00004', name: 'Phường Ba Đình' });
    expect((await as('DELETE', '/api/wards/00004')).status).toBe(204);
    expect(await wards()).toEqual([]);
    expect((await as('DELETE', '/api/wards/00004')).status).toBe(404);
  });

  it('keeps a ward that an operator or a screen is linked to', async () => {
    addWard(t, '00004', 'Phường Ba Đình');
    await addUser(t, 'van.hanh', 'ward_operator', '00004');
    const screenId = t.services.screens.list()[0]!.id;
    expect((await as('PUT', `/api/screens/${screenId}/ward`, { wardCode: '00004' })).status).toBe(200);
    expect(await wards()).toEqual([{ code: '00004', name: 'Phường Ba Đình', kind: 'phuong', screens: 1, users: 1 }]);
    const res = await as('DELETE', '/api/wards/00004');
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('ward_in_use');
  });

  it('counts only screens in service, and keeps a ward whose retired screens hold its history', async () => {
    addWard(t, '00004', 'Phường Ba Đình');
    const screenId = t.services.screens.list()[0]!.id;
    expect((await as('PUT', `/api/screens/${screenId}/ward`, { wardCode: '00004' })).status).toBe(200);
    expect((await as('DELETE', `/api/screens/${screenId}`)).status).toBe(204);
    expect(await wards()).toEqual([{ code: '00004', name: 'Phường Ba Đình', kind: 'phuong', screens: 0, users: 0 }]);
    const before = dumpDb(t.db);
    const res = await as('DELETE', '/api/wards/00004');
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error.code).toBe('ward_in_use');
    expect(error.issues?.map((i) => i.path)).toContain('retiredScreens');
    expect(dumpDb(t.db)).toEqual(before);
  });

  it('links an existing screen to a ward by code and keeps its label', async () => {
    addWard(t, '00070', 'Phường Hoàn Kiếm');
    const screen = t.services.screens.list()[0]!;
    const res = await as('PUT', `/api/screens/${screen.id}/ward`, { wardCode: '00070' });
    expect(await res.json()).toEqual({ id: screen.id, wardCode: '00070' });
    const listed = (await (await as('GET', '/api/screens')).json()) as { screens: { id: string; ward: string | null; wardCode: string | null }[] };
    expect(listed.screens.find((s) => s.id === screen.id)).toMatchObject({ ward: screen.ward, wardCode: '00070' });
    const unknown = await as('PUT', `/api/screens/${screen.id}/ward`, { wardCode: '99999' });
    expect(unknown.status).toBe(422);
    expect((await as('PUT', '/api/screens/s_missing/ward', { wardCode: null })).status).toBe(404);
  });

  it('moves a connected screen to its new ward\'s schedules at once', async () => {
    addWard(t, '00004', 'Phường Ba Đình');
    addWard(t, '00070', 'Phường Hoàn Kiếm');
    const screen = t.services.screens.list()[0]!;
    t.services.screens.setWardCode(screen.id, '00004');
    // A ward-A local message, published by its operator.
    const op = sessionFor(t, await addUser(t, 'op.a', 'ward_operator', '00004'));
    const json = async <T,>(method: string, path: string, body?: unknown): Promise<T> => (await (await as(method, path, body, op)).json()) as T;
    const item = (await json<{ item: { id: string } }>('POST', '/api/content', slogan('Phường Ba Đình: tư vấn học nghề'))).item.id;
    const playlist = (await json<{ playlist: { id: string } }>('POST', '/api/playlists', { name: 'Ba Đình', itemIds: [item] })).playlist.id;
    await json('POST', '/api/schedules', { name: 'Ba Đình', playlistId: playlist, ownerWard: '00004', target: { wards: ['00004'] }, time: { startDate: '2026-01-01' } });
    expect((await as('POST', '/api/publish', undefined, op)).status).toBe(201);
    const player = connectPlayer(t);
    const manifests = () => player.socket.messages.filter((m): m is Extract<ServerMessage, { type: 'manifest' }> => m.type === 'manifest').map((m) => m.manifest);
    const wardSchedules = (m: Manifest | undefined) => (m?.schedules ?? []).filter((s) => s.target.wards?.includes('00004')).length;
    expect(wardSchedules(manifests().at(-1))).toBe(1);

    expect((await as('PUT', `/api/screens/${screen.id}/ward`, { wardCode: '00070' })).status).toBe(200);
    await Promise.resolve();
    expect(wardSchedules(manifests().at(-1))).toBe(0);
  });

  it('registers a new screen in a ward, labelled with the ward\'s name', async () => {
    addWard(t, '09877', 'Xã Sóc Sơn', 'xa');
    const res = await as('POST', '/api/screens', { name: 'Nhà văn hóa thôn', wardCode: '09877', locationKind: 'ward_office' });
    expect(res.status).toBe(201);
    const { screen } = (await res.json()) as { screen: { id: string; ward: string } };
    expect(screen.ward).toBe('Xã Sóc Sơn');
    expect(t.services.screens.get(screen.id)?.wardCode).toBe('09877');
    const unknown = await as('POST', '/api/screens', { name: 'X', wardCode: '12345', locationKind: 'park' });
    expect(unknown.status).toBe(422);
  });

  it('lets every signed-in role read wards and only an admin change them', async () => {
    const viewer = sessionFor(t, await addUser(t, 'chi.xem', 'viewer'));
    expect((await as('GET', '/api/wards', undefined, viewer)).status).toBe(200);
    const before = dumpDb(t.db);
    expect((await as('POST', '/api/wards/import', { csv: CSV }, viewer)).status).toBe(403);
    expect((await as('POST', '/api/wards', { code: '1', name: 'A', kind: 'xa' }, viewer)).status).toBe(403);
    expect(dumpDb(t.db)).toEqual(before);
  });
});
