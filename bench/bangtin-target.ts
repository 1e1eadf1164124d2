/**
 * bangtin as a bench target: a seeded data dir with N screens, the real server, and its API as
 * an admin uses it — edit + publish for publish→ack, an emergency (send, receipts, cancel) for
 * publish→shown.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { seedDemo } from '../server/seed/bootstrap.ts';
import { systemClock } from '../server/clock.ts';
import { openDatabase } from '../server/db/connection.ts';
import { hashToken } from '../server/ids.ts';
import { createServices } from '../server/services.ts';
import { measure, type EmergencyApi, type PhaseResult } from './measure.ts';
import type { Options } from './options.ts';
import { BENCH_STATS_PREFIX } from '../server/bench-stats.ts';
import { wallNow } from './stats.ts';
import { cpuProfileArgs, freePort, log, procLimitOpenFiles, sleep, spawnNode, stop, waitForLine } from './processes.ts';

export interface SeededData {
  dir: string;
  tokens: string[];
}

export async function seed(dir: string, n: number): Promise<SeededData> {
  const db = openDatabase(join(dir, 'bangtin.db'));
  try {
    const services = createServices(db, systemClock, { mediaDir: join(dir, 'media') });
    await seedDemo(services);
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

/** A signed-in API client: keeps the session cookie, sends `Origin` (state changes need it). */
export class Api {
  #cookie = '';
  constructor(readonly base: string) {}

