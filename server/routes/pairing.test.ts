import { beforeEach, describe, expect, it } from 'vitest';
import { PAIRING_SECRET_HEADER, PairingStarted, PairingState, ServerMessage } from '../../playlists/index.ts';
import { hashPassword } from '../auth/password.ts';
import {
  CLAIM_FAILURE_WINDOW_MS,
  COLLECT_GRACE_MS,
  LIVE_PER_ADDRESS,
  LIVE_PER_NETWORK,
  MAX_LIVE_PAIRINGS,
  PAIRING_RESERVE,
  PairingService,
  START_LIMIT,
} from '../pairing/pairing.ts';
import { PairingRepo } from '../repos/pairings.ts';
import { createApp } from '../app.ts';
import { createServices } from '../services.ts';
import { tmpdir } from 'node:os';
import { ORIGIN, connectPlayer, createTestApp, dumpDb, errorOf, signIn, type TestApp } from '../testing/helpers.ts';

/** The contract's alphabet: A–Z and 2–9 without 0, O, 1, I. */
const CODE = /^[A-HJ-NP-Z2-9]{6}$/;
const SCREEN = { name: 'Bảng tin chợ Đồng Xuân', ward: 'Phường Hoàn Kiếm', locationKind: 'bulletin_board', tags: ['chợ'] };

interface Req {
  cookie?: string;
  body?: unknown;
  /** The peer address Node would report for the request. */
  address?: string;
  headers?: Record<string, string>;
  origin?: string | null;
}

