/**
 * The floor for bench/fanout.ts: the same fan-out over a bare `ws` server, no framework, no
 * database, no validation. On `hello` it answers with bangtin's own welcome, screen and
 * manifest frames (captured in the same run, so the bytes and the client's parsing cost are
 * the same); `POST /publish` serialises a new manifest frame once and sends it to every
 * socket; `ack` frames are read and remembered.
 *
 * Env: PORT, HOST (default 127.0.0.1), BARE_FRAMES (a JSON file
 * `{ welcome, screen, manifest, nextManifest }`, each a frame's text).
 * Prints `Bare ws listening on <host>:<port>` once it listens.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

interface Frames {
  welcome: string;
  screen: string;
  manifest: string;
  nextManifest: string;
}

const frames = JSON.parse(readFileSync(process.env.BARE_FRAMES ?? '', 'utf8')) as Frames;
const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';

let manifestFrame = Buffer.from(frames.manifest);
const nextTemplate = frames.nextManifest;

const clients = new Set<WebSocket>();
const acked = new WeakMap<WebSocket, string>();

const http = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/publish') {
    // Serialise once, send the same bytes to everyone (what bangtin's hub does per audience).
    const next = JSON.parse(nextTemplate) as { type: 'manifest'; manifest: { version: string } };
    next.manifest.version = randomBytes(16).toString('hex');
    manifestFrame = Buffer.from(JSON.stringify(next));
    let sent = 0;
    for (const ws of clients) {
      ws.send(manifestFrame, { binary: false });
      sent += 1;
    }
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ sent, version: next.manifest.version }));
    return;
  }
  if (req.method === 'GET' && req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok', connectedScreens: clients.size }));
    return;
  }
  res.writeHead(404).end();
});

const wss = new WebSocketServer({ server: http, perMessageDeflate: false, maxPayload: 512 * 1024 });
wss.on('connection', (ws) => {
  let hello = false;
  ws.on('message', (data, isBinary) => {
    if (isBinary) return ws.close(4000, 'bad frame');
    let msg: { type?: unknown; version?: unknown };
    try {
      msg = JSON.parse(data.toString());
    } catch {
      return ws.close(4000, 'bad frame');
    }
    if (msg.type === 'hello' && !hello) {
      hello = true;
      clients.add(ws);
      ws.send(frames.welcome);
      ws.send(frames.screen);
      ws.send(manifestFrame, { binary: false });
    } else if (msg.type === 'ack' && typeof msg.version === 'string') {
      acked.set(ws, msg.version);
    }
  });
  ws.on('close', () => clients.delete(ws));
  ws.on('error', () => clients.delete(ws));
});

http.listen(port, host, () => {
  const address = http.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`Bare ws listening on ${host}:${actual}`);
});

const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
