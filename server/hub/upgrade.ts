import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { CloseCode } from '../../playlists/index.ts';
import type { Hub, SocketHandlers } from './hub.ts';
import { wsPlayerSocket } from './socket.ts';

/** The player WebSocket's path (DESIGN.md, public contracts). */
export const PLAYER_WS_PATH = '/ws/player';

/** The headers every answer of the app carries (app.ts, securityHeaders), the 101 included. */
const SECURITY_HEADERS = ['X-Content-Type-Options: nosniff', 'Referrer-Policy: no-referrer'];

const ignore = () => {};

/** The node server (HTTP or HTTPS) whose upgrade requests are taken. */
export interface UpgradeSource {
  on(event: 'upgrade', listener: (req: IncomingMessage, socket: Duplex, head: Buffer) => void): unknown;
}

/**
 * Handshakes in flight the server takes at most (main.ts). A restart brings every screen back
 * at once; their full-jitter backoff spreads them over seconds, yet the event loop takes in
 * thousands of upgrades in one turn before it reads their hellos (bench/reconnect-storm.ts saw
 * 5,000 waiting at once with 10,000 screens, all answered within seconds). A hello costs the
 * hub ~0.3 ms, ~1 ms on a loaded small box: past this many, the last would be answered after
 * the player's 10 s welcome timeout and the work wasted, so they are told to come back instead.
 */
export const MAX_PENDING_HELLOS = 8_000;

export interface PlayerSocketOptions {
  maxPayload: number;
  /**
   * Handshakes in flight at most: sockets upgraded whose first frame (the hello) the hub has not
   * read yet. One more is closed at once with 1013 (try again later), which the player backs off
   * on (player/retry.ts), rather than left to time out unanswered. Unbounded when absent.
   */
  maxPendingHellos?: number;
  /** Told of each socket closed with 1013 (for the server's log). */
  onShed?: () => void;
}

/**
 * Player sockets, taken straight from the HTTP server's `upgrade` event. Going through Hono's
 * upgrade helper kept a Request, its Headers, a context, an event wrapper and a closure per
 * connection alive for as long as the socket lived: about 10 KB of heap each, four times what
 * a bare `ws` socket holds (bench/socket-heap.ts). The protocol is unchanged: the screen's token
 * comes in `hello` and the hub answers it with the same close codes.
 */
export function attachPlayerSockets(server: UpgradeSource, hub: Pick<Hub, 'accept'>, options: PlayerSocketOptions): WebSocketServer {
  // No tracking set (the hub knows its sessions) and no compression (the same manifest bytes
  // go to thousands of screens; deflating each copy would cost CPU and a zlib context per socket).
  const wss = new WebSocketServer({
    noServer: true, perMessageDeflate: false, clientTracking: false, maxPayload: options.maxPayload, WebSocket: PlayerWebSocket,
  });
  wss.on('headers', (headers) => headers.push(...SECURITY_HEADERS));
  /** Sockets upgraded whose first frame has not been read yet. */
  const pending = new Set<WebSocket>();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', ignore);
    if (req.headers.upgrade?.toLowerCase() !== 'websocket') return refuse(socket, 400);
    if (pathOf(req.url) !== PLAYER_WS_PATH) return refuse(socket, 404);
    if (req.method !== 'GET') return refuse(socket, 405);
    wss.handleUpgrade(req, socket, head, (ws) => {
      socket.off('error', ignore);
      if (pending.size >= (options.maxPendingHellos ?? Infinity)) return shed(ws, options.onShed);
      connect(hub, ws as PlayerWebSocket, pending);
    });
  });
  return wss;
}

/** Turns a socket away for load, saying so: the player comes back after a backoff. */
function shed(ws: WebSocket, onShed: (() => void) | undefined): void {
  ws.on('error', ignore);
  ws.close(CloseCode.tryAgainLater, 'try again later');
  onShed?.();
}

/**
 * A player's socket, holding the hub's handlers for it: the listeners below are shared by every
 * socket and find them through `this`, so a connection keeps no closures of its own. `pending`:
 * the set of handshakes in flight it is in until its first frame (or its close).
 */
class PlayerWebSocket extends WebSocket {
  handlers: SocketHandlers | null = null;
  pending: Set<WebSocket> | null = null;
}

function connect(hub: Pick<Hub, 'accept'>, ws: PlayerWebSocket, pending: Set<WebSocket>): void {
  pending.add(ws);
  ws.pending = pending;
  ws.handlers = hub.accept(wsPlayerSocket(ws));
  ws.on('message', onMessage);
  ws.on('pong', onPong);
  ws.on('close', onClose);
  // A reset connection or an oversized frame: `ws` closes the socket, and `close` follows.
  ws.on('error', ignore);
}

// Frames are JSON text; a binary frame reaches the hub as a non-string, a bad frame (4000).
function onMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
  const ws = this as PlayerWebSocket;
  ws.handlers?.message(isBinary ? data : data.toString());
  settled(ws);
}

function onPong(this: WebSocket): void {
  (this as PlayerWebSocket).handlers?.pong();
}

function onClose(this: WebSocket): void {
  const ws = this as PlayerWebSocket;
  settled(ws);
  ws.handlers?.close();
}

/** The socket's handshake is over (its first frame was read, or it closed). */
function settled(ws: PlayerWebSocket): void {
  if (!ws.pending) return;
  ws.pending.delete(ws);
  ws.pending = null;
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  return q < 0 ? raw : raw.slice(0, q);
}

function refuse(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n${SECURITY_HEADERS.join('\r\n')}\r\n\r\n`);
}