  /** The `Server-Timing` duration of the last answer that had one, in ms. */
  serverMs: number | null = null;
  /** Its CPU time, from the same header. */
  serverCpuMs: number | null = null;

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = { Origin: this.base };
    if (this.#cookie) headers.Cookie = this.#cookie;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const timing = res.headers.get('server-timing') ?? '';
    const wall = /list;dur=([\d.]+)/.exec(timing);
    const cpu = /cpu;dur=([\d.]+)/.exec(timing);
    this.serverMs = wall ? Number(wall[1]) : null;
    this.serverCpuMs = cpu ? Number(cpu[1]) : null;
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

/** Before publish round `round`: signs in (round 1) and edits a slogan, as an admin does. */
export async function editSlogan(api: Api, password: string, round: number): Promise<void> {
  if (round === 1) await api.expect('POST', '/api/session', 200, { username: 'admin', password });
  const list = (await api.expect('GET', '/api/content', 200)) as { items: { item: Record<string, unknown> & { id: string; kind: string } }[] };
  const slogan = list.items.find((e) => e.item.kind === 'slogan');
  if (!slogan) throw new Error('no slogan item in /api/content');
  const { id, ...fields } = slogan.item;
  await api.expect('PUT', `/api/content/${id}`, 200, {
    ...fields,
    text: `Benchmark edit ${round}, ${new Date().toISOString()}`,
  });
}

/** The dashboard's first page, as it asks for it (PAGE_SIZE in admin/components/screen-list.ts). */
export const DASHBOARD_PAGE = '/api/screens?offset=0&limit=50&status=all';

/** How long the server may take to store the receipts after the last `shown` was sent. */
const RECEIPTS_WAIT_MS = 15_000;

/** `POST /api/emergencies` to every screen, its receipts from `GET /api/emergencies`, `DELETE` to cancel. */
export function emergencyApi(api: Api): EmergencyApi {
  return {
    send: async () => {
      const sent = (await api.expect('POST', '/api/emergencies', 201, {
        text: `Benchmark emergency, ${new Date().toISOString()}`,
      })) as { scheduleId?: unknown };
      if (typeof sent.scheduleId !== 'string') throw new Error(`POST /api/emergencies answered without a scheduleId: ${JSON.stringify(sent)}`);
      return sent.scheduleId;
    },
    receipts: async (scheduleId, expected) => {
      const deadline = Date.now() + RECEIPTS_WAIT_MS;
      for (;;) {
        const list = (await api.expect('GET', '/api/emergencies', 200)) as {
          emergencies: { scheduleId: string; screens: { shownAt: string | null }[] }[];
        };
        const entry = list.emergencies.find((e) => e.scheduleId === scheduleId);
        if (!entry) throw new Error(`GET /api/emergencies does not list ${scheduleId}`);
        const stored = entry.screens.filter((s) => s.shownAt !== null).length;
        if (stored >= expected || Date.now() >= deadline) return stored;
        await sleep(250);
      }
    },
    cancel: async (scheduleId) => {
      await api.expect('DELETE', `/api/emergencies/${encodeURIComponent(scheduleId)}`, 200);
    },
  };
}

/**
 * The bangtin server on the seeded data, printing its bench stats on SIGUSR2. With
 * BANGTIN_BENCH_CPU_PROF=DIR it writes a V8 CPU profile into DIR when it stops (open it in
 * Chrome DevTools, or read where the time went during the fan-out).
 */
export function spawnBangtinServer(data: SeededData, port: number, password: string): ChildProcess {
  return spawnNode([...cpuProfileArgs('BANGTIN_BENCH_CPU_PROF'), '--import', 'tsx', 'server/main.ts'], {
    PORT: String(port),
    HOST: '127.0.0.1',
    BANGTIN_DATA_DIR: data.dir,
    BANGTIN_ADMIN_PASSWORD: password,
    BANGTIN_BENCH_STATS: '1',
  }, false);
}

export async function runBangtin(data: SeededData, opts: Options): Promise<PhaseResult & { adminServerMs: number[]; adminServerCpuMs: number[] }> {
  /** The server's own time for each timed admin request (its Server-Timing), without the wait for its event loop. */
  const adminServerMs: number[] = [];
  const adminServerCpuMs: number[] = [];
  const port = await freePort();
  const password = randomBytes(12).toString('base64url');
  log(`bangtin: starting server on 127.0.0.1:${port}`);
  const server = spawnBangtinServer(data, port, password);
  const statsLines = linesStartingWith(server, BENCH_STATS_PREFIX);
  try {
    await waitForLine(server, 'bangtin', /^Demo player: /, 60_000);
    const pid = server.pid!;
    log(`bangtin: server pid ${pid}, open-file limit (soft): ${procLimitOpenFiles(pid)}`);
    const base = `http://127.0.0.1:${port}`;
    const api = new Api(base);
    const result = await measure(
      {
        name: 'bangtin',
        wsUrl: `ws://127.0.0.1:${port}/ws/player`,
        httpBase: base,
        pid,
        prepare: (round) => editSlogan(api, password, round),
        publish: async () => {
          await api.expect('POST', '/api/publish', 201);
        },
        emergency: emergencyApi(api),
        // SIGUSR2: the server prints its loop delay since the last signal (server/bench-stats.ts).
        loopStats: async () => {
          const line = statsLines.next(10_000);
          server.kill('SIGUSR2');
          return JSON.parse(await line) as { loopDelayP99Ms: number };
        },
        // The request the fleet dashboard makes for its first page (admin/components/screen-list.ts).
        adminProbe: async () => {
          const t0 = wallNow();
          await api.expect('GET', DASHBOARD_PAGE, 200);
          const ms = wallNow() - t0;
          if (api.serverMs !== null) adminServerMs.push(api.serverMs);
          if (api.serverCpuMs !== null) adminServerCpuMs.push(api.serverCpuMs);
          return ms;
        },
      },
      data.tokens,
      opts,
    );
    return { ...result, adminServerMs, adminServerCpuMs };
  } finally {
    await stop(server, 'bangtin server');
  }
}

/** The child's stdout lines that start with `prefix`, one at a time, without the prefix. */
export function linesStartingWith(child: ChildProcess, prefix: string): { next(timeoutMs: number): Promise<string> } {
  const ready: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith(prefix)) continue;
      const body = line.slice(prefix.length);
      const waiter = waiting.shift();
      if (waiter) waiter(body);
      else ready.push(body);
    }
  });
  return {
    next: (timeoutMs) => {
      const line = ready.shift();
      if (line !== undefined) return Promise.resolve(line);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${prefix.trim()} line within ${timeoutMs} ms`)), timeoutMs);
        waiting.push((l) => {
          clearTimeout(timer);
          resolve(l);
        });
      });
    },
  };
}
