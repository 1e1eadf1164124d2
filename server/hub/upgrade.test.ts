import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCode } from '../../playlists/index.ts';
import { createTestApp, helloFrame, type TestApp } from '../testing/helpers.ts';
import { attachPlayerSockets } from './upgrade.ts';

describe('player socket upgrade', () => {
  let t: TestApp;
  let server: Server;
  let port: number;
  beforeEach(async () => {
    t = await createTestApp({ admin: false });
    server = createServer((_req, res) => res.end());
    attachPlayerSockets(server, t.hub, { maxPayload: 64 * 1024 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterEach(async () => {
    t.hub.stop();
    await new Promise((resolve) => server.close(resolve));
  });

  const open = (path = '/ws/player') => new WebSocket(`ws://127.0.0.1:${port}${path}`);
  const closeOf = (ws: WebSocket) => new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));

  it('answers a hello over a real socket with welcome, screen and manifest', async () => {
    const ws = open('/ws/player?v=1');
    const types: string[] = [];
    await new Promise<void>((resolve) => {
      ws.on('message', (data) => {
        types.push((JSON.parse(data.toString()) as { type: string }).type);
        if (types.length === 3) resolve();
      });
      ws.once('open', () => ws.send(JSON.stringify(helloFrame(t.demoToken))));
    });
    expect(types).toEqual(['welcome', 'screen', 'manifest']);
    expect(t.hub.connectedCount).toBe(1);
    const closed = closeOf(ws);
    ws.close(1000);
    await closed;
    expect(t.hub.connectedCount).toBe(0);
  });

  it('closes with 4001 on an unknown token and 4000 on a binary frame', async () => {
    const unknown = open();
    unknown.once('open', () => unknown.send(JSON.stringify(helloFrame('not-a-token'))));
    expect(await closeOf(unknown)).toEqual({ code: CloseCode.unknownToken, reason: 'unknown token' });
    const binary = open();
    binary.once('open', () => binary.send(Buffer.from(JSON.stringify(helloFrame(t.demoToken)))));
    expect((await closeOf(binary)).code).toBe(CloseCode.badFrame);
  });

  it('turns a handshake away with 1013 while too many wait for their hello, and takes one again after', async () => {
    const bounded = createServer((_req, res) => res.end());
    let shed = 0;
    attachPlayerSockets(bounded, t.hub, { maxPayload: 64 * 1024, maxPendingHellos: 2, onShed: () => (shed += 1) });
    await new Promise<void>((resolve) => bounded.listen(0, '127.0.0.1', resolve));
    const url = `ws://127.0.0.1:${(bounded.address() as { port: number }).port}/ws/player`;
    const opened = (ws: WebSocket) => new Promise<void>((resolve) => ws.once('open', () => resolve()));
    try {
      // Two sockets upgraded and silent: the handshakes in flight are at the bound.
      const silent = [new WebSocket(url), new WebSocket(url)];
      await Promise.all(silent.map(opened));
      const third = new WebSocket(url);
      expect(await closeOf(third)).toEqual({ code: CloseCode.tryAgainLater, reason: 'try again later' });
      expect(shed).toBe(1);
      // One says hello (answered: no longer in flight), so the next handshake is taken.
      const welcomed = new Promise<string>((resolve) => silent[0]!.once('message', (data) => resolve((JSON.parse(data.toString()) as { type: string }).type)));
      silent[0]!.send(JSON.stringify(helloFrame(t.demoToken)));
      expect(await welcomed).toBe('welcome');
      const fourth = new WebSocket(url);
      await opened(fourth);
      fourth.send(JSON.stringify(helloFrame(t.demoToken)));
      expect((await closeOf(silent[0]!)).code).toBe(CloseCode.replaced);
      expect(shed).toBe(1);
      for (const ws of [silent[1]!, fourth]) ws.terminate();
    } finally {
      await new Promise((resolve) => bounded.close(resolve));
    }
  });

  it('refuses upgrades on other paths with 404', async () => {
    const ws = open('/ws/other');
    const status = await new Promise<number | undefined>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.once('error', () => resolve(undefined));
    });
    expect(status).toBe(404);
  });
});