describe('pairing', () => {
  let t: TestApp;
  let cookie: string;

  function request(method: string, path: string, opts: Req = {}): Promise<Response> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.origin !== null) headers.Origin = opts.origin ?? ORIGIN;
    if (opts.cookie) headers.Cookie = opts.cookie;
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    const env = { incoming: { socket: { remoteAddress: opts.address ?? '192.0.2.10' } } };
    return Promise.resolve(t.app.request(`${ORIGIN}${path}`, { method, headers, body }, env));
  }

  async function start(address?: string): Promise<PairingStarted> {
    const res = await request('POST', '/api/pairing', { body: { viewport: { width: 192, height: 96 }, playerVersion: '0.1.0' }, address });
    expect(res.status).toBe(201);
    return PairingStarted.parse(await res.json());
  }
  const poll = (p: Pick<PairingStarted, 'pairingId' | 'secret'>) =>
    request('GET', `/api/pairing/${p.pairingId}`, { headers: { [PAIRING_SECRET_HEADER]: p.secret }, origin: null });
  const claim = (code: string, opts: Req = {}) => request('POST', '/api/pairing/claim', { cookie, body: { code, ...SCREEN }, ...opts });

  /** A refused request: its status and code, in the documented error shape, and no change to the database. */
  async function refused(send: () => Promise<Response>, status: number, code: string): Promise<Response> {
    const before = dumpDb(t.db);
    const res = await send();
    expect(res.status).toBe(status);
    expect((await errorOf(res)).code).toBe(code);
    expect(dumpDb(t.db)).toEqual(before);
    return res;
  }

  /** Moves the clock, then lets the session record that it is in use (a write of its own). */
  async function advance(ms: number): Promise<void> {
    t.clock.advance(ms);
    expect((await request('GET', '/api/screens', { cookie })).status).toBe(200);
  }

  beforeEach(async () => {
    t = await createTestApp();
    cookie = await signIn(t);
  });

  it('pairs a player: code, claim, token handed over once, and the token opens the player socket', async () => {
    const started = await start();
    expect(started.code).toMatch(CODE);
    expect(Date.parse(started.expiresAt) - t.clock.now()).toBe(10 * 60_000);

    const pending = PairingState.parse(await (await poll(started)).json());
    expect(pending).toEqual({ status: 'pending', expiresAt: started.expiresAt });

    const screensBefore = t.services.screens.list().length;
    const claimed = await claim(started.code);
    expect(claimed.status).toBe(201);
    const { screen } = (await claimed.json()) as { screen: { id: string; name: string } };
    expect(screen).toMatchObject({ ...SCREEN, id: expect.stringMatching(/^s_/) });
    expect(t.services.screens.list()).toHaveLength(screensBefore + 1);

    const paired = PairingState.parse(await (await poll(started)).json());
    if (paired.status !== 'paired') throw new Error('expected the token');
    expect(paired.screen).toEqual(screen);

    const player = connectPlayer(t, { token: paired.token });
    expect(player.socket.closed).toBeNull();
    const settings = player.socket.messages.find((m): m is Extract<ServerMessage, { type: 'screen' }> => m.type === 'screen');
    expect(settings?.screen.id).toBe(screen.id);

    // Handed over once: the row is gone, and neither the poll nor the code work again.
    await refused(() => poll(started), 404, 'pairing_not_found');
    await refused(() => claim(started.code), 404, 'pairing_code_not_found');
    expect(t.db.prepare('SELECT count(*) AS n FROM pairings').get()).toEqual({ n: 0 });
  });

  it('links the screen to a ward by code and logs the pairing without any secret', async () => {
    t.services.wards.insert({ code: '00070', name: 'Phường Hoàn Kiếm', kind: 'phuong' }, t.clock.now());
    const started = await start();
    const res = await claim(started.code, { body: { code: started.code, name: 'Hồ Gươm', locationKind: 'park', wardCode: '00070' } });
    expect(res.status).toBe(201);
    const { screen } = (await res.json()) as { screen: { id: string; ward: string } };
    expect(screen.ward).toBe('Phường Hoàn Kiếm');
    expect(t.services.screens.get(screen.id)?.wardCode).toBe('00070');
    const log = t.db.prepare<[], { action: string; object_id: string; after: string }>("SELECT action, object_id, after FROM audit_log WHERE object_type = 'screen'").all();
    expect(log).toEqual([expect.objectContaining({ action: 'pair', object_id: screen.id })]);
    expect(log[0]!.after).not.toContain(started.secret);
  });

  it('refuses an unknown ward code without counting it as a wrong code', async () => {
    const started = await start();
    for (let i = 0; i < 6; i++) {
      await refused(() => claim(started.code, { body: { code: started.code, ...SCREEN, wardCode: '99999' } }), 422, 'unknown_ward');
    }
    expect((await claim(started.code)).status).toBe(201);
  });

  it('keeps neither the secret nor the screen token in the database', async () => {
    const started = await start();
    await claim(started.code);
    const stored = JSON.stringify(dumpDb(t.db));
    expect(stored).not.toContain(started.secret);
    const paired = PairingState.parse(await (await poll(started)).json());
    if (paired.status !== 'paired') throw new Error('expected the token');
    expect(stored).not.toContain(paired.token);
  });

  it('accepts a code typed in lower case with a space or a hyphen', async () => {
    const started = await start();
    const typed = `${started.code.slice(0, 3).toLowerCase()} -${started.code.slice(3)}`;
    expect((await claim(typed)).status).toBe(201);
  });

  it('draws another code when one is taken', async () => {
    const codes = ['AAAAAA', 'AAAAAA', 'AAAAAA', 'BBBBBB'];
    const service = new PairingService({ ...t.services, pairings: new PairingRepo(t.db), newCode: () => codes.shift()! });
    const a = service.start({ viewport: { width: 1, height: 1 } }, '192.0.2.1');
    const b = service.start({ viewport: { width: 1, height: 1 } }, '192.0.2.1');
    expect([a.code, b.code]).toEqual(['AAAAAA', 'BBBBBB']);
  });

  it('refuses a pairing request without the same Origin or with a bad viewport', async () => {
    await refused(() => request('POST', '/api/pairing', { body: { viewport: { width: 1, height: 1 } }, origin: null }), 403, 'bad_origin');
    await refused(() => request('POST', '/api/pairing', { body: { viewport: { width: -1, height: 1 } } }), 400, 'invalid_request');
    await refused(() => request('POST', '/api/pairing', { body: { viewport: { width: 1, height: 1 }, token: 'x' } }), 400, 'invalid_request');
  });

  it('answers a wrong secret, an unknown pairing and a missing secret alike, changing nothing', async () => {
    const started = await start();
    await claim(started.code);
    await refused(() => poll({ ...started, secret: `${started.secret.slice(0, -1)}x` }), 404, 'pairing_not_found');
    await refused(() => poll({ ...started, pairingId: 'pr_unknown' }), 404, 'pairing_not_found');
    await refused(() => request('GET', `/api/pairing/${started.pairingId}`), 400, 'invalid_request');
    // The rightful player still collects its token.
    expect(PairingState.parse(await (await poll(started)).json()).status).toBe('paired');
  });

  it('expires a code after 10 minutes: the player hears 410, the operator cannot claim it', async () => {
    const started = await start();
    await advance(10 * 60_000);
    await refused(() => poll(started), 410, 'pairing_expired');
    await refused(() => claim(started.code), 410, 'pairing_expired');
  });

  it('lets a claimed player collect its token a while after the code expired, then no more', async () => {
    const late = await start();
    const later = await start();
    t.clock.advance(10 * 60_000 - 1);
    await claim(late.code);
    await claim(later.code);
    await advance(1 + COLLECT_GRACE_MS - 1);
    expect(PairingState.parse(await (await poll(late)).json()).status).toBe('paired');
    await advance(1);
    await refused(() => poll(later), 410, 'pairing_expired');
  });

  it('refuses a code claimed twice', async () => {
    const started = await start();
    expect((await claim(started.code)).status).toBe(201);
    await refused(() => claim(started.code), 409, 'pairing_already_claimed');
  });

  it.each([['ABC10O'], ['ABCDE'], ['ABCDEFG'], [''], ['ABCDÉF']])('refuses the badly formed code %j with 400', async (code) => {
    await refused(() => claim(code), 400, 'invalid_request');
  });

  it('refuses a claim without a screen name or with an unknown location kind', async () => {
    const started = await start();
    await refused(() => request('POST', '/api/pairing/claim', { cookie, body: { code: started.code, locationKind: 'park' } }), 400, 'invalid_request');
    await refused(() => claim(started.code, { body: { code: started.code, ...SCREEN, locationKind: 'moon' } }), 400, 'invalid_request');
  });

  it('lets only an admin claim, and refuses a foreign Origin', async () => {
    const started = await start();
    await refused(() => claim(started.code, { cookie: '' }), 401, 'unauthenticated');
    t.services.users.insert('viewer', await hashPassword('mật khẩu người xem'), 'viewer', false, t.clock.now());
    const viewer = await signIn(t, 'viewer', 'mật khẩu người xem');
    await refused(() => claim(started.code, { cookie: viewer }), 403, 'forbidden');
    await refused(() => claim(started.code, { origin: 'http://evil.example' }), 403, 'bad_origin');
  });

  describe('guessing', () => {
    const wrong = (i: number) => `ZZZZZ${'23456789'[i]}`;

    it('throttles a session after 5 wrong codes, right codes too, until the window frees up', async () => {
      const started = await start();
      for (let i = 0; i < 5; i++) {
        await refused(() => claim(wrong(i), { address: `198.51.100.${i}` }), 404, 'pairing_code_not_found');
        t.clock.advance(1_000);
      }
      const res = await refused(() => claim(started.code, { address: '198.51.100.99' }), 429, 'too_many_attempts');
      // The first failure leaves the window 10 minutes after it happened.
      expect(res.headers.get('Retry-After')).toBe(String((CLAIM_FAILURE_WINDOW_MS - 5_000) / 1000));

      t.clock.advance(CLAIM_FAILURE_WINDOW_MS - 5_000);
      // Meanwhile the code itself expired: a fresh one is claimed at once.
      const fresh = await start();
      expect((await claim(fresh.code, { address: '198.51.100.99' })).status).toBe(201);
    });

    it('throttles a client address across sessions', async () => {
      const started = await start();
      for (let i = 0; i < 5; i++) await refused(() => claim(wrong(i), { address: '203.0.113.7' }), 404, 'pairing_code_not_found');
      const other = await signIn(t);
      await refused(() => claim(started.code, { address: '203.0.113.7', cookie: other }), 429, 'too_many_attempts');
      // Another address with another session is not held back.
      expect((await claim(started.code, { address: '203.0.113.8', cookie: other })).status).toBe(201);
    });

    it('counts expired and already used codes as wrong guesses', async () => {
      const used = await start();
      await claim(used.code);
      const expired = await start();
      await advance(10 * 60_000);
      for (let i = 0; i < 2; i++) await refused(() => claim(used.code), 409, 'pairing_already_claimed');
      for (let i = 0; i < 3; i++) await refused(() => claim(expired.code), 410, 'pairing_expired');
      await refused(() => claim(wrong(0)), 429, 'too_many_attempts');
    });

    it('limits how many codes one address may ask for, even when each is paired', async () => {
      for (let i = 0; i < START_LIMIT; i++) expect((await claim((await start('192.0.2.50')).code)).status).toBe(201);
      const res = await refused(
        () => request('POST', '/api/pairing', { body: { viewport: { width: 1, height: 1 } }, address: '192.0.2.50' }),
        429,
        'too_many_pairings',
      );
      expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
      await start('192.0.2.51');
    });
  });

  describe('flooding', () => {
    const ask = (address: string) => request('POST', '/api/pairing', { body: { viewport: { width: 192, height: 96 } }, address });
    const live = () => new PairingRepo(t.db).liveCount(t.clock.now());

    it('still pairs a new screen while nine addresses ask for 120 codes each', async () => {
      for (let a = 1; a <= 9; a++) {
        for (let i = 0; i < 120; i++) {
          const res = await ask(`203.0.${a}.7`);
          expect([201, 429]).toContain(res.status);
        }
      }
      const fresh = await start('198.51.100.20');
      expect((await claim(fresh.code)).status).toBe(201);
      expect(live()).toBeLessThanOrEqual(9 * LIVE_PER_ADDRESS);
    });

    it('caps one /24 however many of its addresses ask, and not the next /24', async () => {
      for (let host = 1; host <= 100; host++) await ask(`198.51.100.${host}`);
      expect(live()).toBe(LIVE_PER_NETWORK);
      const res = await refused(() => ask('198.51.100.200'), 429, 'too_many_pairings');
      // The oldest of the /24's codes expires in 10 minutes.
      expect(Number(res.headers.get('Retry-After'))).toBe(600);
      await start('198.51.101.1');
    });

    it('caps one address below its /24, and one /64 of IPv6 addresses', async () => {
      for (let i = 0; i < LIVE_PER_ADDRESS; i++) await start('192.0.2.77');
      await refused(() => ask('192.0.2.77'), 429, 'too_many_pairings');
      await start('192.0.2.78');
      for (let host = 1; host <= 40; host++) await ask(`2001:db8:5:6::${host.toString(16)}`);
      expect(live()).toBe(LIVE_PER_ADDRESS + 1 + LIVE_PER_NETWORK);
      await refused(() => ask('2001:db8:5:6:ffff::1'), 429, 'too_many_pairings');
      await start('2001:db8:5:7::1');
    });

    it('frees an address once its codes expire, a restart notwithstanding', async () => {
      for (let i = 0; i < LIVE_PER_ADDRESS; i++) await start('192.0.2.90');
      const services = createServices(t.db, t.clock);
      t.app = createApp({ db: t.db, clock: t.clock, hub: t.hub, services, distDir: tmpdir() });
      await refused(() => ask('192.0.2.90'), 429, 'too_many_pairings');
      t.clock.advance(10 * 60_000);
      await start('192.0.2.90');
    });

    it('counts the client a trusted proxy names, and only then', async () => {
      const viaProxy = (client: string) =>
        request('POST', '/api/pairing', { body: { viewport: { width: 192, height: 96 } }, address: '10.0.0.2', headers: { 'X-Forwarded-For': client } });
      // Untrusted, X-Forwarded-For is the client's own say: all of them are the proxy's address.
      for (let i = 0; i < LIVE_PER_ADDRESS; i++) expect((await viaProxy(`198.51.${i}.1`)).status).toBe(201);
      expect((await viaProxy('198.51.200.1')).status).toBe(429);
      const services = createServices(t.db, t.clock);
      t.app = createApp({ db: t.db, clock: t.clock, hub: t.hub, services, distDir: tmpdir(), trustedProxies: 1 });
      for (let i = 0; i < 2 * LIVE_PER_ADDRESS; i++) expect((await viaProxy(`203.0.${i}.1`)).status).toBe(201);
    });

    it('keeps a reserve for networks without a waiting code once most codes are taken', async () => {
      const shared = MAX_LIVE_PAIRINGS - PAIRING_RESERVE;
      let last = '';
      for (let net = 0; live() < shared; net++) {
        for (let host = 1; host <= LIVE_PER_NETWORK && live() < shared; host++) {
          last = `10.${net >> 8}.${net & 255}`;
          expect((await ask(`${last}.${host}`)).status).toBe(201);
        }
      }
      // A network that already has codes waiting (under its own cap) gets none from the reserve…
      await refused(() => ask(`${last}.250`), 429, 'too_many_pairings');
      // …one without gets one.
      await start('198.51.100.20');
      expect(live()).toBe(shared + 1);
    });
  });

  it('documents the pairing routes in the OpenAPI document', async () => {
    const doc = (await (await request('GET', '/api/openapi.json')).json()) as { paths: Record<string, object> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/pairing', '/api/pairing/claim', '/api/pairing/{pairingId}']));
  });
});
