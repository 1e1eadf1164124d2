import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FleetSnapshot, FleetUpdate } from '../../playlists/index.ts';
import { createApp, type App } from '../app.ts';
import { Fleet } from '../fleet.ts';
import { fleetRoutes } from './fleet.ts';
import { ORIGIN, api, connectPlayer, createTestApp, errorOf, signIn, type TestApp } from '../test-helpers.ts';

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

  it('sends a newly paired screen to dashboards already watching', async () => {
    const events = await open();
    await events.next();
    const started = (await (await api({ app }, 'POST', '/api/pairing', { body: { viewport: { width: 192, height: 96 } } })).json()) as { code: string };
    const claimed = await api({ app }, 'POST', '/api/pairing/claim', { cookie, body: { code: started.code, name: 'Bảng P10', locationKind: 'street' } });
    expect(claimed.status).toBe(201);
    const next = await events.next();
    expect(FleetUpdate.parse(next!.data).screens.map((s) => [s.name, s.state])).toEqual([['Bảng P10', 'never']]);
  });

  it('ends the stream once the session is signed out', async () => {
    const routes = fleetRoutes({ ...t.services, fleet, keepAliveMs: 20 });
    reader = new EventReader(await routes.request(`${ORIGIN}/api/screens/events`, { headers: { Cookie: cookie } }));
    expect((await reader.next())?.event).toBe('snapshot');
    expect((await api({ app }, 'DELETE', '/api/session', { cookie })).status).toBe(204);
    // The next keep-alive finds the session gone and closes the stream.
    expect(await reader.next()).toBeNull();
  });
});
