import { beforeEach, describe, expect, it } from 'vitest';
import type { ScreenHours, ScreenStatus, ServerMessage } from '../../playlists/index.ts';
import { hashToken } from '../ids.ts';
import { addUser, addWard, sessionFor } from '../testing/accounts.ts';
import { api, connectPlayer, createTestApp, dumpDb, errorOf, type TestApp } from '../testing/helpers.ts';

const WEEKDAYS: ScreenHours = {
  hours: { windows: [{ days: [1, 2, 3, 4, 5], from: '06:00', to: '22:00' }, { days: [6, 7], from: '20:00', to: '01:00' }], outside: 'black' },
  dailyReloadAt: '04:15',
};

describe('PUT /api/screens/{id}/hours', () => {
  let t: TestApp;
  let admin: string;
  let screenId: string;
  beforeEach(async () => {
    t = await createTestApp({ admin: false });
    admin = sessionFor(t, await addUser(t, 'quan.tri', 'admin'));
    screenId = t.services.screens.list()[0]!.id;
  });
  const put = (body: unknown, id = screenId, cookie = admin) => api(t, 'PUT', `/api/screens/${id}/hours`, { cookie, body });
  const screenMessages = (messages: ServerMessage[]) =>
    messages.filter((m): m is Extract<ServerMessage, { type: 'screen' }> => m.type === 'screen').map((m) => m.screen);

  it('starts every screen always on, reloading daily at 03:30', async () => {
    const listed = (await (await api(t, 'GET', '/api/screens', { cookie: admin })).json()) as { screens: ScreenStatus[] };
    expect(listed.screens[0]).toMatchObject({ hours: null, dailyReloadAt: '03:30', open: true });
    expect(screenMessages(connectPlayer(t).socket.messages).at(-1)).toMatchObject({ hours: null, dailyReloadAt: '03:30' });
  });

  it('stores the hours, answers the screen and pushes them to the connected player at once', async () => {
    const player = connectPlayer(t);
    const res = await put(WEEKDAYS);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: screenId, ...WEEKDAYS });
    expect(player.socket.types.at(-1)).toBe('screen');
    expect(screenMessages(player.socket.messages).at(-1)).toMatchObject(WEEKDAYS);
    expect(t.services.screens.get(screenId)).toMatchObject(WEEKDAYS);
    // Back to always on, never reloading.
    await put({ hours: null, dailyReloadAt: null });
    expect(screenMessages(player.socket.messages).at(-1)).toMatchObject({ hours: null, dailyReloadAt: null });
  });

  it('writes who changed the hours, before and after, to the audit log', async () => {
    await put(WEEKDAYS);
    const [entry] = t.services.auditEntries.query({}, 10);
    expect(entry).toMatchObject({ action: 'update_hours', objectType: 'screen', objectId: screenId, username: 'quan.tri' });
    expect(JSON.parse(entry?.before ?? 'null')).toEqual({ hours: null, dailyReloadAt: '03:30' });
    expect(JSON.parse(entry?.after ?? 'null')).toEqual(WEEKDAYS);
  });

  it.each([
    ['no windows', { ...WEEKDAYS, hours: { windows: [], outside: 'black' } }, 'hours.windows'],
    ['a weekday 8', { ...WEEKDAYS, hours: { windows: [{ days: [8], from: '06:00', to: '22:00' }], outside: 'black' } }, 'hours.windows.0.days.0'],
    ['a time of 25:00', { ...WEEKDAYS, hours: { windows: [{ days: [1], from: '06:00', to: '25:00' }], outside: 'black' } }, 'hours.windows.0.to'],
    ['an unknown outside mode', { ...WEEKDAYS, hours: { ...WEEKDAYS.hours!, outside: 'off' } }, 'hours.outside'],
    ['a reload time of 3:30', { ...WEEKDAYS, dailyReloadAt: '3:30' }, 'dailyReloadAt'],
    ['an extra field', { ...WEEKDAYS, timezone: 'UTC' }, ''],
  ])('refuses %s with 400 and changes nothing', async (_what, body, path) => {
    const player = connectPlayer(t);
    const sent = player.socket.frames.length;
    const before = dumpDb(t.db);
    const res = await put(body);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_request');
    expect(error.issues?.map((i) => i.path)).toContain(path);
    expect(dumpDb(t.db)).toEqual(before);
    expect(player.socket.frames.length).toBe(sent);
  });

  it('answers 404 for an unknown screen and writes nothing', async () => {
    const before = dumpDb(t.db);
    const res = await put(WEEKDAYS, 's_missing');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('screen_not_found');
    expect(dumpDb(t.db)).toEqual(before);
  });

  it("lets a ward operator set its own ward's screens, not another's, and an editor none", async () => {
    addWard(t, '00004', 'Phường Ba Đình');
    addWard(t, '00007', 'Phường Hoàn Kiếm');
    const now = t.clock.now();
    t.services.screens.insert({ id: 's_a', name: 'Ba Đình', ward: null, wardCode: '00004', locationKind: 'park', tags: [] }, hashToken('tok-a-0123456789'), now);
    t.services.screens.insert({ id: 's_b', name: 'Hoàn Kiếm', ward: null, wardCode: '00007', locationKind: 'park', tags: [] }, hashToken('tok-b-0123456789'), now);
    const op = sessionFor(t, await addUser(t, 'op.a', 'ward_operator', '00004'));
    const editor = sessionFor(t, await addUser(t, 'bien.tap', 'editor'));
    expect((await put(WEEKDAYS, 's_a', op)).status).toBe(200);
    const before = dumpDb(t.db);
    expect((await put(WEEKDAYS, 's_b', op)).status).toBe(404);
    expect((await put(WEEKDAYS, 's_b', editor)).status).toBe(403);
    expect(dumpDb(t.db)).toEqual(before);
  });
});
