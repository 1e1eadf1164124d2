import { beforeEach, describe, expect, it } from 'vitest';
import type { ScreenLayout, ScreenStatus, ServerMessage } from '../../playlists/index.ts';
import { addUser, sessionFor } from '../testing/accounts.ts';
import { api, connectPlayer, createTestApp, dumpDb, errorOf, type TestApp } from '../testing/helpers.ts';

const LED: ScreenLayout = {
  canvas: { x: 100, y: 50, width: 384, height: 192 },
  ticker: { position: 'bottom', heightPx: 32 },
  theme: 'indoor',
};

describe('PUT /api/screens/{id}/layout', () => {
  let t: TestApp;
  let admin: string;
  let screenId: string;
  beforeEach(async () => {
    t = await createTestApp({ admin: false });
    admin = sessionFor(t, await addUser(t, 'quan.tri', 'admin'));
    screenId = t.services.screens.list()[0]!.id;
  });
  const put = (body: unknown, id = screenId, cookie = admin) => api(t, 'PUT', `/api/screens/${id}/layout`, { cookie, body });
  const screenMessages = (messages: ServerMessage[]) =>
    messages.filter((m): m is Extract<ServerMessage, { type: 'screen' }> => m.type === 'screen').map((m) => m.screen);

  it('starts every screen on the whole viewport, without a strip, in the outdoor theme', async () => {
    const listed = (await (await api(t, 'GET', '/api/screens', { cookie: admin })).json()) as { screens: ScreenStatus[] };
    expect(listed.screens[0]).toMatchObject({ canvas: null, ticker: null, theme: 'outdoor' });
  });

  it('stores the layout, answers the screen and lists it', async () => {
    const res = await put(LED);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: screenId, ...LED });
    const listed = (await (await api(t, 'GET', '/api/screens', { cookie: admin })).json()) as { screens: ScreenStatus[] };
    expect(listed.screens.find((s) => s.id === screenId)).toMatchObject(LED);
  });

  it('sends a connected screen its new settings at once, and again on its next hello', async () => {
    const player = connectPlayer(t);
    expect(screenMessages(player.socket.messages).at(-1)).toMatchObject({ canvas: null, theme: 'outdoor' });
    await put(LED);
    expect(player.socket.types.at(-1)).toBe('screen');
    expect(screenMessages(player.socket.messages).at(-1)).toMatchObject({ id: screenId, ...LED });
    const again = connectPlayer(t);
    expect(screenMessages(again.socket.messages)).toEqual([expect.objectContaining(LED)]);
  });

  it('stores the layout of a screen that is not connected, for its next hello', async () => {
    expect(t.hub.screenChanged(screenId)).toBe(false);
    expect((await put(LED)).status).toBe(200);
    expect(screenMessages(connectPlayer(t).socket.messages)).toEqual([expect.objectContaining(LED)]);
  });

  it('goes back to the whole viewport with null', async () => {
    await put(LED);
    expect(await (await put({ canvas: null, ticker: null, theme: 'outdoor' })).json()).toMatchObject({ canvas: null, ticker: null, theme: 'outdoor' });
    expect(t.services.screens.get(screenId)).toMatchObject({ canvas: null, ticker: null, theme: 'outdoor' });
  });

  it('writes who changed the layout, before and after, to the audit log', async () => {
    await put(LED);
    const [entry] = t.services.auditEntries.query({}, 10);
    expect(entry).toMatchObject({ action: 'update_layout', objectType: 'screen', objectId: screenId, username: 'quan.tri' });
    expect(JSON.parse(entry?.before ?? 'null')).toEqual({ canvas: null, ticker: null, theme: 'outdoor' });
    expect(JSON.parse(entry?.after ?? 'null')).toEqual(LED);
  });

  it.each([
    ['a canvas past an 8K output', { ...LED, canvas: { x: 7000, y: 0, width: 1920, height: 1080 } }, 'canvas.width'],
    ['a canvas of fractional pixels', { ...LED, canvas: { x: 10.5, y: 0, width: 384, height: 192 } }, 'canvas.x'],
    ['a negative position', { ...LED, canvas: { x: -1, y: 0, width: 384, height: 192 } }, 'canvas.x'],
    ['a strip taller than half the canvas', { ...LED, ticker: { position: 'top', heightPx: 100 } }, 'ticker.heightPx'],
    ['a strip on the side', { ...LED, ticker: { position: 'left', heightPx: 20 } }, 'ticker.position'],
    ['an unknown theme', { ...LED, theme: 'neon' }, 'theme'],
    ['a missing theme', { canvas: null, ticker: null }, 'theme'],
  ])('refuses %s with 400 and writes nothing', async (_what, body, path) => {
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
    const res = await put(LED, 's_missing');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('screen_not_found');
    expect(dumpDb(t.db)).toEqual(before);
  });

  it('lets only an admin change a layout', async () => {
    const editor = sessionFor(t, await addUser(t, 'bien.tap', 'editor'));
    const before = dumpDb(t.db);
    expect((await put(LED, screenId, editor)).status).toBe(403);
    expect(dumpDb(t.db)).toEqual(before);
  });
});
