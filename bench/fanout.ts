/**
 * `npm run bench [-- --screens N] [--generators K] [--concurrency C] [--rounds R]`
 *
 * Publish→ack fan-out: opens N simulated players over loopback (default 1,000), publishes an
 * edit and measures, for every screen, the time from the publish request to the screen's ack of
 * the new manifest; also the server's RSS per connection (idle vs. all sockets connected). In
 * the same run, one after the other, it measures the same fan-out over a bare `ws` server
 * (bench/bare-ws-server.ts), the floor on this machine, and reports bangtin's p99 over the bare
 * p99, a figure that survives a noisy machine.
 *
 * Each target gets R publishes (default 3, a second apart, same sockets); its p50/p99/max are
 * those of the round with the median p99, so one burst of noise from elsewhere on the machine
 * does not decide the figure. `roundsP99Ms` lists every round.
 *
 * Progress goes to stderr; the LAST line on stdout is one JSON object:
 *   {"screens":…,"p50Ms":…,"p99Ms":…,"maxMs":…,"rssPerConnectionKb":…,
 *    "bareWs":{"p50Ms":…,"p99Ms":…,"maxMs":…,"rssPerConnectionKb":…},"p99VsBareWs":…, …}
 * (on failure `{"screens":…,"error":"…"}`). Exit status 1 on failure, or when a screen failed to
 * connect or to ack (the JSON line still comes, with `connectFailures` and `missing`).
 *
 * Simulated players run in K load-generator processes (≤ 5,000 sockets each). Every child is
 * started as `sh -c 'ulimit -Sn <limit>; exec node …'`: Node cannot raise its own open-file
 * limit, and the hard limit (20,000 per process here) cannot be raised at all, so one server
 * process holds at most ~19,700 screens.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemo } from '../server/bootstrap.ts';
import { systemClock } from '../server/clock.ts';
import { openDatabase } from '../server/db.ts';
import { hashToken } from '../server/hub/hub.ts';
import { createServices } from '../server/services.ts';
import type { ChildMessage, ParentMessage, Samples } from './load-generator.ts';
import { round, summarize, wallNow, type Summary } from './stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAX_SOCKETS_PER_GENERATOR = 5_000;
const WANTED_OPEN_FILES = 20_000;
/** Open files a server needs beyond its sockets (database, WAL, modules, listening socket…). */
const SERVER_FD_HEADROOM = 256;
const HARD_TIMEOUT_MS = 9 * 60_000;

// ---------------------------------------------------------------------------------------------
// Arguments

interface Options {
  screens: number;
  generators: number;
  /** Handshakes in flight per generator (bounded so the server's accept queue, 511, holds). */
  concurrency: number;
  /** Publishes per target; the round with the median p99 is reported. */
  rounds: number;
}

