import { describe, expect, it } from 'vitest';
import { PAIRING_POLL_MS, PAIRING_SECRET_HEADER, type PairingStarted } from '../playlists/index.ts';
import { PairingClient, type PairingStatus } from './pairing.ts';
import { PlayerStore, STORE_KEYS } from './store.ts';
import { FakeTimers, MemoryStorage, settle } from './test-fixtures.ts';

const STARTED: PairingStarted = {
  pairingId: 'pr_1',
  code: 'K7M2QX',
  secret: 's'.repeat(43),
  expiresAt: '2026-10-04T08:10:00+07:00',
};
const SCREEN = { id: 's_1', name: 'Cổng trường', ward: null, locationKind: 'school' as const, tags: [] };

type Handler = (init: RequestInit) => Response | Promise<Response>;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

function setup(storage = new MemoryStorage()) {
  const timers = new FakeTimers();
  const store = new PlayerStore(storage);
  const calls: { method: string; path: string; init: RequestInit }[] = [];
  const routes = new Map<string, Handler[]>();
  const codes: [string | null, PairingStatus][] = [];
  const paired: [string, string][] = [];
  const on = (method: string, path: string, ...handlers: Handler[]) => routes.set(`${method} ${path}`, handlers);
  const client = new PairingClient({
    store,
    playerVersion: '0.1.0',
    viewport: () => ({ width: 192, height: 96 }),
    onCode: (code, status) => void codes.push([code, status]),
    onPaired: (token, screen) => void paired.push([token, screen.id]),
    timers,
    random: () => 0.5,
    fetch: async (path, init = {}) => {
      const method = init.method ?? 'GET';
      calls.push({ method, path: String(path), init });
      const handlers = routes.get(`${method} ${String(path)}`);
      const handler = handlers && (handlers.length > 1 ? handlers.shift()! : handlers[0]!);
      if (!handler) throw new TypeError('Failed to fetch');
      return handler(init);
    },
  });
  const run = async (ms: number) => {
    timers.advance(ms);
    await settle();
  };
  return { timers, store, storage, calls, codes, paired, on, client, run };
}

describe('PairingClient', () => {
  it('asks for a code with the viewport, shows it, polls every 3 s and hands over the token once paired', async () => {
    const t = setup();
    t.on('POST', '/api/pairing', () => json(201, STARTED));
    t.on('GET', '/api/pairing/pr_1', () => json(200, { status: 'pending', expiresAt: STARTED.expiresAt }));
    t.client.start();
    await settle();
    expect(JSON.parse(String(t.calls[0]!.init.body))).toEqual({ viewport: { width: 192, height: 96 }, playerVersion: '0.1.0' });
    expect(t.codes.at(-1)).toEqual(['K7M2QX', 'waiting']);
    expect(t.storage.getItem(STORE_KEYS.pairing)).not.toBeNull();

    await t.run(PAIRING_POLL_MS - 1);
    expect(t.calls).toHaveLength(1);
    await t.run(1);
    expect(t.calls).toHaveLength(2);
    expect(new Headers(t.calls[1]!.init.headers).get(PAIRING_SECRET_HEADER)).toBe(STARTED.secret);

    t.on('GET', '/api/pairing/pr_1', () => json(200, { status: 'paired', token: 'the-token', screen: SCREEN }));
    await t.run(PAIRING_POLL_MS);
    expect(t.paired).toEqual([['the-token', 's_1']]);
    expect(t.storage.getItem(STORE_KEYS.pairing)).toBeNull();
    await t.run(10 * PAIRING_POLL_MS);
    expect(t.calls).toHaveLength(3);
  });

  it('shows the same code after a reboot instead of asking for a new one', async () => {
    const storage = new MemoryStorage();
    storage.setItem(STORE_KEYS.pairing, JSON.stringify(STARTED));
    const t = setup(storage);
    t.on('GET', '/api/pairing/pr_1', () => json(200, { status: 'pending', expiresAt: STARTED.expiresAt }));
    t.client.start();
    await settle();
    expect(t.codes[0]).toEqual(['K7M2QX', 'waiting']);
    expect(t.calls.map((c) => c.method)).toEqual(['GET']);
  });

  it.each([[410, 'pairing_expired'], [404, 'pairing_not_found']])('asks for a new code when a poll answers %i', async (status, code) => {
    const t = setup();
    t.on('POST', '/api/pairing', () => json(201, STARTED), () => json(201, { ...STARTED, pairingId: 'pr_2', code: 'ABCDEF' }));
    t.on('GET', '/api/pairing/pr_1', () => json(status, { error: { code, message: 'x' } }));
    t.client.start();
    await settle();
    await t.run(PAIRING_POLL_MS);
    expect(t.codes.at(-1)).toEqual(['ABCDEF', 'waiting']);
    expect(JSON.parse(t.storage.getItem(STORE_KEYS.pairing)!).pairingId).toBe('pr_2');
  });

  it('keeps showing its code while the server is unreachable and goes on asking', async () => {
    const t = setup();
    t.on('POST', '/api/pairing', () => json(201, STARTED));
    t.client.start();
    await settle();
    await t.run(PAIRING_POLL_MS); // no route for the poll: the network fails
    expect(t.codes.at(-1)).toEqual(['K7M2QX', 'offline']);
    expect(t.storage.getItem(STORE_KEYS.pairing)).not.toBeNull();
    t.on('GET', '/api/pairing/pr_1', () => json(200, { status: 'pending', expiresAt: STARTED.expiresAt }));
    await t.run(15_000);
    expect(t.codes.at(-1)).toEqual(['K7M2QX', 'waiting']);
  });

  it('waits as long as Retry-After says when the server has too many codes out', async () => {
    const t = setup();
    t.on('POST', '/api/pairing', () => json(429, { error: { code: 'too_many_pairings', message: 'x' } }, { 'Retry-After': '60' }));
    t.client.start();
    await settle();
    expect(t.codes.at(-1)).toEqual([null, 'offline']);
    await t.run(59_999);
    expect(t.calls).toHaveLength(1);
    await t.run(1);
    expect(t.calls).toHaveLength(2);
  });

  it('treats an answer that does not parse as a failure', async () => {
    const t = setup();
    t.on('POST', '/api/pairing', () => json(201, { ...STARTED, code: 'O0I1AB' }));
    t.client.start();
    await settle();
    expect(t.codes.at(-1)).toEqual([null, 'offline']);
    expect(t.storage.getItem(STORE_KEYS.pairing)).toBeNull();
  });

  it('stops polling when stopped', async () => {
    const t = setup();
    t.on('POST', '/api/pairing', () => json(201, STARTED));
    t.client.start();
    await settle();
    t.client.stop();
    await t.run(10 * PAIRING_POLL_MS);
    expect(t.calls).toHaveLength(1);
  });
});
