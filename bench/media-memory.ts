// What decoding pictures costs the server in memory (issue 11, item 3). Each scenario starts a
// fresh server process (bench/media-server.ts), uploads one or three pictures at once,
// and reads /proc: the server's own peak (VmHWM), the peak of the server and its children
// (the image worker) sampled every 20 ms, and what they hold 5 s after the last answer.
// Not a test: `npx tsx bench/media-memory.ts [--largest 8160x6120]`. Last line: one JSON object.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import sharp from 'sharp';

const arg = (name: string, fallback: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1]! : fallback);
const [largestW, largestH] = arg('largest', '8160x6120').split('x').map(Number) as [number, number];
const MB = 1024 * 1024;

/** A progressive JPEG of flat colour: tiny on disk, yet decoding it needs every pixel's coefficients. */
const progressive = (width: number, height: number, shade = 0) =>
  sharp({ create: { width, height, channels: 3, background: { r: 40 + shade * 20, g: 90, b: 160 } }, limitInputPixels: false }).jpeg({ progressive: true, quality: 80 }).toBuffer();

function status(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  try {
    for (const line of readFileSync(`/proc/${pid}/status`, 'utf8').split('\n')) {
      const m = /^(VmHWM|VmRSS):\s+(\d+) kB/.exec(line);
      if (m) out[m[1]!] = Number(m[2]) * 1024;
    }
  } catch {
    // The process has ended.
  }
  return out;
}

/** The process and its descendants (the image worker). */
function tree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${name}/status`, 'utf8'))![1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // Gone meanwhile.
    }
  }
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]!) ?? []));
  return all;
}
const treeRss = (pid: number) => tree(pid).reduce((sum, p) => sum + (status(p).VmRSS ?? 0), 0);

async function startServer(): Promise<{ child: ChildProcess; base: string; cookie: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'media-server.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const { port, cookie } = JSON.parse(first) as { port: number; cookie: string };
  return { child, base: `http://127.0.0.1:${port}`, cookie };
}

async function scenario(label: string, pictures: Buffer[], count: number) {
  const { child, base, cookie } = await startServer();
  const pid = child.pid!;
  await new Promise((r) => setTimeout(r, 1000));
  const idleRss = status(pid).VmRSS ?? 0;
  let peakTree = 0;
  const sampler = setInterval(() => (peakTree = Math.max(peakTree, treeRss(pid))), 20);
  const started = performance.now();
  const answers = await Promise.all(
    pictures.slice(0, count).map(async (bytes, i) => {
      const res = await fetch(`${base}/api/media`, { method: 'POST', headers: { Cookie: cookie, Origin: base, 'Content-Type': 'application/octet-stream', 'X-Filename': `p${i}.jpg` }, body: new Uint8Array(bytes) });
      const body = (await res.json()) as { error?: { code: string } };
      return `${res.status}${body.error ? ` ${body.error.code}` : ''}`;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 5000));
  clearInterval(sampler);
  const server = status(pid);
  const afterTree = treeRss(pid);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  const row = {
    label, count, answers: [...new Set(answers)].join(','), seconds: Number(seconds.toFixed(1)),
    idleMB: Math.round(idleRss / MB), serverPeakMB: Math.round((server.VmHWM ?? 0) / MB), treePeakMB: Math.round(Math.max(peakTree, server.VmHWM ?? 0) / MB),
    serverAfterMB: Math.round((server.VmRSS ?? 0) / MB), treeAfterMB: Math.round(afterTree / MB),
  };
  console.log(`${label} ×${count}: ${row.answers} in ${row.seconds} s; server idle ${row.idleMB} MB, peak ${row.serverPeakMB} MB (with worker ${row.treePeakMB} MB), 5 s after ${row.serverAfterMB} MB (with worker ${row.treeAfterMB} MB)`);
  return row;
}

{
  // Three of each, different in colour, so none is taken for a copy of another.
  const largest = await Promise.all([0, 1, 2].map((i) => progressive(largestW, largestH, i)));
  const refused = await Promise.all([0, 1, 2].map((i) => progressive(10_000, 10_000, i)));
  console.log(`pictures: ${largestW}×${largestH} progressive ${(largest[0]!.length / 1024).toFixed(0)} KB, 10000×10000 progressive ${(refused[0]!.length / 1024).toFixed(0)} KB`);
  const rows = [];
  for (const [label, pictures] of [[`${largestW}x${largestH}`, largest], ['10000x10000', refused]] as const) {
    for (const count of [1, 3]) rows.push(await scenario(label, pictures, count));
  }
  console.log(JSON.stringify({ rows }));
}
