import { Agent, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BODY_LIMIT } from '../app.ts';
import { createTestApp, signIn, type TestApp } from '../testing/helpers.ts';

// A real listening server and a pooling client (issue 11, item 10): a refused oversized body
// must not leave the client holding a socket the server is about to drop.

let t: TestApp;
let server: ServerType;
let origin: string;
let cookie: string;

beforeAll(async () => {
  t = await createTestApp();
  cookie = await signIn(t);
  await new Promise<void>((resolve) => {
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
  socket: Socket;
}

/** One request through `agent`; `chunked` sends the body without a Content-Length. */
function send(agent: Agent, method: string, path: string, body?: Buffer, chunked = false, extra: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { Origin: origin, Cookie: cookie };
    if (body) headers['Content-Type'] = 'application/json';
    Object.assign(headers, extra);
    if (body && !chunked) headers['Content-Length'] = body.length;
    const req = request(`${origin}${path}`, { agent, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body: text, socket: req.socket! }));
    });
    req.setTimeout(5_000, () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', reject);
    if (body && chunked) {
      // Two writes: Node then uses Transfer-Encoding: chunked.
      req.write(body.subarray(0, 1024));
      req.end(body.subarray(1024));
    } else req.end(body);
  });
}

const oversized = () => Buffer.from(JSON.stringify({ kind: 'slogan', theme: 1, durationMs: 8_000, text: 'x'.repeat(API_BODY_LIMIT + 40_000) }));

describe('a refused oversized body on a kept-alive connection', () => {
  for (const chunked of [false, true]) {
    it(`answers 413 with Connection: close, and the next pooled request gets its answer (${chunked ? 'chunked' : 'Content-Length'})`, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const refused = await send(agent, 'POST', '/api/content', oversized(), chunked);
        expect(refused.status).toBe(413);
        expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'payload_too_large' } });
        expect(refused.connection).toBe('close');

        const next = await send(agent, 'GET', '/api/content');
        expect(next.status).toBe(200);
        // A fresh connection: the refused one was not handed back to the pool.
        expect(next.socket).not.toBe(refused.socket);
        const again = await send(agent, 'GET', '/api/content');
        expect(again.status).toBe(200);
        expect(again.socket).toBe(next.socket);
      } finally {
        agent.destroy();
      }
    });
  }
});

it('closes the connection after refusing an upload from its first bytes, and the next pooled request gets its answer', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    // 8 MB that are no picture: refused once the first bytes are sniffed, the rest unread.
    const junk = Buffer.alloc(8 * 1024 * 1024, 0x41);
    const refused = await send(agent, 'POST', '/api/media', junk, false, { 'Content-Type': 'application/octet-stream', 'X-Filename': 'junk.jpg' });
    expect(refused.status).toBe(415);
    expect(refused.connection).toBe('close');
    const next = await send(agent, 'GET', '/api/content');
    expect(next.status).toBe(200);
  } finally {
    agent.destroy();
  }
});