function parseArgs(argv: string[]): Options {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unexpected argument ${arg}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    values.set(m[1]!, value);
  }
  const int = (name: string, fallback: number, min: number) => {
    const raw = values.get(name);
    values.delete(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${raw}`);
    return n;
  };
  const screens = int('screens', 1_000, 1);
  const needed = Math.ceil(screens / MAX_SOCKETS_PER_GENERATOR);
  const generators = int('generators', Math.max(needed, screens >= 2_000 ? 2 : 1), 1);
  if (generators < needed) {
    throw new Error(`--generators ${generators} is too few: at most ${MAX_SOCKETS_PER_GENERATOR} sockets per generator, so at least ${needed}`);
  }
  const concurrency = int('concurrency', Math.min(250, Math.floor(400 / generators)) || 1, 1);
  const rounds = int('rounds', 3, 1);
  if (values.size) throw new Error(`unknown option --${[...values.keys()][0]}`);
  return { screens, generators: Math.min(generators, screens), concurrency, rounds };
}

// ---------------------------------------------------------------------------------------------
// Processes, cleanup, failure

const children = new Set<ChildProcess>();
let tempDir: string | null = null;
let screensForReport = 0;
let finished = false;
const startedAt = wallNow();

function log(message: string): void {
  process.stderr.write(`[bench ${((wallNow() - startedAt) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
}

function cleanup(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  tempDir = null;
}

function fail(message: string, extra: Record<string, unknown> = {}): never {
  if (!finished) {
    finished = true;
    log(`FAILED: ${message}`);
    cleanup();
    process.stdout.write(`${JSON.stringify({ screens: screensForReport, error: message, ...extra })}\n`);
  }
  process.exit(1);
}

process.on('exit', cleanup);
process.on('SIGINT', () => fail('interrupted (SIGINT)'));
process.on('SIGTERM', () => fail('interrupted (SIGTERM)'));

/** The hard open-file limit of a process started from here (`ulimit -Hn`). */
function hardOpenFileLimit(): number {
  const out = execFileSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim();
  return out === 'unlimited' ? Number.POSITIVE_INFINITY : Number(out);
}

function procLimitOpenFiles(pid: number): string {
  try {
    const line = readFileSync(`/proc/${pid}/limits`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    return line?.split(/\s{2,}/)[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function rssKb(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]);
}

let openFilesLimit = WANTED_OPEN_FILES;

/** Starts `node <args>` with the open-file limit raised, the way the brief asks. */
function spawnNode(args: string[], env: NodeJS.ProcessEnv, ipc: boolean): ChildProcess {
  const quoted = args.map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
  const script = `ulimit -Sn ${openFilesLimit} || echo "bench: could not raise the open-file limit to ${openFilesLimit}" >&2; exec node ${quoted}`;
  const child = spawn('sh', ['-c', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ipc ? ['ignore', 2, 2, 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stop(child: ChildProcess, name: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const timer = setTimeout(() => {
    log(`${name} did not stop within 5 s; killing it`);
    child.kill('SIGKILL');
  }, 5_000);
  await exited(child);
  clearTimeout(timer);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
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
function waitForLine(child: ChildProcess, name: string, pattern: RegExp, timeoutMs: number): Promise<string> {
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

// ---------------------------------------------------------------------------------------------
// Load generators

class Generator {
  readonly child: ChildProcess;
  readonly #inbox: ChildMessage[] = [];
  readonly #waiters: { type: ChildMessage['type']; accept: (m: ChildMessage) => boolean; resolve: (m: ChildMessage | null) => void }[] = [];
  progress = { connected: 0, failed: 0 };

  constructor(readonly index: number) {
    this.child = spawnNode(['--import', 'tsx', join(ROOT, 'bench/load-generator.ts')], {}, true);
    this.child.on('message', (raw) => {
      const msg = raw as ChildMessage;
      if (msg.type === 'progress') {
        this.progress = { connected: msg.connected, failed: msg.failed };
        return;
      }
      const i = this.#waiters.findIndex((w) => w.type === msg.type);
      if (i < 0) this.#inbox.push(msg);
      else if (this.#waiters[i]!.accept(msg)) this.#waiters.splice(i, 1)[0]!.resolve(msg);
      // else: a stale message (e.g. a late result of an earlier round): dropped.
    });
    this.child.once('exit', () => {
      for (const w of this.#waiters.splice(0)) w.resolve(null);
    });
  }

  send(msg: ParentMessage): void {
    if (this.child.connected) this.child.send(msg);
  }

  /** The next message of `type`, or null when the budget runs out or the process is gone. */
  next<T extends ChildMessage['type']>(type: T, timeoutMs: number): Promise<Extract<ChildMessage, { type: T }> | null> {
    return this.nextOf(type, () => true, timeoutMs);
  }

  /** Like `next`, for the next message of `type` that `accept` takes; others of that type are dropped. */
  nextOf<T extends ChildMessage['type']>(
    type: T,
    accept: (m: Extract<ChildMessage, { type: T }>) => boolean,
    timeoutMs: number,
  ): Promise<Extract<ChildMessage, { type: T }> | null> {
    const wanted = (m: ChildMessage): m is Extract<ChildMessage, { type: T }> => m.type === type;
    for (let i = this.#inbox.findIndex(wanted); i >= 0; i = this.#inbox.findIndex(wanted)) {
      const m = this.#inbox.splice(i, 1)[0] as Extract<ChildMessage, { type: T }>;
      if (accept(m)) return Promise.resolve(m);
    }
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter = {
        type,
        accept: (m: ChildMessage) => accept(m as Extract<ChildMessage, { type: T }>),
        resolve: (m: ChildMessage | null) => {
          clearTimeout(timer);
          resolve(m as Extract<ChildMessage, { type: T }> | null);
        },
      };
      const timer = setTimeout(() => {
        const at = this.#waiters.indexOf(waiter);
        if (at >= 0) this.#waiters.splice(at, 1);
        resolve(null);
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  async close(): Promise<void> {
    this.send({ cmd: 'close' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited(this.child);
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// One measured fan-out against one target

interface Target {
  name: string;
  wsUrl: string;
  httpBase: string;
  pid: number;
  /** Everything before publish request `round` (signing in, editing). */
  prepare(round: number): Promise<void>;
  /** Sends the publish request; resolves once the server answered. */
  publish(): Promise<void>;
}

interface RoundResult extends Summary {
  /** Connected screens that did not ack this round's manifest. */
  missing: number;
  publishRequestMs: number;
}

/** One target's figures: p50/p99/max and publishRequestMs are those of the median-p99 round. */
interface PhaseResult extends RoundResult {
  rounds: RoundResult[];
  connected: number;
  failed: number;
  connectErrors: Record<string, number>;
  connectMs: number;
  closedAfterConnect: Record<string, number>;
  rssBeforeKb: number;
  rssAfterKb: number;
  rssPerConnectionKb: number;
  samples: Samples | null;
  manifestBytes: number | null;
  newManifest: string | null;
}

function merge(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

async function measure(target: Target, tokens: string[], opts: Options): Promise<PhaseResult> {
  const n = tokens.length;
  await sleep(1_000);
  const rssBeforeKb = rssKb(target.pid);
  log(`${target.name}: idle RSS ${(rssBeforeKb / 1024).toFixed(1)} MB; starting ${opts.generators} load generator(s)`);

  const gens = Array.from({ length: opts.generators }, (_, i) => new Generator(i));
  try {
    for (const g of gens) {
      const ready = await g.next('ready', 30_000);
      if (!ready) throw new Error(`load generator ${g.index} did not start`);
      if (g.index === 0) log(`load generator open-file limit (soft): ${ready.openFilesSoft}`);
    }

    // Contiguous slices: generator i gets screens [i*per, (i+1)*per).
    const per = Math.ceil(n / gens.length);
    const connectStart = wallNow();
    gens.forEach((g, i) =>
      g.send({
        cmd: 'connect',
        url: target.wsUrl,
        tokens: tokens.slice(i * per, (i + 1) * per),
        concurrency: opts.concurrency,
        attemptTimeoutMs: 30_000,
        sample: i === 0,
      }),
    );
    const connectBudget = 20_000 + 10 * n;
    const ticker = setInterval(() => {
      const c = gens.reduce((s, g) => s + g.progress.connected, 0);
      const f = gens.reduce((s, g) => s + g.progress.failed, 0);
      log(`${target.name}: ${c}/${n} connected${f ? `, ${f} failed` : ''}`);
    }, 2_000);
    const stopTimer = setTimeout(() => {
      log(`${target.name}: connect budget of ${connectBudget / 1000} s ran out; stopping the generators' connecting`);
      for (const g of gens) g.send({ cmd: 'stopConnecting' });
    }, connectBudget);
    const connected = await Promise.all(gens.map((g) => g.next('connected', connectBudget + 60_000)));
    clearTimeout(stopTimer);
    clearInterval(ticker);
    const connectMs = wallNow() - connectStart;

    let connectedCount = 0;
    let failed = 0;
    const connectErrors: Record<string, number> = {};
    connected.forEach((c, i) => {
      if (!c) throw new Error(`load generator ${i} did not finish connecting`);
      connectedCount += c.connected;
      failed += c.failed;
      merge(connectErrors, c.errors);
    });
    const first = connected[0]!;
    log(
      `${target.name}: ${connectedCount}/${n} connected in ${(connectMs / 1000).toFixed(1)} s` +
        (failed ? `; ${failed} failed: ${JSON.stringify(connectErrors)}` : '') +
        (first.manifestBytes ? `; manifest frame ${first.manifestBytes} bytes` : ''),
    );
    if (connectedCount === 0) throw new Error(`${target.name}: no screen connected (${JSON.stringify(connectErrors)})`);
    try {
      const health = (await (await fetch(`${target.httpBase}/healthz`)).json()) as { connectedScreens?: number };
      log(`${target.name}: server counts ${health.connectedScreens} connected screens`);
    } catch (err) {
      log(`${target.name}: /healthz failed: ${(err as Error).message}`);
    }

    await sleep(2_000);
    const rssAfterKb = rssKb(target.pid);
    const rssPerConnectionKb = (rssAfterKb - rssBeforeKb) / connectedCount;
    log(`${target.name}: RSS ${(rssAfterKb / 1024).toFixed(1)} MB with sockets, ${rssPerConnectionKb.toFixed(1)} KB per connection`);

    const rounds: RoundResult[] = [];
    const closedAfterConnect: Record<string, number> = {};
    let newManifest: string | null = null;
    const ackBudget = 30_000 + 3 * n;
    for (let round = 1; round <= opts.rounds; round++) {
      if (round > 1) await sleep(1_000);
      await target.prepare(round);
      // Every generator confirms the round before the publish, so no ack can precede its `arm`.
      gens.forEach((g) => g.send({ cmd: 'arm', round }));
      const armed = await Promise.all(gens.map((g) => g.nextOf('armed', (m) => m.round === round, 10_000)));
      if (armed.some((a) => !a)) throw new Error(`${target.name}: a load generator did not confirm round ${round}`);
      const t0 = wallNow();
      await target.publish();
      const publishRequestMs = wallNow() - t0;

      const results = await Promise.all(
        gens.map(async (g) => {
          const r = await g.nextOf('result', (m) => m.round === round, ackBudget);
          if (r) return r;
          g.send({ cmd: 'report' });
          return g.nextOf('result', (m) => m.round === round, 10_000);
        }),
      );
      const latencies: number[] = [];
      let missing = 0;
      results.forEach((r, i) => {
        if (!r) {
          missing += connected[i]!.connected;
          return;
        }
        for (const t of r.ackTimes) latencies.push(t - t0);
        missing += r.missing;
        if (round === opts.rounds) merge(closedAfterConnect, r.closedAfterConnect);
        newManifest ??= r.newManifest;
      });
      const summary = summarize(latencies);
      rounds.push({ ...summary, missing, publishRequestMs });
      log(
        `${target.name} round ${round}/${opts.rounds}: publish answered in ${publishRequestMs.toFixed(1)} ms; ` +
          `${latencies.length}/${connectedCount} acked; p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, max ${summary.maxMs} ms` +
          (missing ? `; ${missing} did NOT ack within ${ackBudget / 1000} s` : ''),
      );
    }
    if (Object.keys(closedAfterConnect).length) log(`${target.name}: sockets closed after connecting: ${JSON.stringify(closedAfterConnect)}`);
    // The round with the median p99 stands for the target: one noisy round cannot decide it.
    const chosen = [...rounds].sort((a, b) => a.p99Ms - b.p99Ms)[Math.floor((rounds.length - 1) / 2)]!;
    return {
      ...chosen,
      rounds,
      connected: connectedCount,
      failed,
      connectErrors,
      connectMs,
      missing: rounds.reduce((s, r) => s + r.missing, 0),
      closedAfterConnect,
      rssBeforeKb,
      rssAfterKb,
      rssPerConnectionKb,
      samples: first.samples,
      manifestBytes: first.manifestBytes,
      newManifest,
    };
  } finally {
    await Promise.all(gens.map((g) => g.close()));
  }
}

// ---------------------------------------------------------------------------------------------
// bangtin

interface SeededData {
  dir: string;
  tokens: string[];
}

function seed(dir: string, n: number): SeededData {
  const db = openDatabase(join(dir, 'bangtin.db'));
  try {
    const services = createServices(db, systemClock);
    seedDemo(services);
    const tokens: string[] = [];
    const now = Date.now();
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const token = `bench${i}_${randomBytes(18).toString('base64url')}`;
        tokens.push(token);
        services.screens.insert(
          { id: `s_bench${String(i).padStart(5, '0')}`, name: `Bench screen ${i + 1}`, ward: null, locationKind: 'park', tags: [] },
          hashToken(token),
          now,
        );
      }
    })();
    return { dir, tokens };
  } finally {
    db.close();
  }
}

class Api {
  #cookie = '';
  constructor(readonly base: string) {}

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = { Origin: this.base };
    if (this.#cookie) headers.Cookie = this.#cookie;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of res.headers.getSetCookie()) {
      const m = /^bt_session=([^;]*)/.exec(c);
      if (m) this.#cookie = `bt_session=${m[1]}`;
    }
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: keep the text for the error message
    }
    return { status: res.status, json };
  }

  async expect(method: string, path: string, status: number, body?: unknown): Promise<unknown> {
    const r = await this.request(method, path, body);
    if (r.status !== status) throw new Error(`${method} ${path} answered ${r.status}, expected ${status}: ${JSON.stringify(r.json).slice(0, 300)}`);
    return r.json;
  }
}

async function runBangtin(data: SeededData, opts: Options): Promise<PhaseResult> {
  const port = await freePort();
  const password = randomBytes(12).toString('base64url');
  log(`bangtin: starting server on 127.0.0.1:${port}`);
  const server = spawnNode(['--import', 'tsx', 'server/main.ts'], {
    PORT: String(port),
    HOST: '127.0.0.1',
    BANGTIN_DATA_DIR: data.dir,
    BANGTIN_ADMIN_PASSWORD: password,
  }, false);
  try {
    await waitForLine(server, 'bangtin', /^Demo player: /, 60_000);
    const pid = server.pid!;
    log(`bangtin: server pid ${pid}, open-file limit (soft): ${procLimitOpenFiles(pid)}`);
    const base = `http://127.0.0.1:${port}`;
    const api = new Api(base);
    return await measure(
      {
        name: 'bangtin',
        wsUrl: `ws://127.0.0.1:${port}/ws/player`,
        httpBase: base,
        pid,
        prepare: async (round) => {
          if (round === 1) await api.expect('POST', '/api/session', 200, { username: 'admin', password });
          const list = (await api.expect('GET', '/api/content', 200)) as { items: { item: Record<string, unknown> & { id: string; kind: string } }[] };
          const slogan = list.items.find((e) => e.item.kind === 'slogan');
          if (!slogan) throw new Error('no slogan item in /api/content');
          const { id, ...fields } = slogan.item;
          await api.expect('PUT', `/api/content/${id}`, 200, {
            ...fields,
            text: `Benchmark edit ${round}, ${new Date().toISOString()}`,
          });
        },
        publish: async () => {
          await api.expect('POST', '/api/publish', 201);
        },
      },
      data.tokens,
      opts,
    );
  } finally {
    await stop(server, 'bangtin server');
  }
}

// ---------------------------------------------------------------------------------------------
// Bare ws reference

async function runBare(dir: string, frames: Record<string, string>, tokens: string[], opts: Options): Promise<PhaseResult> {
  const framesFile = join(dir, 'bare-frames.json');
  writeFileSync(framesFile, JSON.stringify(frames));
  const port = await freePort();
  log(`bare ws: starting reference server on 127.0.0.1:${port}`);
  const server = spawnNode(['--import', 'tsx', join(ROOT, 'bench/bare-ws-server.ts')], {
    PORT: String(port),
    HOST: '127.0.0.1',
    BARE_FRAMES: framesFile,
  }, false);
  try {
    await waitForLine(server, 'bare ws', /^Bare ws listening on /, 30_000);
    const pid = server.pid!;
    log(`bare ws: server pid ${pid}, open-file limit (soft): ${procLimitOpenFiles(pid)}`);
    const base = `http://127.0.0.1:${port}`;
    await fetch(`${base}/healthz`); // warm fetch up, as signing in does for bangtin
    return await measure(
      {
        name: 'bare ws',
        wsUrl: `ws://127.0.0.1:${port}/ws/player`,
        httpBase: base,
        pid,
        prepare: async () => {
          await fetch(`${base}/healthz`);
        },
        publish: async () => {
          const res = await fetch(`${base}/publish`, { method: 'POST' });
          await res.text();
          if (res.status !== 201) throw new Error(`bare ws publish answered ${res.status}`);
        },
      },
      tokens,
      opts,
    );
  } finally {
    await stop(server, 'bare ws server');
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  let opts: Options;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    return fail((err as Error).message);
  }
  screensForReport = opts.screens;
  const hardTimer = setTimeout(() => fail(`hard timeout: the run took over ${HARD_TIMEOUT_MS / 1000} s`), HARD_TIMEOUT_MS);

  const hard = hardOpenFileLimit();
  openFilesLimit = Math.min(WANTED_OPEN_FILES, hard);
  const serverNeeds = opts.screens + SERVER_FD_HEADROOM;
  if (serverNeeds > openFilesLimit) {
    fail(
      `${opts.screens} screens need about ${serverNeeds} open files in the one server process, but the hard limit (ulimit -Hn) is ${hard} ` +
        `and a process cannot go above it (root cannot raise it here either); run with --screens ${Math.max(1, openFilesLimit - SERVER_FD_HEADROOM)} or fewer`,
    );
  }
  log(
    `${opts.screens} screens, ${opts.generators} load generator(s), ${opts.concurrency} handshakes in flight per generator; ` +
      `children start with ulimit -Sn ${openFilesLimit} (hard limit ${hard})`,
  );

  tempDir = mkdtempSync(join(tmpdir(), 'bangtin-bench-'));
  const seedStart = wallNow();
  const data = seed(tempDir, opts.screens);
  log(`seeded ${opts.screens} screens in ${((wallNow() - seedStart) / 1000).toFixed(1)} s (${tempDir})`);

  const bangtin = await runBangtin(data, opts);
  const samples = bangtin.samples;
  if (!samples?.welcome || !samples.screen || !samples.manifest) {
    return fail('could not capture bangtin frames for the bare ws reference');
  }
  const frames = {
    welcome: samples.welcome,
    screen: samples.screen,
    manifest: samples.manifest,
    nextManifest: bangtin.newManifest ?? samples.manifest,
  };
  const bare = await runBare(tempDir, frames, data.tokens, opts);

  const ratio = bangtin.p99Ms / bare.p99Ms;
  const report = {
    screens: opts.screens,
    p50Ms: bangtin.p50Ms,
    p99Ms: bangtin.p99Ms,
    maxMs: bangtin.maxMs,
    rssPerConnectionKb: round(bangtin.rssPerConnectionKb),
    bareWs: {
      p50Ms: bare.p50Ms,
      p99Ms: bare.p99Ms,
      maxMs: bare.maxMs,
      rssPerConnectionKb: round(bare.rssPerConnectionKb),
      connectMs: Math.round(bare.connectMs),
      acked: bare.count,
      missing: bare.missing,
      roundsP99Ms: bare.rounds.map((r) => r.p99Ms),
    },
    p99VsBareWs: round(ratio, 2),
    rounds: opts.rounds,
    roundsP99Ms: bangtin.rounds.map((r) => r.p99Ms),
    connectMs: Math.round(bangtin.connectMs),
    connected: bangtin.connected,
    acked: bangtin.count,
    missing: bangtin.missing,
    connectFailures: bangtin.failed,
    publishRequestMs: round(bangtin.publishRequestMs),
    manifestBytes: bangtin.manifestBytes,
    generators: opts.generators,
    wallMs: Math.round(wallNow() - startedAt),
  };
  clearTimeout(hardTimer);
  finished = true;
  cleanup();
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(bangtin.missing || bare.missing || bangtin.failed || bare.failed ? 1 : 0);
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
