// How long one hostile upload blocks the server's event loop (issue 11, item 2): a real
// listening server takes a file of tiny boxes (MP4: an ftyp, then 8-byte `free` boxes; WebM:
// 2-byte Voids in an open cluster) while /healthz is polled every 50 ms on fresh connections.
// Reports the longest gap between health answers and the event loop's longest delay
// (perf_hooks). Not a test: `npx tsx bench/media-event-loop.ts [--mb 199] [--format mp4|webm]`.
// Last line: one JSON object.
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { serve } from '@hono/node-server';
import { writeStructureFlood } from '../media/test-fixtures.ts';
import { createTestApp, signIn } from '../server/test-helpers.ts';

const arg = (name: string, fallback: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1]! : fallback);
const mb = Number(arg('mb', '199'));
const format = arg('format', 'mp4') as 'mp4' | 'webm';

function health(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => res.resume().on('end', resolve)).on('error', reject);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'bangtin-loop-bench-'));
try {
  const path = join(dir, `flood.${format}`);
  await writeStructureFlood(path, format, mb * 1024 * 1024);
  const t = await createTestApp({ mediaDir: join(dir, 'media'), seed: false });
  const cookie = await signIn(t);
  const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = performance.now();
  const upload = fetch(`${base}/api/media`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: base, 'Content-Type': 'application/octet-stream', 'Content-Length': String(statSync(path).size), 'X-Filename': `flood.${format}` },
    body: Readable.toWeb(createReadStream(path, { highWaterMark: 256 * 1024 })) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit).then(async (res) => ({ status: res.status, body: (await res.json()) as { error?: { code: string } } }));
  let done = false;
  void upload.finally(() => (done = true)).catch(() => undefined);
  let last = performance.now();
  let longestGapMs = 0;
  let polls = 0;
  while (!done) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    await health(`${base}/healthz`);
    polls += 1;
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
  }
  const { status, body } = await upload;
  loop.disable();
  const totalMs = performance.now() - started;
  server.close();
  console.log(`${mb} MB ${format}: answered ${status} ${body.error?.code ?? ''} after ${(totalMs / 1000).toFixed(1)} s; ${polls} health polls, longest gap ${longestGapMs.toFixed(0)} ms; event loop max delay ${(loop.max / 1e6).toFixed(0)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms`);
  console.log(JSON.stringify({
    format,
    megabytes: mb,
    status,
    code: body.error?.code ?? null,
    totalMs: Math.round(totalMs),
    longestHealthGapMs: Math.round(longestGapMs),
    loopMaxDelayMs: Math.round(loop.max / 1e6),
    loopP99DelayMs: Math.round(loop.percentile(99) / 1e6),
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
