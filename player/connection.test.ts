import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { CloseCode, PROTOCOL_VERSION, diffManifest, manifestContent, versionOfDigest, type Manifest } from '../playlists/index.ts';
import { Clock } from './clock.ts';
import { Connection, PLAYS_REFUSED_DELAY_MS, type ConnectionOptions } from './connection.ts';
import { TRY_AGAIN_LATER_DELAY_MS } from './retry.ts';
import { firstSocket } from './sockets.ts';
import { FakeTimers, manifest, slogan } from './test-fixtures.ts';

/** Just enough of a browser WebSocket for the connection to drive. */
class FakeSocket {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(message: unknown) {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
  closedByServer(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const SERVER_TIME = '2026-10-04T08:00:00+07:00';

function setup(overrides: Partial<ConnectionOptions> = {}) {
  const timers = new FakeTimers();
  timers.now = 1000;
  const sockets: FakeSocket[] = [];
  const session = new Map<string, string>();
  const events = {
    manifests: [] as string[],
    statuses: [] as string[],
    unregistered: 0,
    retired: 0,
    replaced: 0,
    reloads: 0,
  };
  const clock = new Clock(() => Date.parse('2026-10-04T07:59:50+07:00'));
  const connection = new Connection({
    urls: ['ws://box.local/ws/player'],
    token: 'tok',
    clock,
    manifestVersion: () => events.manifests.at(-1) ?? null,
    playing: () => null,
    viewport: () => ({ width: 1920, height: 1080 }),
    onManifest: (m) => void events.manifests.push(m.version),
    onScreen: () => {},
    onClockSync: () => {},
    onStatus: (s) => void events.statuses.push(s),
    onUnregistered: (retired) => {
      events.unregistered++;
      if (retired) events.retired++;
    },
    onReplaced: () => void events.replaced++,
    reload: () => void events.reloads++,
    session: {
      getItem: (k) => session.get(k) ?? null,
      setItem: (k, v) => void session.set(k, v),
      removeItem: (k) => void session.delete(k),
    },
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    timers,
    random: () => 0.5,
    monotonic: () => timers.now,
    ...overrides,
  });
  const welcome = (socket: FakeSocket) =>
    socket.receive({ type: 'welcome', protocol: PROTOCOL_VERSION, serverTime: SERVER_TIME, heartbeatMs: 20_000 });
  return { timers, sockets, session, events, clock, connection, welcome };
}

describe('Connection', () => {
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => warn.mockRestore());

  it('says hello with its token, protocol, held version and viewport', () => {
    const { sockets, connection } = setup();
    connection.start();
    sockets[0]!.open();
    expect(sockets[0]!.url).toBe('ws://box.local/ws/player');
    expect(sockets[0]!.sent).toEqual([
      {
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        token: 'tok',
        manifestVersion: null,
        playerVersion: '0.1.0',
        viewport: { width: 1920, height: 1080 },
      },
    ]);
  });

  it('corrects its clock from welcome and keeps the offset after a disconnect', () => {
    const { sockets, connection, clock, welcome, events } = setup();
    connection.start();
    sockets[0]!.open();
    welcome(sockets[0]!);
    expect(clock.offsetMs).toBe(10_000);
    expect(events.statuses.at(-1)).toBe('online');
    sockets[0]!.closedByServer(1006);
    expect(clock.offsetMs).toBe(10_000);
    expect(events.statuses.at(-1)).toBe('offline');
  });

  it('acknowledges a manifest once applied, and nothing for unchanged', async () => {
    const { sockets, connection, welcome, events } = setup();
    connection.start();
    sockets[0]!.open();
    welcome(sockets[0]!);
    const m = manifest([slogan('a', 5000)], 'c'.repeat(16));
    sockets[0]!.receive({ type: 'manifest', manifest: m });
    sockets[0]!.receive({ type: 'unchanged', version: m.version });
    await Promise.resolve();
    expect(events.manifests).toEqual([m.version]);
    expect(sockets[0]!.sent.filter((f) => f.type === 'ack')).toEqual([{ type: 'ack', version: m.version }]);
  });

  it('ignores and logs a frame that does not parse', () => {
    const { sockets, connection, events } = setup();
    connection.start();
    sockets[0]!.open();
    sockets[0]!.receive('{"type":"manifest","manifest":{}}');
    sockets[0]!.receive('not json');
    expect(events.manifests).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(sockets[0]!.readyState).toBe(1);
  });

  it('sends heartbeats at the interval from welcome', () => {
    const { sockets, connection, welcome, timers } = setup();
    connection.start();
    sockets[0]!.open();
    welcome(sockets[0]!);
    timers.advance(20_000);
    sockets[0]!.receive({ type: 'time', serverTime: SERVER_TIME });
    timers.advance(20_000);
    const beats = sockets[0]!.sent.filter((f) => f.type === 'heartbeat');
    expect(beats).toHaveLength(2);
    expect(beats[0]).toMatchObject({ playing: null, manifestVersion: null });
  });

  it('tells the server about the box in hello and every heartbeat', () => {
    let queued = 0;
    const device = () => ({ secureContext: false, cacheBytes: null, storage: null, memory: null, plays: { queued: queued++, dropped: 0 } });
    const { sockets, connection, welcome, timers } = setup({ device, viewport: () => ({ width: 383.6, height: 192 }) });
    connection.start();
    sockets[0]!.open();
    expect(sockets[0]!.sent[0]).toMatchObject({ type: 'hello', viewport: { width: 384, height: 192 }, device: { secureContext: false, plays: { queued: 0 } } });
    welcome(sockets[0]!);
    timers.advance(20_000);
    expect(sockets[0]!.sent.at(-1)).toMatchObject({ type: 'heartbeat', viewport: { width: 384, height: 192 }, device: { plays: { queued: 1 } } });
  });

  it('reconnects after a silent connection stops answering', () => {
    const { sockets, connection, welcome, timers } = setup();
    connection.start();
    sockets[0]!.open();
    welcome(sockets[0]!);
    timers.advance(80_000);
    timers.advance(1_000);
    expect(sockets).toHaveLength(2);
  });

  it('reconnects with growing, jittered delays and resets them after a welcome', () => {
    const { sockets, connection, timers, welcome } = setup();
    connection.start();
    sockets[0]!.closedByServer(CloseCode.badFrame);
    timers.advance(249); // attempt 0: 0.5 × 500 ms
    expect(sockets).toHaveLength(1);
    timers.advance(1);
    expect(sockets).toHaveLength(2);
    sockets[1]!.closedByServer(CloseCode.tooSlow);
    timers.advance(499); // attempt 1: 0.5 × 1000 ms
    expect(sockets).toHaveLength(2);
    timers.advance(1);
    sockets[2]!.open();
    welcome(sockets[2]!);
    sockets[2]!.closedByServer(1006);
    timers.advance(250);
    expect(sockets).toHaveLength(4);
  });

  it('backs off for a minute when the server refused its play events, and keeps the screen', () => {
    const { sockets, connection, timers, events } = setup();
    connection.start();
    sockets[0]!.open();
    sockets[0]!.closedByServer(CloseCode.playsRefused);
    timers.advance(PLAYS_REFUSED_DELAY_MS + 249); // plus attempt 0: 0.5 × 500 ms
    expect(sockets).toHaveLength(1);
    timers.advance(1);
    expect(sockets).toHaveLength(2);
    expect(events.unregistered).toBe(0);
    expect(events.statuses.at(-1)).toBe('connecting');
  });

  describe('with several sockets (gateways)', () => {
    const urls = ['ws://a/ws/player', 'ws://b/ws/player', 'ws://c/ws/player'];

    it("starts at its token's place in the list", () => {
      const { sockets, connection } = setup({ urls, token: 'tok' });
      connection.start();
      expect(sockets[0]!.url).toBe(urls[firstSocket('tok', 3)]);
    });

    it('moves to the next socket after a lost connection or a failed connect, with the same backoff, and wraps around', () => {
      const { sockets, connection, timers, welcome } = setup({ urls, token: 'tok' });
      const first = firstSocket('tok', 3);
      connection.start();
      sockets[0]!.open();
      welcome(sockets[0]!);
      sockets[0]!.closedByServer(1006); // the gateway died
      timers.advance(250); // attempt 0: 0.5 × 500 ms
      expect(sockets[1]!.url).toBe(urls[(first + 1) % 3]);
      sockets[1]!.closedByServer(1006); // refused before any welcome
      timers.advance(499); // attempt 1: 0.5 × 1000 ms
      expect(sockets).toHaveLength(2);
      timers.advance(1);
      expect(sockets[2]!.url).toBe(urls[(first + 2) % 3]);
      sockets[2]!.closedByServer(1013); // a gateway that knows no screen yet
      timers.advance(TRY_AGAIN_LATER_DELAY_MS + 1000);
      expect(sockets[3]!.url).toBe(urls[first]);
    });

    it('stays on its socket when the server refused its play events', () => {
      const { sockets, connection, timers } = setup({ urls, token: 'tok' });
      connection.start();
      sockets[0]!.open();
      sockets[0]!.closedByServer(CloseCode.playsRefused);
      timers.advance(PLAYS_REFUSED_DELAY_MS + 250);
      expect(sockets[1]!.url).toBe(sockets[0]!.url);
    });
  });

  it('comes back no sooner than its floor when the server sheds load (1013), and keeps the screen', () => {
    const { sockets, connection, timers, events } = setup();
    connection.start();
    sockets[0]!.open();
    sockets[0]!.closedByServer(CloseCode.tryAgainLater);
    timers.advance(TRY_AGAIN_LATER_DELAY_MS + 249); // plus attempt 0: 0.5 × 500 ms
    expect(sockets).toHaveLength(1);
    timers.advance(1);
    expect(sockets).toHaveLength(2);
    expect(events.unregistered).toBe(0);
  });

  it('forgets the screen and stops on an unknown or revoked token', () => {
    for (const code of [CloseCode.unknownToken, CloseCode.tokenRevoked]) {
      const { sockets, connection, timers, events } = setup();
      connection.start();
      sockets[0]!.closedByServer(code);
      timers.advance(60_000);
      expect(events.unregistered).toBe(1);
      expect(events.retired).toBe(0);
      expect(sockets).toHaveLength(1);
    }
  });

  it('forgets a retired screen (4005), says it was retired, and never reconnects with its token', () => {
    const { sockets, connection, timers, events } = setup();
    connection.start();
    sockets[0]!.open();
    sockets[0]!.closedByServer(CloseCode.retired);
    timers.advance(10 * 60_000);
    expect(events.unregistered).toBe(1);
    expect(events.retired).toBe(1);
    expect(sockets).toHaveLength(1);
    expect(events.statuses.at(-1)).not.toBe('connecting');
  });

  it('stops and says so when another connection replaced it', () => {
    const { sockets, connection, timers, events } = setup();
    connection.start();
    sockets[0]!.closedByServer(CloseCode.replaced);
    timers.advance(60_000);
    expect(events.replaced).toBe(1);
    expect(sockets).toHaveLength(1);
  });

  it('reloads once for an unsupported protocol, then backs off', () => {
    const first = setup();
    first.connection.start();
    first.sockets[0]!.closedByServer(CloseCode.unsupportedProtocol);
    expect(first.events.reloads).toBe(1);
    // The reloaded page finds the guard in sessionStorage and reconnects instead.
    const again = setup({
      session: { getItem: () => String(Date.now() - 1000), setItem: () => {}, removeItem: () => {} },
    });
    again.connection.start();
    again.sockets[0]!.closedByServer(CloseCode.unsupportedProtocol);
    expect(again.events.reloads).toBe(0);
    again.timers.advance(1_000);
    expect(again.sockets).toHaveLength(2);
  });
});

/** `m` with its real version: the content hash ([P1]). */
const hashed = (m: Manifest): Manifest => ({ ...m, version: versionOfDigest(createHash('sha256').update(manifestContent(m)).digest('hex')) });

describe('Connection: manifest patches [P4] [P5]', () => {
  const base = hashed(manifest([slogan('a', 5000), slogan('b', 5000)]));
  const next = hashed(manifest([slogan('a', 5000), slogan('b', 7000)]));
  const patch = diffManifest(base, next)!;

  function patching(held: Manifest | null) {
    const applied: Manifest[] = [];
    const s = setup({ heldManifest: () => held, subtle: globalThis.crypto.subtle, onManifest: (m) => void applied.push(m) });
    s.connection.start();
    s.sockets[0]!.open();
    s.welcome(s.sockets[0]!);
    return { ...s, applied };
  }
  // The connection loads patch.ts on demand: loaded here first, so that import does not race the
  // wait below on a busy machine (it took over 20 ms there, and the test failed now and then).
  beforeAll(() => import('./patch.ts'));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('asks for patches in its hello when it can check them', () => {
    const { sockets } = patching(base);
    expect(sockets[0]!.sent[0]).toMatchObject({ type: 'hello', patches: true });
  });

  it('applies a patch to the manifest it holds, checks its hash and acknowledges the new version', async () => {
    const { sockets, applied } = patching(base);
    sockets[0]!.receive({ type: 'patch', patch });
    // The first patch loads patch.ts, which takes longer than a tick on a busy machine.
    await vi.waitFor(() => expect(applied.map((m) => m.version)).toEqual([next.version]));
    expect(applied[0]!.items[1]!.durationMs).toBe(7000);
    expect(sockets[0]!.sent.at(-1)).toEqual({ type: 'ack', version: next.version });
  });

  it('asks for the whole manifest when the patch is for another base or its result has another hash', async () => {
    const other = patching(hashed(manifest([slogan('z', 5000)])));
    other.sockets[0]!.receive({ type: 'patch', patch });
    const damaged = patching(base);
    damaged.sockets[0]!.receive({ type: 'patch', patch: { ...patch, items: { put: [slogan('b', 9000)] } } });
    await settle();
    for (const { sockets, applied } of [other, damaged]) {
      expect(applied).toEqual([]);
      expect(sockets[0]!.sent.at(-1)).toMatchObject({ type: 'resync' });
    }
  });
});
