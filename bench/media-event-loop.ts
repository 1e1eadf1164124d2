// How long one hostile upload blocks the server's event loop (issue 11, item 2): a server
// process (bench/media-server.ts) takes a file of tiny boxes (MP4: an ftyp, then 8-byte `free`
// boxes; WebM: 2-byte Voids in an open cluster; JPEG/PNG/WebP: empty segments or chunks) while
// this process polls /healthz every 50 ms on fresh connections. Reports the longest gap between
// health answers and the server's own event-loop delays (perf_hooks, measured in the server).
// Not a test: `npx tsx bench/media-event-loop.ts [--mb 199] [--format mp4|webm|jpeg|png|webp] [--warm]`.
// Last line: one JSON object.
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { writeStructureFlood } from '../media/test-fixtures.ts';

const arg = (name: string, fallback: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1]! : fallback);
const mb = Number(arg('mb', '199'));
const format = arg('format', 'mp4') as 'mp4' | 'webm' | 'jpeg' | 'png' | 'webp';
/** Upload a small picture first, so the image worker is already running. */
const warm = process.argv.includes('--warm');

function health(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => res.resume().on('end', resolve)).on('error', reject);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'bangtin-loop-bench-'));
const server = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(' ') ?? []), '--import', 'tsx', join(import.meta.dirname, 'media-server.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
try {
  const path = join(dir, `flood.${format}`);
  await writeStructureFlood(path, format, mb * 1024 * 1024);
  const lines = createInterface({ input: server.stdout });
  const nextLine = () => new Promise<string>((resolve) => lines.once('line', resolve));
  const { port, cookie } = JSON.parse(await nextLine()) as { port: number; cookie: string };
  const base = `http://127.0.0.1:${port}`;
  if (warm) {
    const picture = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#48c' } }).jpeg().toBuffer();
    await fetch(`${base}/api/media`, { method: 'POST', headers: { Cookie: cookie, Origin: base, 'Content-Type': 'application/octet-stream' }, body: new Uint8Array(picture) });
  }
  server.stdin.write('loop\n');
  await nextLine();

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
  const totalMs = performance.now() - started;
  server.stdin.write('loop\n');
  const loop = JSON.parse(await nextLine()) as { maxMs: number; p99Ms: number };
  console.log(`${mb} MB ${format}: answered ${status} ${body.error?.code ?? ''} after ${(totalMs / 1000).toFixed(1)} s; ${polls} health polls, longest gap ${longestGapMs.toFixed(0)} ms; server event loop max delay ${loop.maxMs} ms, p99 ${loop.p99Ms} ms`);
  console.log(JSON.stringify({ format, megabytes: mb, status, code: body.error?.code ?? null, totalMs: Math.round(totalMs), longestHealthGapMs: Math.round(longestGapMs), loopMaxDelayMs: loop.maxMs, loopP99DelayMs: loop.p99Ms }));
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
