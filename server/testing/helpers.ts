/**
 * Shared test fixtures for the server: a fresh in-memory app at a fixed instant, request
 * helpers that behave like the admin page (same Origin, JSON), and an in-memory player socket.
 */
import { tmpdir } from 'node:os';
import {
  ErrorBody,
  PROTOCOL_VERSION,
  ServerMessage,
  type ClientMessage,
  type ContentFields,
  type Manifest,
} from '../../playlists/index.ts';
import { createApp, createHub, type App } from '../app.ts';
import { ensureAdmin, seedDemo } from '../seed/bootstrap.ts';
import { manualClock } from '../clock.ts';
import { openDatabase, type Db } from '../db/connection.ts';
import type { Hub, HubOptions, SocketHandlers } from '../hub/hub.ts';
import type { PlayerSocket } from '../hub/socket.ts';
import { createServices, type Services } from '../services.ts';

/** A Thursday morning in Hanoi. */
export const NOW = Date.parse('2026-11-26T09:00:00+07:00');
export const ORIGIN = 'http://localhost';
export const ADMIN_PASSWORD = 'correct horse battery';

export interface TestApp {
  db: Db;
  clock: ReturnType<typeof manualClock>;
  services: Services;
  hub: Hub;
  app: App;
  /** The demo screen's token (empty when not seeded). */
  demoToken: string;
}

/**
 * A fresh app over ':memory:'. `admin` is the password given to `ensureAdmin` (as if from
 * the environment); `false` skips the user, which keeps hub and repository tests free of scrypt.
 */
export async function createTestApp(
  options: { admin?: string | false; seed?: boolean; hub?: Partial<HubOptions>; mediaDir?: string } = {},
): Promise<TestApp> {
  const db = openDatabase(':memory:');
  const clock = manualClock(NOW);
  // Without a media directory of its own, the app shares its process's scratch one (services.ts).
  const services = createServices(db, clock, { mediaDir: options.mediaDir });
  if (options.seed ?? true) await seedDemo(services);
  const admin = options.admin ?? ADMIN_PASSWORD;
  if (admin !== false) await ensureAdmin(services, admin);
  // Play events are written (and acknowledged) at once, and pushes follow a publish at once, so
  // hub tests stay synchronous; the batching itself is tested with a delay of its own
  // (hub-writes.test.ts), the deferred, chunked push in audiences.test.ts.
  const hub = createHub(services, { playsFlushMs: 0, deferPushes: false, ...options.hub });
  const app = createApp({ db, clock, hub, services, distDir: tmpdir() });
  return { db, clock, services, hub, app, demoToken: services.settings.get('demo_screen_token') ?? '' };
}

export interface RequestOptions {
  body?: unknown;
  cookie?: string;
  /** `null` sends no Origin; default is the app's own. */
  origin?: string | null;
  /** `null` sends no Content-Type; default is JSON when there is a body. */
  contentType?: string | null;
  headers?: Record<string, string>;
  /** The client's socket address (what `getConnInfo` reads); none by default. */
  address?: string;
}

/**
 * One request through `app.request()`. Objects are sent as JSON, strings as they are; like a
 * real HTTP client, a body comes with its Content-Length.
 */
export function api(t: Pick<TestApp, 'app'>, method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (opts.origin !== null) headers.Origin = opts.origin ?? ORIGIN;
  if (opts.cookie) headers.Cookie = opts.cookie;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['Content-Length'] = String(Buffer.byteLength(body));
    if (opts.contentType !== null) headers['Content-Type'] = opts.contentType ?? 'application/json';
  } else if (opts.contentType) headers['Content-Type'] = opts.contentType;
  Object.assign(headers, opts.headers);
  const env = opts.address === undefined ? undefined : { incoming: { socket: { remoteAddress: opts.address } } };
  return Promise.resolve(t.app.request(`${ORIGIN}${path}`, { method, headers, body }, env));
}

/** Signs in and returns the `Cookie` header value for later requests. */
export async function signIn(t: Pick<TestApp, 'app'>, username = 'admin', password = ADMIN_PASSWORD): Promise<string> {
  const res = await api(t, 'POST', '/api/session', { body: { username, password } });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0]!;
}

