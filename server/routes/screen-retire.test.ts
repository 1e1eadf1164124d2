import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode, PAIRING_SECRET_HEADER, PairingStarted, PairingState, type ScreenStatus } from '../../playlists/index.ts';
import type { ReportData } from '../../playlists/reports.ts';
import { addUser, addWard, sessionFor } from '../testing/accounts.ts';
import { api, connectPlayer, createTestApp, dumpDb, errorOf, type TestApp } from '../testing/helpers.ts';
import { addReportScreens, getJson, storeFixturePlays } from '../testing/reports.ts';

describe('DELETE /api/screens/{id} (retire a screen)', () => {
  let t: TestApp;
  let admin: string;
  let screenId: string;
  beforeEach(async () => {
    t = await createTestApp({ admin: false });
    admin = sessionFor(t, await addUser(t, 'quan.tri', 'admin'));
    screenId = t.services.screens.list()[0]!.id;
  });
  afterEach(() => t.hub.stop());

  const retire = (id = screenId, cookie = admin) => api(t, 'DELETE', `/api/screens/${encodeURIComponent(id)}`, { cookie });
  const listed = async (cookie = admin) => ((await (await api(t, 'GET', '/api/screens', { cookie })).json()) as { screens: ScreenStatus[] }).screens;

  /** A refused request: its status and code, in the documented error shape, and nothing written. */
  async function refused(send: () => Promise<Response>, status: number, code: string): Promise<void> {
    const before = dumpDb(t.db);
    const res = await send();
    expect(res.status).toBe(status);
    expect((await errorOf(res)).code).toBe(code);
    expect(dumpDb(t.db)).toEqual(before);
  }

  it('closes the live socket with 4005 at once and refuses the token from then on', async () => {
    const player = connectPlayer(t);
    expect(player.socket.types[0]).toBe('welcome');
    expect((await retire()).status).toBe(204);
    expect(player.socket.closed).toEqual({ code: CloseCode.retired, reason: 'screen retired' });
    expect(connectPlayer(t).socket.closed?.code).toBe(CloseCode.unknownToken);
    // A screen token is never a session: neither before nor after.
    expect((await api(t, 'GET', '/api/screens', { headers: { Authorization: `Bearer ${t.demoToken}` } })).status).toBe(401);
  });

  it('takes the screen off the dashboard and its counts (the live feed: fleet.test.ts)', async () => {
    const before = (await listed()).length;
    expect((await retire()).status).toBe(204);
    expect((await listed()).map((s) => s.id)).not.toContain(screenId);
    expect(await listed()).toHaveLength(before - 1);
    // The page's total and the fleet's counts, built from the fleet's index, leave it out too.
    const page = (await (await api(t, 'GET', '/api/screens?offset=0&limit=50&status=all', { cookie: admin })).json()) as { total: number; counts: Record<string, number> };
    expect(page.total).toBe(before - 1);
    expect(Object.values(page.counts).some((n) => n > before - 1)).toBe(false);
  });

  it('keeps the row, marked retired, and every screen route answers 404 for it after', async () => {
    expect((await retire()).status).toBe(204);
    const row = t.db.prepare<[string], { retired_at: number | null; name: string }>('SELECT retired_at, name FROM screens WHERE id = ?').get(screenId);
    expect(row).toMatchObject({ retired_at: t.clock.now() });
    expect(t.services.screens.listEver().map((s) => s.id)).toContain(screenId);
    await refused(() => retire(), 404, 'screen_not_found');
    await refused(() => api(t, 'PUT', `/api/screens/${screenId}/details`, { cookie: admin, body: { name: 'Mới', locationKind: 'park', tags: [] } }), 404, 'screen_not_found');
    await refused(() => api(t, 'POST', `/api/screens/${screenId}/token`, { cookie: admin }), 404, 'screen_not_found');
  });

  it('writes who retired which screen to the audit log, and forgets the demo link', async () => {
    const name = t.services.screens.get(screenId)!.name;
    expect(t.services.settings.get('demo_screen_token')).not.toBeNull();
    expect((await retire()).status).toBe(204);
    const [entry] = t.services.auditEntries.query({ objectType: 'screen' }, 1);
    expect(entry).toMatchObject({ action: 'retire', objectId: screenId, username: 'quan.tri' });
    expect(JSON.parse(entry?.before ?? 'null')).toMatchObject({ name });
    expect(t.services.settings.get('demo_screen_token')).toBeNull();
  });

  it('re-pairing the same box later makes a new screen', async () => {
    expect((await retire()).status).toBe(204);
    const started = PairingStarted.parse(await (await api(t, 'POST', '/api/pairing', { body: { viewport: { width: 1920, height: 1080 }, playerVersion: '0.1.0' } })).json());
    const claimed = await api(t, 'POST', '/api/pairing/claim', { cookie: admin, body: { code: started.code, name: 'Nhà văn hóa', locationKind: 'park', tags: [] } });
    expect(claimed.status).toBe(201);
    const state = PairingState.parse(await (await api(t, 'GET', `/api/pairing/${started.pairingId}`, { headers: { [PAIRING_SECRET_HEADER]: started.secret }, origin: null })).json());
    if (state.status !== 'paired') throw new Error('expected the token');
    expect(state.screen.id).not.toBe(screenId);
    const player = connectPlayer(t, { token: state.token });
    expect(player.socket.closed).toBeNull();
    expect((await listed()).map((s) => s.id)).toEqual([state.screen.id]);
  });

  it.each([
    ['an id with a slash', 's_a/b', 400, 'invalid_request'],
    ['an id of 200 characters', 'x'.repeat(200), 400, 'invalid_request'],
    ['an unknown id', 's_missing', 404, 'screen_not_found'],
  ])('refuses %s with a stable code and writes nothing', async (_what, id, status, code) => {
    const before = dumpDb(t.db);
    const res = await retire(id);
    expect(res.status).toBe(status);
    expect((await errorOf(res)).code).toBe(code);
    expect(dumpDb(t.db)).toEqual(before);
  });

  it('refuses a request without the Origin of the server, and writes nothing', async () => {
    await refused(() => api(t, 'DELETE', `/api/screens/${screenId}`, { cookie: admin, origin: null }), 403, 'bad_origin');
  });

  it("is the admins': a ward operator is refused even for its own ward's screen, another ward's is 404 to it elsewhere", async () => {
    addWard(t, '00004', 'Phường Ba Đình');
    addWard(t, '00007', 'Phường Hoàn Kiếm');
    t.services.screens.insert({ id: 's_a', name: 'Ba Đình', ward: null, wardCode: '00004', locationKind: 'park', tags: [] }, 'hash-s_a', t.clock.now());
    t.services.screens.insert({ id: 's_b', name: 'Hoàn Kiếm', ward: null, wardCode: '00007', locationKind: 'park', tags: [] }, 'hash-s_b', t.clock.now());
    const op = sessionFor(t, await addUser(t, 'op.a', 'ward_operator', '00004'));
    const editor = sessionFor(t, await addUser(t, 'bien.tap', 'editor'));
    await refused(() => retire('s_a', op), 403, 'forbidden');
    await refused(() => retire('s_b', op), 403, 'forbidden');
    await refused(() => retire('s_a', editor), 403, 'forbidden');
    // Its dashboard never hears of another ward's retired screen.
    expect((await retire('s_b')).status).toBe(204);
    expect((await listed(op)).map((s) => s.id)).toEqual(['s_a']);
  });
});

describe('a retired screen in reports', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ admin: false, seed: false });
    addReportScreens(t);
    storeFixturePlays(t);
  });
  afterEach(() => t.hub.stop());

  it('still counts its past airtime, in the city and its ward', async () => {
    const admin = sessionFor(t, await addUser(t, 'quan.tri', 'admin'));
    const period = '/api/reports/summary?from=2026-10-15&to=2026-11-30';
    const before = await getJson<ReportData>(t, period, admin);
    expect(before.body.totals).toMatchObject({ plays: 6, airtimeMs: 100_000 });
    expect((await api(t, 'DELETE', '/api/screens/s_a1', { cookie: admin })).status).toBe(204);
    const after = await getJson<ReportData>(t, period, admin);
    expect(after.status).toBe(200);
    expect(after.body.totals).toMatchObject({ plays: 6, airtimeMs: 100_000 });
    expect(after.body.wards).toEqual(before.body.wards);
    expect(t.db.prepare('SELECT count(*) AS n FROM play_events WHERE screen_id = ?').get('s_a1')).toEqual({ n: 3 });
  });
});
