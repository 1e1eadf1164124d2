import { beforeEach, describe, expect, it } from 'vitest';
import type { Manifest, ScreenStatus, ServerMessage } from '../../playlists/index.ts';
import { hashToken } from '../ids.ts';
import { addUser, addWard, sessionFor } from '../testing/accounts.ts';
import { api, connectPlayer, createTestApp, dumpDb, errorOf, slogan, type TestApp } from '../testing/helpers.ts';

const DETAILS = { name: 'Bảng tin chợ Đồng Xuân', locationKind: 'street', tags: ['chợ', 'trung tâm'] } as const;

describe('PUT /api/screens/{id}/details', () => {
  let t: TestApp;
  let admin: string;
  let screenId: string;
  beforeEach(async () => {
    t = await createTestApp({ admin: false });
    admin = sessionFor(t, await addUser(t, 'quan.tri', 'admin'));
    screenId = t.services.screens.list()[0]!.id;
  });
  const put = (body: unknown, id = screenId, cookie = admin) => api(t, 'PUT', `/api/screens/${id}/details`, { cookie, body });
  const messagesOf = <T extends ServerMessage['type']>(messages: ServerMessage[], type: T) =>
    messages.filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type);

  it('renames the screen, sets its kind and tags, keeps its ward label, and tells the player and the dashboard', async () => {
    const labelBefore = t.services.screens.get(screenId)!.ward;
    const player = connectPlayer(t);
    const res = await put(DETAILS);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: screenId, ...DETAILS, ward: labelBefore });
    expect(t.services.screens.get(screenId)).toMatchObject({ ...DETAILS, ward: labelBefore });
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(messagesOf(player.socket.messages, 'screen').at(-1)?.screen).toMatchObject(DETAILS);
    const listed = (await (await api(t, 'GET', '/api/screens', { cookie: admin })).json()) as { screens: ScreenStatus[] };
    expect(listed.screens.find((s) => s.id === screenId)).toMatchObject(DETAILS);
  });

  it('sets the ward label when given, and clears it with null', async () => {
    expect(await (await put({ ...DETAILS, ward: 'Phường Hoàn Kiếm' })).json()).toMatchObject({ ward: 'Phường Hoàn Kiếm' });
    expect(await (await put({ ...DETAILS, ward: null })).json()).toMatchObject({ ward: null });
  });

  it('moves a connected screen onto the schedules for its new tags at once', async () => {
    const json = async <T,>(method: string, path: string, body?: unknown): Promise<T> => (await (await api(t, method, path, { cookie: admin, body })).json()) as T;
    const item = (await json<{ item: { id: string } }>('POST', '/api/content', slogan('Chợ mở cửa đến 22:00'))).item.id;
    const playlist = (await json<{ playlist: { id: string } }>('POST', '/api/playlists', { name: 'Chợ', itemIds: [item] })).playlist.id;
    const created = await api(t, 'POST', '/api/schedules', { cookie: admin, body: { name: 'Chợ', playlistId: playlist, target: { tags: ['chợ'] }, time: { startDate: '2026-01-01' } } });
    expect(created.status).toBe(201);
    expect((await api(t, 'POST', '/api/publish', { cookie: admin })).status).toBe(201);
    const player = connectPlayer(t);
    const tagged = (m: Manifest | undefined) => (m?.schedules ?? []).filter((s) => s.target.tags?.includes('chợ')).length;
    expect(tagged(messagesOf(player.socket.messages, 'manifest').at(-1)?.manifest)).toBe(0);
    expect((await put(DETAILS)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tagged(messagesOf(player.socket.messages, 'manifest').at(-1)?.manifest)).toBe(1);
  });

  it('writes who changed what, before and after, to the audit log', async () => {
    const before = t.services.screens.get(screenId)!;
    await put(DETAILS);
    const [entry] = t.services.auditEntries.query({}, 10);
    expect(entry).toMatchObject({ action: 'update', objectType: 'screen', objectId: screenId, username: 'quan.tri' });
    const wardCode = before.wardCode ?? null;
    expect(JSON.parse(entry?.before ?? 'null')).toEqual({ name: before.name, ward: before.ward, wardCode, locationKind: before.locationKind, tags: before.tags });
    expect(JSON.parse(entry?.after ?? 'null')).toEqual({ ...DETAILS, ward: before.ward, wardCode });
  });

  it.each([
    ['an empty name', { ...DETAILS, name: '' }, 'name'],
    ['a name of 121 characters', { ...DETAILS, name: 'x'.repeat(121) }, 'name'],
    ['an unknown location kind', { ...DETAILS, locationKind: 'beach' }, 'locationKind'],
    ['a tag of 41 characters', { ...DETAILS, tags: ['x'.repeat(41)] }, 'tags.0'],
    ['21 tags', { ...DETAILS, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags'],
    ['tags as a string', { ...DETAILS, tags: 'chợ, trung tâm' }, 'tags'],
    ['no name', { locationKind: 'park', tags: [] }, 'name'],
    ['an extra field', { ...DETAILS, token: 'x' }, ''],
    ['a ward code that is not one', { ...DETAILS, wardCode: 'Ba Đình' }, 'wardCode'],
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
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(player.socket.frames.length).toBe(sent);
  });

  it('answers 404 screen_not_found for an unknown screen and writes nothing', async () => {
    const before = dumpDb(t.db);
    const res = await put(DETAILS, 's_missing');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('screen_not_found');
    expect(dumpDb(t.db)).toEqual(before);
  });

  it("lets a ward operator change its own ward's screens, not another's, and an editor none", async () => {
    addWard(t, '00004', 'Phường Ba Đình');
    addWard(t, '00007', 'Phường Hoàn Kiếm');
    const now = t.clock.now();
    t.services.screens.insert({ id: 's_a', name: 'Ba Đình', ward: null, wardCode: '00004', locationKind: 'park', tags: [] }, hashToken('tok-a-0123456789'), now);
    t.services.screens.insert({ id: 's_b', name: 'Hoàn Kiếm', ward: null, wardCode: '00007', locationKind: 'park', tags: [] }, hashToken('tok-b-0123456789'), now);
    const op = sessionFor(t, await addUser(t, 'op.a', 'ward_operator', '00004'));
    const editor = sessionFor(t, await addUser(t, 'bien.tap', 'editor'));
    expect((await put(DETAILS, 's_a', op)).status).toBe(200);
    expect(t.services.screens.get('s_a')).toMatchObject({ ...DETAILS, wardCode: '00004' });
    const before = dumpDb(t.db);
    const foreign = await put(DETAILS, 's_b', op);
    expect(foreign.status).toBe(404);
    expect((await errorOf(foreign)).code).toBe('screen_not_found');
    expect((await put(DETAILS, 's_b', editor)).status).toBe(403);
    expect(dumpDb(t.db)).toEqual(before);
  });

  describe('moving to another ward in the same request', () => {
    let op: string;
    beforeEach(async () => {
      addWard(t, '00004', 'Phường Ba Đình');
      addWard(t, '00007', 'Phường Hoàn Kiếm');
      op = sessionFor(t, await addUser(t, 'op.a', 'ward_operator', '00004'));
      t.services.screens.insert({ id: 's_a', name: 'Ba Đình', ward: 'Phường Ba Đình', wardCode: '00004', locationKind: 'park', tags: [] }, hashToken('tok-a-0123456789'), t.clock.now());
    });

    it('renames and moves at once, the label following the new ward, in one audit entry', async () => {
      const entries = t.services.auditEntries.query({}, 100).length;
      const res = await put({ ...DETAILS, wardCode: '00007' }, 's_a');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ...DETAILS, wardCode: '00007', ward: 'Phường Hoàn Kiếm' });
      expect(t.services.screens.get('s_a')).toMatchObject({ ...DETAILS, wardCode: '00007', ward: 'Phường Hoàn Kiếm' });
      const log = t.services.auditEntries.query({}, 100);
      expect(log).toHaveLength(entries + 1);
      expect(JSON.parse(log[0]!.after ?? 'null')).toMatchObject({ name: DETAILS.name, wardCode: '00007', ward: 'Phường Hoàn Kiếm' });
      // A label given in the request wins over the ward's name; null leaves the screen in no ward.
      expect(await (await put({ ...DETAILS, wardCode: '00004', ward: 'UBND phường' }, 's_a')).json()).toMatchObject({ wardCode: '00004', ward: 'UBND phường' });
      expect(await (await put({ ...DETAILS, wardCode: null }, 's_a')).json()).toMatchObject({ wardCode: null, ward: null });
    });

    it('changes nothing, not even the name, when the new ward is unknown', async () => {
      const player = connectPlayer(t);
      const sent = player.socket.frames.length;
      const before = dumpDb(t.db);
      const res = await put({ ...DETAILS, wardCode: '99999' }, 's_a');
      expect(res.status).toBe(422);
      expect(await errorOf(res)).toMatchObject({ code: 'unknown_ward', issues: [{ path: 'wardCode' }] });
      expect(dumpDb(t.db)).toEqual(before);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(player.socket.frames.length).toBe(sent);
    });

    it('rolls the rename back when the move fails inside the transaction', () => {
      const before = dumpDb(t.db);
      // A ward deleted between the check and the write: the foreign key refuses the move.
      expect(() => t.services.publisher.setScreenDetails('s_a', { ...DETAILS, tags: [...DETAILS.tags], ward: 'Phường Ma' }, 'zz_gone')).toThrow(/FOREIGN KEY/);
      expect(dumpDb(t.db)).toEqual(before);
    });

    it("lets a ward operator keep its screen's ward but not move it (403), and hides another ward's screen (404)", async () => {
      expect((await put({ ...DETAILS, wardCode: '00004' }, 's_a', op)).status).toBe(200);
      const before = dumpDb(t.db);
      const moved = await put({ ...DETAILS, name: 'Đổi tên', wardCode: '00007' }, 's_a', op);
      expect(moved.status).toBe(403);
      expect((await errorOf(moved)).code).toBe('forbidden');
      t.services.screens.insert({ id: 's_b', name: 'Hoàn Kiếm', ward: null, wardCode: '00007', locationKind: 'park', tags: [] }, hashToken('tok-b-0123456789'), t.clock.now());
      const withB = dumpDb(t.db);
      const foreign = await put({ ...DETAILS, wardCode: '00004' }, 's_b', op);
      expect(foreign.status).toBe(404);
      expect((await errorOf(foreign)).code).toBe('screen_not_found');
      expect(dumpDb(t.db)).toEqual(withB);
      expect(withB['audit_log']).toEqual(before['audit_log']);
    });
  });
});
