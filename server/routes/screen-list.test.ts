import { beforeEach, describe, expect, it } from 'vitest';
import { ScreenList } from '../../playlists/index.ts';
import { hashToken } from '../ids.ts';
import { addUser, addWard, sessionFor } from '../testing/accounts.ts';
import { api, connectPlayer, createTestApp, errorOf, type TestApp } from '../testing/helpers.ts';
import { DEFAULT_FLEET } from '../fleet/fleet.ts';

const HOUR = 3_600_000;

describe('GET /api/screens (paged)', () => {
  let t: TestApp;
  let admin: string;
  beforeEach(async () => {
    t = await createTestApp({ admin: false });
    admin = sessionFor(t, await addUser(t, 'quan.tri', 'admin'));
    addWard(t, '00004', 'Phường Ba Đình');
    const kinds = ['park', 'station', 'street'] as const;
    t.db.transaction(() => {
      for (let i = 0; i < 250; i++) {
        const id = `s_page_${String(i).padStart(3, '0')}`;
        const ward = i % 2 ? 'Phường Ba Đình' : 'Phường Hoàn Kiếm';
        t.services.screens.insert(
          { id, name: `Màn hình ${String(i).padStart(3, '0')}`, ward, wardCode: i % 2 ? '00004' : null, locationKind: kinds[i % 3]!, tags: [] },
          hashToken(`token-${id}`), t.clock.now(),
        );
        // A tenth were last seen two hours ago (offline, alerting); the rest never connected.
        if (i % 10 === 0) {
          t.services.screens.recordSightings([{ id, lastSeenAt: t.clock.now() - 2 * HOUR - i * 1000, manifestVersion: null, playerVersion: '0.1.0', viewport: null }]);
        }
      }
    })();
  });
  const list = async (query = '', cookie = admin) => {
    const res = await api(t, 'GET', `/api/screens${query}`, { cookie });
    expect(res.status).toBe(200);
    return ScreenList.parse(await res.json());
  };

  it('answers the first 100 screens by default, with the total and the counts of the whole fleet', async () => {
    const page = await list();
    expect(page.screens).toHaveLength(100);
    expect(page).toMatchObject({ total: 251, offset: 0, limit: 100 });
    expect(page.counts).toEqual({ all: 251, online: 0, offline: 25, never: 226, closed: 0, alerts: 25, behind: 0 });
    // What needs attention comes first: the longest alert (the screen seen longest ago) on top.
    expect(page.screens[0]!.name).toBe('Màn hình 240');
    expect(page.screens.slice(0, 25).every((s) => s.alert !== null)).toBe(true);
    expect(page.alerted).toHaveLength(8);
    expect(page.alerted[0]!.name).toBe('Màn hình 240');
    expect(page.wards).toEqual(['Phường Ba Đình', 'Phường Hoàn Kiếm']);
  });

  it('pages through every screen once, in a stable order', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 251; offset += 60) {
      const page = await list(`?offset=${offset}&limit=60`);
      expect(page.screens.length).toBe(Math.min(60, 251 - offset));
      seen.push(...page.screens.map((s) => s.id));
    }
    expect(new Set(seen).size).toBe(251);
    expect((await list('?offset=251&limit=60')).screens).toEqual([]);
  });

  it('searches names in any case and filters by ward label, kind and state on the server', async () => {
    const found = await list('?q=' + encodeURIComponent('MÀN HÌNH 12'));
    // The alerting one first, then by name.
    expect(found.screens.map((s) => s.name)).toEqual(['Màn hình 120', ...Array.from({ length: 9 }, (_, i) => `Màn hình 12${i + 1}`)]);
    expect(found.total).toBe(10);
    // The counts stay those of the whole fleet.
    expect(found.counts.all).toBe(251);
    const ward = await list(`?ward=${encodeURIComponent('Phường Ba Đình')}&kind=station&limit=500`);
    expect(ward.total).toBe(42);
    expect(ward.screens.every((s) => s.ward === 'Phường Ba Đình' && s.locationKind === 'station')).toBe(true);
    expect((await list('?status=alert')).total).toBe(25);
    expect((await list('?status=never&limit=500')).total).toBe(226);
  });

  it('follows live state: a connected screen is online and counted so', async () => {
    connectPlayer(t);
    const online = await list('?status=online');
    expect(online.total).toBe(1);
    expect(online.screens[0]).toMatchObject({ connected: true, state: 'online' });
    expect(online.counts.online).toBe(1);
  });

  it('follows screens that connect and go after the first request', async () => {
    expect((await list('?status=online')).total).toBe(0);
    const player = connectPlayer(t);
    expect((await list('?status=online')).total).toBe(1);
    player.handlers.close();
    t.clock.advance(DEFAULT_FLEET.graceMs + 1_000);
    expect((await list('?status=online')).total).toBe(0);
  });

  it('counts a screen offline outside its operating hours as closed, not offline, and raises no alert for it', async () => {
    // Open 06:00–07:00 only; the test clock says 09:00 (Asia/Ho_Chi_Minh).
    t.services.screens.setHours('s_page_000', { hours: { windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '06:00', to: '07:00' }], outside: 'black' }, dailyReloadAt: null });
    const page = await list();
    expect(page.counts).toMatchObject({ offline: 24, closed: 1, alerts: 24 });
    expect(page.screens.find((s) => s.id === 's_page_000')).toMatchObject({ state: 'offline', open: false, alert: null });
  });

  it('follows sightings written after the first request', async () => {
    expect((await list('?q=' + encodeURIComponent('màn hình 001'))).screens[0]).toMatchObject({ state: 'never' });
    t.services.screens.recordSightings([{ id: 's_page_001', lastSeenAt: t.clock.now() - 5_000, manifestVersion: 'v-old', playerVersion: '0.1.0', viewport: null }]);
    const page = await list('?q=' + encodeURIComponent('màn hình 001'));
    expect(page.screens[0]).toMatchObject({ state: 'online', sync: 'behind' });
    expect(page.counts).toMatchObject({ online: 1, behind: 1 });
  });

  it('sees a screen added or renamed after the first request', async () => {
    await list();
    t.services.screens.insert({ id: 's_new', name: 'Bảng tin mới', ward: null, locationKind: 'park', tags: [] }, hashToken('new'), t.clock.now());
    expect((await list('?q=' + encodeURIComponent('bảng tin mới'))).total).toBe(1);
    t.services.screens.setDetails('s_new', { name: 'Bảng tin đổi tên', ward: null, locationKind: 'park', tags: [] });
    expect((await list('?q=' + encodeURIComponent('đổi tên'))).screens.map((s) => s.id)).toEqual(['s_new']);
  });

  it("lists and counts only a ward operator's own ward", async () => {
    const operator = sessionFor(t, await addUser(t, 'ba.dinh', 'ward_operator', '00004'));
    const page = await list('?limit=500', operator);
    expect(page.total).toBe(125);
    expect(page.counts.all).toBe(125);
    expect(page.screens.every((s) => s.wardCode === '00004')).toBe(true);
    expect(page.wards).toEqual(['Phường Ba Đình']);
  });

  it("says in Server-Timing how long building the page took, and the CPU time it used", async () => {
    const res = await api(t, 'GET', '/api/screens', { cookie: admin });
    expect(res.headers.get('server-timing')).toMatch(/^list;dur=\d+(\.\d)?, cpu;dur=\d+(\.\d)?$/);
  });

  it.each(['limit=0', 'limit=501', 'limit=abc', 'offset=-1', 'offset=1.5', 'status=asleep', 'kind=moon'])('refuses %s with 400 invalid_request', async (query) => {
    const res = await api(t, 'GET', `/api/screens?${query}`, { cookie: admin });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_request');
  });
});
