/**
 * The server side of bench/socket-heap.ts: one way of taking player sockets, in a process of
 * its own, started with --expose-gc. `MODE`: `direct` (hub/upgrade.ts, what main.ts uses),
 * `hono` (Hono's upgrade helper, as before), `bare` (a bare `ws` server). The hub is a stub
 * whose sessions hold nothing, so the figure is what the upgrade path itself keeps per socket.
 * Answers `stats` on IPC with the heap (after a full GC) and the RSS.
 */
import { createServer } from 'node:http';
import { serve, upgradeWebSocket } from '@hono/node-server';
import { Hono } from 'hono';
import { WebSocketServer, type WebSocket } from 'ws';
import { attachPlayerSockets } from '../server/hub/upgrade.ts';
import type { SocketHandlers } from '../server/hub/hub.ts';
import { wsPlayerSocket, type PlayerSocket } from '../server/hub/socket.ts';

const mode = process.env.MODE ?? 'direct';
const kept = new Set<PlayerSocket>();
const stubHub = {
  accept(socket: PlayerSocket): SocketHandlers {
    kept.add(socket);
    return { message: () => {}, pong: () => {}, close: () => kept.delete(socket) };
  },
};

function listen(): Promise<number> {
  if (mode === 'hono') {
    const app = new Hono();
    app.get('/ws/player', upgradeWebSocket(() => {
      let handlers: SocketHandlers | null = null;
      return {
        onOpen: (_e, ws) => {
          const raw = ws.raw as unknown as WebSocket;
          handlers = stubHub.accept(wsPlayerSocket(raw));
          raw.on('pong', () => handlers?.pong());
        },
        onMessage: (e) => handlers?.message(e.data),
        onClose: () => handlers?.close(),
      };
    }));
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    return new Promise((resolve) => {
      serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', websocket: { server: wss } }, (info) => resolve(info.port));
    });
  }
  const server = createServer((_req, res) => res.end());
  if (mode === 'direct') attachPlayerSockets(server, stubHub, { maxPayload: 512 * 1024 });
  else {
    const wss = new WebSocketServer({ server, perMessageDeflate: false });
    wss.on('connection', (ws) => stubHub.accept(wsPlayerSocket(ws)));
  }
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

const port = await listen();
process.on('message', (msg) => {
  if (msg !== 'stats') return;
  for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  process.send?.({ heapUsed: m.heapUsed, external: m.external, rss: m.rss, sockets: kept.size });
});
process.send?.({ port });
