import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CloseCode, PROTOCOL_VERSION, screenSettings } from '../../playlists/index.ts';
import { DEMO_SCREEN } from '../seed/demo-content.ts';
import { connectPlayer, createTestApp, helloFrame, openSocket, type TestApp } from '../testing/helpers.ts';

describe('Hub: hello', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ admin: false });
  });

  const demoScreen = () => t.services.screens.list()[0]!;

  it('answers a valid hello with welcome, screen and manifest, in that order', () => {
    const { socket } = connectPlayer(t);
    expect(socket.types).toEqual(['welcome', 'screen', 'manifest']);
    const [welcome, screen, manifest] = socket.messages;
    expect(welcome).toEqual({ type: 'welcome', protocol: PROTOCOL_VERSION, serverTime: '2026-11-26T09:00:00.000+07:00', heartbeatMs: 30_000 });
    expect(screen).toEqual({ type: 'screen', screen: screenSettings({ id: demoScreen().id, ...DEMO_SCREEN }) });
    if (manifest?.type !== 'manifest') throw new Error('expected a manifest');
    expect(manifest.manifest.revision).toBe(1);
    expect(manifest.manifest.version).toBe(t.hub.expectedVersion(demoScreen()));
    expect(manifest.manifest.fallback.playlistId).toBe(t.services.settings.get('default_playlist_id'));
    expect(manifest.manifest.items.map((i) => i.id)).toEqual(t.services.content.list().map((s) => s.item.id));
    expect(socket.closed).toBeNull();
    expect(t.hub.connectedCount).toBe(1);
  });

  it('answers unchanged to a player that holds the current version', () => {
    const version = t.hub.expectedVersion(demoScreen());
    const { socket } = connectPlayer(t, { manifestVersion: version });
    expect(socket.messages.slice(1)).toEqual([
      { type: 'screen', screen: expect.objectContaining({ id: demoScreen().id }) },
      { type: 'unchanged', version },
    ]);
  });

  it('sends the manifest to a player that holds an older version', () => {
    const { socket } = connectPlayer(t, { manifestVersion: '0123456789abcdef' });
    expect(socket.types).toEqual(['welcome', 'screen', 'manifest']);
  });

  it('remembers what the player said in hello', () => {
    const device = { secureContext: false, cacheBytes: null, storage: null, memory: { usedBytes: 9e6, limitBytes: 4e9 }, plays: { queued: 3, dropped: 0 } };
    connectPlayer(t, { playerVersion: '0.2.0', viewport: { width: 1280, height: 720 }, manifestVersion: 'abcdef0123456789', device });
    expect(t.hub.live(demoScreen().id)).toEqual({
      ackedVersion: 'abcdef0123456789',
      playerVersion: '0.2.0',
      viewport: { width: 1280, height: 720 },
      lastSeenAt: t.clock.now(),
      report: { connectedAt: t.clock.now(), device, playing: null, uptimeMs: null },
    });
  });

  it('closes with 4001 on an unknown token', () => {
    const { socket } = connectPlayer(t, { token: 'not-a-screen-token' });
    expect(socket.closed).toEqual({ code: CloseCode.unknownToken, reason: 'unknown token' });
    expect(socket.frames).toEqual([]);
    expect(t.hub.connectedCount).toBe(0);
  });

  it('closes with 4002 on a protocol version it does not support', () => {
    const { socket } = connectPlayer(t, { protocol: PROTOCOL_VERSION + 1 });
    expect(socket.closed?.code).toBe(CloseCode.unsupportedProtocol);
    expect(socket.frames).toEqual([]);
    expect(t.hub.connectedCount).toBe(0);
  });

  it.each([
    ['text that is not JSON', 'hello?'],
    ['JSON that is not an object', '[1, 2]'],
    ['an unknown type', JSON.stringify({ type: 'goodbye' })],
    ['a frame without a type', JSON.stringify({ token: 'x' })],
    ['binary data', Buffer.from(JSON.stringify({ type: 'ack', version: 'abc' }))],
    ['an ArrayBuffer', new ArrayBuffer(8)],
  ])('closes with 4000 on %s', (_name, data) => {
    const { socket, handlers } = openSocket(t.hub);
    handlers.message(data);
    expect(socket.closed?.code).toBe(CloseCode.badFrame);
    expect(socket.frames).toEqual([]);
  });

  it('closes with 4000 on a hello with an extra field', () => {
    const { socket, send } = openSocket(t.hub);
    send({ ...helloFrame(t.demoToken), admin: true });
    expect(socket.closed?.code).toBe(CloseCode.badFrame);
    expect(t.hub.connectedCount).toBe(0);
  });

  it('closes with 4000 on a hello sent as binary data', () => {
    const { socket, handlers } = openSocket(t.hub);
    handlers.message(Buffer.from(JSON.stringify(helloFrame(t.demoToken))));
    expect(socket.closed?.code).toBe(CloseCode.badFrame);
    expect(t.hub.connectedCount).toBe(0);
  });

  it('closes with 4000 on a valid frame sent before hello', () => {
    const { socket, send } = openSocket(t.hub);
    send({ type: 'ack', version: 'abcdef0123456789' });
    expect(socket.closed).toEqual({ code: CloseCode.badFrame, reason: 'hello expected' });
  });

  it('closes with 4000 on a second hello', () => {
    const player = connectPlayer(t);
    player.send(helloFrame(t.demoToken));
    expect(player.socket.closed?.code).toBe(CloseCode.badFrame);
    expect(t.hub.connectedCount).toBe(0);
  });

  it('closes with 4000 and forgets the screen on a bad frame after hello', () => {
    const player = connectPlayer(t);
    player.handlers.message('{"type":"ack"}');
    expect(player.socket.closed?.code).toBe(CloseCode.badFrame);
    expect(t.hub.live(demoScreen().id)).toBeUndefined();
  });

  it('ignores frames that arrive after it closed a socket', () => {
    const player = connectPlayer(t, { token: 'nope' });
    player.send(helloFrame(t.demoToken));
    player.send({ type: 'heartbeat', playing: null, manifestVersion: null, uptimeMs: 1 });
    expect(player.socket.frames).toEqual([]);
    expect(player.socket.closed?.code).toBe(CloseCode.unknownToken);
  });

  it('closes the older connection of a screen with 4004 when a newer one says hello', () => {
    const first = connectPlayer(t, { playerVersion: 'old' });
    const second = connectPlayer(t, { playerVersion: 'new' });
    expect(first.socket.closed).toEqual({ code: CloseCode.replaced, reason: 'replaced by a newer connection' });
    expect(second.socket.closed).toBeNull();
    expect(second.socket.types).toEqual(['welcome', 'screen', 'manifest']);
    expect(t.hub.connectedCount).toBe(1);
    expect(t.hub.live(demoScreen().id)?.playerVersion).toBe('new');

    // The old socket's close event arrives later; it must not unregister the new one.
    first.handlers.close();
    expect(t.hub.connectedCount).toBe(1);
    expect(t.hub.live(demoScreen().id)?.playerVersion).toBe('new');
  });

  it('forgets a screen whose socket closed', () => {
    const player = connectPlayer(t);
    player.handlers.close();
    expect(t.hub.connectedCount).toBe(0);
    expect(t.hub.live(demoScreen().id)).toBeUndefined();
  });

  describe('with fake timers', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('closes with 4000 a socket that does not say hello in time', async () => {
      const quick = await createTestApp({ admin: false, hub: { helloTimeoutMs: 1_000 } });
      const silent = openSocket(quick.hub);
      const greeted = connectPlayer(quick);
      vi.advanceTimersByTime(999);
      expect(silent.socket.closed).toBeNull();
      vi.advanceTimersByTime(1);
      expect(silent.socket.closed).toEqual({ code: CloseCode.badFrame, reason: 'hello expected' });
      expect(greeted.socket.closed).toBeNull();
    });
  });
});
