/**
 * Processes for bench/fanout.ts: starting children with a raised open-file limit, stopping
 * them, cleaning up, failing with the JSON line, and small helpers (ports, RSS, log).
 *
 * Every child is started as `sh -c 'ulimit -Sn <limit>; exec node …'`: Node cannot raise its
 * own open-file limit, and the hard limit (20,000 per process here) cannot be raised at all.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wallNow } from './stats.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const WANTED_OPEN_FILES = 20_000;
/** Open files a server needs beyond its sockets (database, WAL, modules, listening socket…). */
export const SERVER_FD_HEADROOM = 256;

/** What cleanup and failure need to know about the run; main fills it in. */
export const run = {
  /** The run's temporary directory (database, frames), removed on exit. */
  tempDir: null as string | null,
  /** Screens asked for, for the failure line. */
  screens: 0,
  /** Set once the last line is written, so nothing writes a second one. */
  finished: false,
  /** The soft open-file limit each child starts with (`ulimit -Sn`). */
  openFilesLimit: WANTED_OPEN_FILES,
  startedAt: wallNow(),
};

const children = new Set<ChildProcess>();

export function log(message: string): void {
  process.stderr.write(`[bench ${((wallNow() - run.startedAt) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
}

export function cleanup(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
  if (run.tempDir) rmSync(run.tempDir, { recursive: true, force: true });
  run.tempDir = null;
}

export function fail(message: string, extra: Record<string, unknown> = {}): never {
  if (!run.finished) {
    run.finished = true;
    log(`FAILED: ${message}`);
    cleanup();
    process.stdout.write(`${JSON.stringify({ screens: run.screens, error: message, ...extra })}\n`);
  }
  process.exit(1);
}

process.on('exit', cleanup);
process.on('SIGINT', () => fail('interrupted (SIGINT)'));
process.on('SIGTERM', () => fail('interrupted (SIGTERM)'));

/** The hard open-file limit of a process started from here (`ulimit -Hn`). */
export function hardOpenFileLimit(): number {
  const out = execFileSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim();
  return out === 'unlimited' ? Number.POSITIVE_INFINITY : Number(out);
}

export function procLimitOpenFiles(pid: number): string {
  try {
    const line = readFileSync(`/proc/${pid}/limits`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    return line?.split(/\s{2,}/)[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function rssKb(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]);
}

/** Starts `node <args>` with the open-file limit raised, the way the brief asks. */
/**
 * Node's flags for a V8 CPU profile written into the directory `env` names when the process
 * stops (BANGTIN_BENCH_CPU_PROF for bangtin's processes, BANGTIN_BENCH_GEN_CPU_PROF for the load
 * generators); none when it is unset. `sub`: a folder of its own under it, per process.
 */
export function cpuProfileArgs(env: 'BANGTIN_BENCH_CPU_PROF' | 'BANGTIN_BENCH_GEN_CPU_PROF', sub?: string): string[] {
  const dir = process.env[env];
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${sub ? join(dir, sub.replace(/\W+/g, '-')) : dir}`] : [];
}

export function spawnNode(args: string[], env: NodeJS.ProcessEnv, ipc: boolean): ChildProcess {
  const limit = run.openFilesLimit;
  const quoted = args.map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
  const script = `ulimit -Sn ${limit} || echo "bench: could not raise the open-file limit to ${limit}" >&2; exec node ${quoted}`;
  const child = spawn('sh', ['-c', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ipc ? ['ignore', 2, 2, 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function stop(child: ChildProcess, name: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const timer = setTimeout(() => {
    log(`${name} did not stop within 5 s; killing it`);
    child.kill('SIGKILL');
  }, 5_000);
  await exited(child);
  clearTimeout(timer);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves when a line of the child's stdout matches; forwards its output to stderr. */
export function waitForLine(child: ChildProcess, name: string, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let found = false;
    const tail: string[] = [];
    const onData = (stream: 'out' | 'err') => (chunk: Buffer) => {
      const text = chunk.toString();
      for (const line of text.split('\n')) if (line.trim()) {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        process.stderr.write(`  [${name}] ${line}\n`);
      }
      if (stream !== 'out' || found) return;
      buffered += text;
      const line = buffered.split('\n').find((l) => pattern.test(l));
      if (line) {
        found = true;
        clearTimeout(timer);
        resolve(line);
      }
    };
    child.stdout?.on('data', onData('out'));
    child.stderr?.on('data', onData('err'));
    const timer = setTimeout(() => reject(new Error(`${name} did not print ${pattern} within ${timeoutMs / 1000} s`)), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!found) reject(new Error(`${name} exited (${signal ?? code}) before it was ready: ${tail.slice(-5).join(' | ')}`));
    });
  });
}
