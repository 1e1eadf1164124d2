// The server the media benches measure (media-memory.ts, media-event-loop.ts): an app without
// demo content and with a media directory of its own, listening on a free port. Prints
// `{"port","cookie"}` as its first line; answers each `loop` line on stdin with the event
// loop's delays since the last one (`{"maxMs","p99Ms"}`, perf_hooks).
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { serve } from '@hono/node-server';
import { createTestApp, signIn } from '../server/testing/helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'bangtin-bench-server-'));
const t = await createTestApp({ mediaDir: dir, seed: false });
const cookie = await signIn(t);
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
server.once('listening', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port, cookie })));
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'loop') return;
  console.log(JSON.stringify({ maxMs: Math.round(loop.max / 1e6), p99Ms: Math.round(loop.percentile(99) / 1e6) }));
  loop.reset();
});
process.on('SIGTERM', () => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
