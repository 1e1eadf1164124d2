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

  it('refuses upgrades on other paths with 404', async () => {
    const ws = open('/ws/other');
    const status = await new Promise<number | undefined>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.once('error', () => resolve(undefined));
    });
    expect(status).toBe(404);
  });
});
