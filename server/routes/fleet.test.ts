import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FleetChanged, FleetRemoved, FleetSnapshot, FleetUpdate } from '../../playlists/index.ts';
import { hashToken } from '../ids.ts';
import { createApp, type App } from '../app.ts';
import { Fleet } from '../fleet/fleet.ts';
import { fleetRoutes } from './fleet.ts';
import { ORIGIN, api, connectPlayer, createTestApp, errorOf, signIn, type TestApp } from '../testing/helpers.ts';
import { USER_PASSWORD, addUser, addWard, sessionFor } from '../testing/accounts.ts';

/** Reads server-sent events off a response body, one at a time. */
class EventReader {
  #buffer = '';
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  constructor(res: Response) {
    this.#reader = res.body!.getReader();
  }

  /** The next event, or null when the stream ended. */
  async next(): Promise<{ event: string; data: unknown } | null> {
    for (;;) {
      const end = this.#buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.#buffer.slice(0, end);
        this.#buffer = this.#buffer.slice(end + 2);
        const lines = block.split('\n');
        const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
        const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
        if (event && data !== undefined) return { event, data: JSON.parse(data) };
        continue; // a keep-alive comment
      }
      const { value, done } = await this.#reader.read();
      if (done) return null;
      this.#buffer += this.#decoder.decode(value, { stream: true });
    }
  }

  cancel(): Promise<void> {
    return this.#reader.cancel();
  }
}

