/**
 * `npx tsx bench/socket-heap.ts [--sockets N]` (default 1,000): what each idle player socket
 * costs the server, heap (after a full GC) and RSS, for each way of taking the upgrade
 * (bench/socket-heap-server.ts): hub/upgrade.ts (`direct`, what bangtin uses), Hono's upgrade
 * helper (`hono`, what it used before), and a bare `ws` server (`bare`, the floor). The modes run
 * one after the other, each in a fresh process. The last line on stdout is one JSON object.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const arg = process.argv.indexOf('--sockets');
const sockets = arg > 0 ? Number(process.argv[arg + 1]) : 1_000;
const serverFile = fileURLToPath(new URL('./socket-heap-server.ts', import.meta.url));

interface Stats { heapUsed: number; external: number; rss: number; sockets: number }

const next = <T>(child: ChildProcess) => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));

async function measure(mode: string): Promise<{ heapPerSocketKb: number; rssPerSocketKb: number }> {
  const child = fork(serverFile, [], { env: { ...process.env, MODE: mode }, execArgv: ['--expose-gc', '--import', 'tsx'] });
  try {
    const { port } = await next<{ port: number }>(child);
    const stats = async () => (child.send('stats'), next<Stats>(child));
    const before = await stats();
    const open: WebSocket[] = [];
    for (let i = 0; i < sockets; i += 100) {
      await Promise.all(Array.from({ length: Math.min(100, sockets - i) }, () => new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/player`, { perMessageDeflate: false });
        ws.once('open', () => resolve());
        ws.once('error', reject);
        open.push(ws);
      })));
    }
    await new Promise((r) => setTimeout(r, 500));
    const after = await stats();
    if (after.sockets !== sockets) throw new Error(`${mode}: ${after.sockets} of ${sockets} sockets accepted`);
    for (const ws of open) ws.terminate();
    const kb = (a: number, b: number) => Math.round(((a - b) / sockets / 1024) * 10) / 10;
    return { heapPerSocketKb: kb(after.heapUsed, before.heapUsed), rssPerSocketKb: kb(after.rss, before.rss) };
  } finally {
    child.kill();
  }
}

const result: Record<string, unknown> = { sockets };
for (const mode of ['direct', 'hono', 'bare']) {
  result[mode] = await measure(mode);
  process.stderr.write(`${mode}: ${JSON.stringify(result[mode])}\n`);
}
process.stdout.write(`${JSON.stringify(result)}\n`);
