import { beforeEach, describe, expect, it } from 'vitest';
import type { Manifest, ServerMessage } from '../../playlists/index.ts';
import { hashToken } from '../ids.ts';
import { addUser, addWard, sessionFor } from '../testing/accounts.ts';
import { api, connectPlayer, createTestApp, dumpDb, errorOf, slogan, type TestApp } from '../testing/helpers.ts';

const WARD_A = '00004';
const WARD_B = '00007';

describe('PUT /api/screens/{id}/fallback', () => {
  let t: TestApp;
  let admin: string;
  let screenId: string;
  let cityDefault: string;

  beforeEach(async () => {
    t = await createTestApp({ admin: false });
    admin = sessionFor(t, await addUser(t, 'quan.tri', 'admin'));
    screenId = t.services.screens.list()[0]!.id;
    cityDefault = t.services.settings.get('default_playlist_id')!;
  });

  async function json<T>(cookie: string, method: string, path: string, body?: unknown): Promise<T> {
    const res = await api(t, method, path, { cookie, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** A playlist of one slogan, published unless `publish` is false. */
  async function playlist(cookie: string, text: string, publish = true): Promise<string> {
    const item = (await json<{ item: { id: string } }>(cookie, 'POST', '/api/content', slogan(text))).item.id;
    const id = (await json<{ playlist: { id: string } }>(cookie, 'POST', '/api/playlists', { name: text, itemIds: [item] })).playlist.id;
    if (publish) await json(cookie, 'POST', '/api/publish');
    return id;
  }

  const put = (body: unknown, id = screenId, cookie = admin) => api(t, 'PUT', `/api/screens/${id}/fallback`, { cookie, body });
  const manifests = (messages: ServerMessage[]): Manifest[] =>
    messages.filter((m): m is Extract<ServerMessage, { type: 'manifest' }> => m.type === 'manifest').map((m) => m.manifest);

  it('[S7] stores the screen\'s own fallback, audits it, and pushes the new manifest to the connected screen at once', async () => {
    // The ward's own content is published as drafted (city items wait for approval).
    addWard(t, WARD_A, 'Phường Ba Đình');
    t.services.screens.setWardCode(screenId, WARD_A);
    const own = await playlist(sessionFor(t, await addUser(t, 'op.a', 'ward_operator', WARD_A)), 'Học nghề — có việc làm ngay');
    const player = connectPlayer(t);
    expect(manifests(player.socket.messages).at(-1)?.fallback.playlistId).toBe(cityDefault);

    const res = await put({ playlistId: own });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { screen: { id: string; fallbackPlaylistId: string | null }; fallback: unknown };
    expect(body.screen).toMatchObject({ id: screenId, fallbackPlaylistId: own });
    expect(body.fallback).toEqual({ source: 'screen', playlistId: own, screenPlaylistId: own });
    expect(t.services.screens.get(screenId)?.fallbackPlaylistId).toBe(own);

    const pushed = manifests(player.socket.messages).at(-1)!;
    expect(pushed.fallback.playlistId).toBe(own);
    expect(pushed.playlists.map((p) => p.id)).toContain(own);
    expect(pushed.items.map((i) => (i.kind === 'slogan' ? i.text : ''))).toContain('Học nghề — có việc làm ngay');

    const [entry] = t.services.auditEntries.query({}, 10);
    expect(entry).toMatchObject({ action: 'update_fallback', objectType: 'screen', objectId: screenId, username: 'quan.tri' });
    expect(JSON.parse(entry?.before ?? 'null')).toEqual({ playlistId: null });
    expect(JSON.parse(entry?.after ?? 'null')).toEqual({ playlistId: own });

    // Back to the city default.
    expect((await put({ playlistId: null })).status).toBe(200);
    expect(manifests(player.socket.messages).at(-1)?.fallback.playlistId).toBe(cityDefault);
  });

  it('[S7] plays the city default while the screen\'s own fallback is not published, and says so', async () => {
    const draft = await playlist(admin, 'Chưa xuất bản', false);
    const res = await put({ playlistId: draft });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { fallback: unknown }).fallback).toEqual({ source: 'city_default', playlistId: cityDefault, screenPlaylistId: draft });
    const player = connectPlayer(t);
    expect(manifests(player.socket.messages).at(-1)?.fallback.playlistId).toBe(cityDefault);
    await json(admin, 'POST', '/api/publish');
    expect(t.services.manifests.fallbackOf(t.services.screens.get(screenId)!)).toMatchObject({ source: 'screen', playlistId: draft });
  });

  it.each([
    ['an unknown playlist', { playlistId: 'p_missing' }, 422, 'unknown_playlist'],
    ['a malformed id', { playlistId: 'not an id!' }, 400, 'invalid_request'],
    ['a missing field', {}, 400, 'invalid_request'],
    ['an extra field', { playlistId: null, screens: [] }, 400, 'invalid_request'],
  ])('refuses %s and changes nothing', async (_what, body, status, code) => {
    const player = connectPlayer(t);
    const frames = player.socket.frames.length;
    const before = dumpDb(t.db);
    const res = await put(body);
    expect(res.status).toBe(status);
    expect((await errorOf(res)).code).toBe(code);
    expect(dumpDb(t.db)).toEqual(before);
    expect(player.socket.frames.length).toBe(frames);
  });

  it('answers an unknown screen with 404 screen_not_found', async () => {
    const res = await put({ playlistId: null }, 's_missing');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('screen_not_found');
  });

  describe('a ward operator', () => {
    let opA: string;
    let opB: string;
    beforeEach(async () => {
      addWard(t, WARD_A, 'Phường Ba Đình');
      addWard(t, WARD_B, 'Phường Hoàn Kiếm');
      t.services.screens.insert({ id: 's_ward_a', name: 'Bảng tin Ba Đình', ward: null, wardCode: WARD_A, locationKind: 'ward_office', tags: [] }, hashToken('token-a'), t.clock.now());
      opA = sessionFor(t, await addUser(t, 'op.a', 'ward_operator', WARD_A));
      opB = sessionFor(t, await addUser(t, 'op.b', 'ward_operator', WARD_B));
    });

    it('sets its own ward\'s playlist or the city\'s on its ward\'s screen', async () => {
      const own = await playlist(opA, 'Tin phường Ba Đình');
      expect((await put({ playlistId: own }, 's_ward_a', opA)).status).toBe(200);
      expect(t.services.screens.get('s_ward_a')?.fallbackPlaylistId).toBe(own);
      expect((await put({ playlistId: cityDefault }, 's_ward_a', opA)).status).toBe(200);
      expect(t.services.screens.get('s_ward_a')?.fallbackPlaylistId).toBe(cityDefault);
    });

    it('cannot name another ward\'s playlist: it answers like a missing one, and nothing changes', async () => {
      const foreign = await playlist(opB, 'Tin phường Hoàn Kiếm');
      const missing = await put({ playlistId: 'p_missing' }, 's_ward_a', opA);
      const before = dumpDb(t.db);
      const res = await put({ playlistId: foreign }, 's_ward_a', opA);
      expect(dumpDb(t.db)).toEqual(before);
      const [got, expected] = [await errorOf(res), await errorOf(missing)];
      expect({ status: res.status, code: got.code, message: got.message }).toEqual({ status: missing.status, code: expected.code, message: expected.message });
    });

    it('cannot put another ward\'s playlist on a city screen either (admin)', async () => {
      const foreign = await playlist(opB, 'Tin phường Hoàn Kiếm');
      const res = await put({ playlistId: foreign });
      expect(res.status).toBe(422);
      expect((await errorOf(res)).code).toBe('unknown_playlist');
    });
  });
});