describe('GET /api/screens/events', () => {
  let t: TestApp;
  let app: App;
  let fleet: Fleet;
  let cookie: string;
  let reader: EventReader | null = null;

  beforeEach(async () => {
    t = await createTestApp();
    fleet = new Fleet({ ...t.services, hub: t.hub }, { batchMs: 5 });
    app = createApp({ db: t.db, clock: t.clock, hub: t.hub, services: t.services, fleet, distDir: tmpdir() });
    cookie = await signIn({ app });
  });
  afterEach(async () => {
    await reader?.cancel();
    reader = null;
  });

  const open = async () => {
    const res = await app.request(`${ORIGIN}/api/screens/events`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    return (reader = new EventReader(res));
  };

  it('answers 401 without a session', async () => {
    const res = await api({ app }, 'GET', '/api/screens/events');
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('unauthenticated');
  });

  it('starts with a snapshot of every screen and the thresholds, then sends the screens that change', async () => {
    const events = await open();
    const first = await events.next();
    expect(first?.event).toBe('snapshot');
    const snapshot = FleetSnapshot.parse(first!.data);
    expect(snapshot.screens.map((s) => s.state)).toEqual(['never']);
    expect(snapshot.settings).toEqual({ graceMs: 60_000, alertAfterMs: 600_000 });

    connectPlayer(t);
    const next = await events.next();
    expect(next?.event).toBe('screens');
    const update = FleetUpdate.parse(next!.data);
    expect(update.screens).toEqual([expect.objectContaining({ id: snapshot.screens[0]!.id, state: 'online', connected: true })]);
  });

  it('with changes=ids, sends no statuses: an empty snapshot, then the ids of the screens that changed', async () => {
    const res = await app.request(`${ORIGIN}/api/screens/events?changes=ids`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const events = (reader = new EventReader(res));
    const first = await events.next();
    expect(first?.event).toBe('snapshot');
    expect(FleetSnapshot.parse(first!.data).screens).toEqual([]);
    connectPlayer(t);
    const next = await events.next();
    expect(next?.event).toBe('changed');
    expect(FleetChanged.parse(next!.data).ids).toEqual([t.services.screens.byTokenHash(hashToken(t.demoToken))!.id]);
  });

  it('refuses an unknown changes mode with 400 invalid_request', async () => {
    const res = await api({ app }, 'GET', '/api/screens/events?changes=everything', { cookie });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_request');
  });

  it('sends a newly paired screen to dashboards already watching', async () => {
    const events = await open();
    await events.next();
    const started = (await (await api({ app }, 'POST', '/api/pairing', { body: { viewport: { width: 192, height: 96 } } })).json()) as { code: string };
    const claimed = await api({ app }, 'POST', '/api/pairing/claim', { cookie, body: { code: started.code, name: 'Bảng P10', locationKind: 'street' } });
    expect(claimed.status).toBe(201);
    const next = await events.next();
    expect(FleetUpdate.parse(next!.data).screens.map((s) => [s.name, s.state])).toEqual([['Bảng P10', 'never']]);
  });

  it('tells dashboards to drop a retired screen at once', async () => {
    const events = await open();
    const snapshot = FleetSnapshot.parse((await events.next())!.data);
    const id = snapshot.screens[0]!.id;
    expect((await api({ app }, 'DELETE', `/api/screens/${id}`, { cookie })).status).toBe(204);
    const next = await events.next();
    expect(next).toEqual({ event: 'removed', data: { ids: [id] } });
    expect(FleetRemoved.parse(next!.data).ids).toEqual([id]);
  });

  it('ends the stream once the session is signed out', async () => {
    const routes = fleetRoutes({ ...t.services, fleet, keepAliveMs: 20 });
    reader = new EventReader(await routes.request(`${ORIGIN}/api/screens/events`, { headers: { Cookie: cookie } }));
    expect((await reader.next())?.event).toBe('snapshot');
    expect((await api({ app }, 'DELETE', '/api/session', { cookie })).status).toBe(204);
    // The next keep-alive finds the session gone and closes the stream.
    expect(await reader.next()).toBeNull();
  });

  describe('when an account\'s access changes', () => {
    /** The next event, or 'open' if the stream neither ends nor sends within a second. */
    const nextOrOpen = (events: EventReader) =>
      Promise.race([events.next(), new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), 1_000))]);
    let operator: number;
    let operatorCookie: string;
    let screenOf: Record<string, string>;

    beforeEach(async () => {
      addWard(t, '00004', 'Phường Ba Đình');
      addWard(t, '00070', 'Phường Hoàn Kiếm');
      screenOf = {};
      for (const [ward, name] of [['00004', 'Bảng Ba Đình'], ['00070', 'Bảng Hoàn Kiếm']] as const) {
        const res = await api({ app }, 'POST', '/api/screens', { cookie, body: { name, locationKind: 'street' } });
        const id = ((await res.json()) as { screen: { id: string } }).screen.id;
        expect((await api({ app }, 'PUT', `/api/screens/${id}/ward`, { cookie, body: { wardCode: ward } })).status).toBe(200);
        screenOf[ward] = id;
      }
      operator = await addUser(t, 'van.hanh', 'ward_operator', '00004');
      operatorCookie = sessionFor(t, operator);
    });

    const openAs = async (who: string) => {
      const res = await app.request(`${ORIGIN}/api/screens/events`, { headers: { Cookie: who } });
      expect(res.status).toBe(200);
      const events = (reader = new EventReader(res));
      const snapshot = FleetSnapshot.parse((await events.next())!.data);
      return { events, ids: snapshot.screens.map((s) => s.id) };
    };

    it('ends a ward operator\'s stream when an admin moves them to another ward; the next one shows only the new ward', async () => {
      const { events, ids } = await openAs(operatorCookie);
      expect(ids).toEqual([screenOf['00004']]);
      const moved = await api({ app }, 'PATCH', `/api/users/${operator}`, { cookie, body: { wardCode: '00070' } });
      expect(moved.status).toBe(200);
      expect(await nextOrOpen(events)).toBeNull();
      expect((await openAs(operatorCookie)).ids).toEqual([screenOf['00070']]);
    });

    it('ends the stream when the account is locked, made another role, signed out everywhere or reset', async () => {
      const changes: Array<() => Promise<Response>> = [
        () => api({ app }, 'PATCH', `/api/users/${operator}`, { cookie, body: { role: 'viewer' } }),
        () => api({ app }, 'PATCH', `/api/users/${operator}`, { cookie, body: { disabled: true } }),
        () => api({ app }, 'DELETE', '/api/sessions', { cookie: operatorCookie }),
        () => api({ app }, 'PUT', `/api/users/${operator}/password`, { cookie, body: { password: 'mật khẩu cấp lại 22' } }),
      ];
      for (const change of changes) {
        t.services.users.update(operator, { role: 'ward_operator', wardCode: '00004', disabled: false });
        operatorCookie = sessionFor(t, operator);
        const { events } = await openAs(operatorCookie);
        expect((await change()).status).toBeLessThan(300);
        expect(await nextOrOpen(events)).toBeNull();
      }
    });

    it('ends the other sessions\' streams when the password is changed', async () => {
      const other = sessionFor(t, operator);
      const { events } = await openAs(other);
      const changed = await api({ app }, 'PUT', '/api/session/password', {
        cookie: operatorCookie, body: { currentPassword: USER_PASSWORD, newPassword: 'mật khẩu mới của tôi' },
      });
      expect(changed.status).toBe(200);
      expect(await nextOrOpen(events)).toBeNull();
    });

    it('keeps streams open when someone else\'s account changes', async () => {
      const { events } = await openAs(operatorCookie);
      const someone = await addUser(t, 'bien.tap', 'editor');
      expect((await api({ app }, 'PATCH', `/api/users/${someone}`, { cookie, body: { role: 'approver' } })).status).toBe(200);
      expect(await nextOrOpen(events)).toBe('open');
    });
  });
});