/** Reads an error response, checking it has exactly the documented shape. */
export async function errorOf(res: Response): Promise<ErrorBody['error']> {
  expectJson(res);
  const body = (await res.json()) as Record<string, unknown>;
  const parsed = ErrorBody.strict().parse(body);
  const extra = Object.keys(parsed.error).filter((k) => !['code', 'message', 'issues'].includes(k));
  if (extra.length) throw new Error(`unexpected error fields: ${extra.join(', ')}`);
  return parsed.error;
}

function expectJson(res: Response): void {
  const type = res.headers.get('content-type') ?? '';
  if (!type.startsWith('application/json')) throw new Error(`expected JSON, got ${type || 'no content type'}`);
}

/** Every table's rows, in sqlite_master order: compare before and after a refused request. */
export function dumpDb(db: Db): Record<string, unknown[]> {
  const tables = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid").all();
  // A WITHOUT ROWID table (the report rollups) has no rowid; it reads in its key's order.
  const order = (sql: string) => (/WITHOUT ROWID/i.test(sql) ? '' : ' ORDER BY rowid');
  return Object.fromEntries(tables.map(({ name, sql }) => [name, db.prepare(`SELECT * FROM "${name}"${order(sql)}`).all()]));
}

export const slogan = (text: string, extra: Partial<Extract<ContentFields, { kind: 'slogan' }>> = {}): ContentFields => ({
  kind: 'slogan',
  theme: 2,
  durationMs: 8_000,
  text,
  ...extra,
});

/** A PlayerSocket that keeps everything in memory, so hub tests are synchronous and exact. */
export class FakeSocket implements PlayerSocket {
  /** Frames as sent, in order (the hub sends manifests as a shared Buffer). */
  readonly frames: (string | Buffer)[] = [];
  closed: { code: number; reason: string } | null = null;
  terminated = false;
  pings = 0;
  /** Frames the hub tried to send after closing this socket. */
  sentAfterClose = 0;
  bufferedAmount = 0;

  send(data: string | Buffer): void {
    if (this.closed || this.terminated) this.sentAfterClose += 1;
    this.frames.push(data);
  }

  close(code: number, reason: string): void {
    this.closed ??= { code, reason };
  }

  terminate(): void {
    this.terminated = true;
  }

  ping(): void {
    this.pings += 1;
  }

  /** The frames parsed with the protocol's own schema, so the server's output is checked too. */
  get messages(): ServerMessage[] {
    return this.frames.map((f) => ServerMessage.parse(JSON.parse(f.toString())));
  }

  get types(): string[] {
    return this.messages.map((m) => m.type);
  }
}

export interface FakePlayer {
  socket: FakeSocket;
  handlers: SocketHandlers;
  /** Sends one client message as a JSON text frame. */
  send(msg: ClientMessage | Record<string, unknown>): void;
}

/** The last manifest `player` was sent; throws when none came. */
export function lastManifest(player: Pick<FakePlayer, 'socket'>): Manifest {
  const msg = player.socket.messages.filter((m) => m.type === 'manifest').at(-1);
  if (msg?.type !== 'manifest') throw new Error('no manifest');
  return msg.manifest;
}

/** Opens a fake connection; call `hello` on it or send frames by hand. */
export function openSocket(hub: Hub): FakePlayer {
  const socket = new FakeSocket();
  const handlers = hub.accept(socket);
  return { socket, handlers, send: (msg) => handlers.message(JSON.stringify(msg)) };
}

export const helloFrame = (token: string, overrides: Partial<Extract<ClientMessage, { type: 'hello' }>> = {}) => ({
  type: 'hello' as const,
  protocol: PROTOCOL_VERSION,
  token,
  manifestVersion: null,
  playerVersion: '0.1.0',
  viewport: { width: 1920, height: 1080 },
  ...overrides,
});

/** A player that has said hello with `token` (the demo screen's by default). */
export function connectPlayer(
  t: Pick<TestApp, 'hub' | 'demoToken'>,
  overrides: Partial<Extract<ClientMessage, { type: 'hello' }>> = {},
): FakePlayer {
  const player = openSocket(t.hub);
  player.send(helloFrame(overrides.token ?? t.demoToken, overrides));
  return player;
}
