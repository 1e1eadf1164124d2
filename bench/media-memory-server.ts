// The server bench/media-memory.ts measures: an app without demo content, a media directory of
// its own, listening on a free port. Prints `{"port","cookie"}` as its first line.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createTestApp, signIn } from '../server/test-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'bangtin-memory-server-'));
const t = await createTestApp({ mediaDir: dir, seed: false });
const cookie = await signIn(t);
const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
server.once('listening', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port, cookie })));
process.on('SIGTERM', () => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
