/**
 * Shared by the gateway tests and the gateway bench: control and gateways in this process over
 * a real Redis, and players simulated over real WebSockets (`ws`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { getRequestListener } from '@hono/node-server';
import { WebSocket } from 'ws';
import { CloseCode, PROTOCOL_VERSION, patchedManifest, type Manifest, type PlayEvent } from '../../playlists/index.ts';
import { sha256Hex } from '../canonical.ts';
import { createHub } from '../app.ts';
import { ControlHub } from '../bus/control-hub.ts';
import { controlServerBus, type ControlServerBus } from '../bus/control-server.ts';
import { manualClock } from '../clock.ts';
import { openDatabase, type Db } from '../db/connection.ts';
import { MANIFEST_REFRESH_AT } from '../hub/options.ts';
import { hashToken } from '../ids.ts';
import { ManualScheduler } from '../scheduler.ts';
import { seedDemo } from '../seed/bootstrap.ts';
import { createServices, type Services } from '../services.ts';
import { freePort } from '../testing/redis.ts';
import { createGateway, type Gateway } from './gateway.ts';

export const NOW = Date.parse('2026-11-26T09:00:00+07:00');
type ManualClock = ReturnType<typeof manualClock>;

/** The control server: services over ':memory:', its ControlHub and everything it does on the bus. */
export async function startControl(redisUrl: string, prefix: string, restart?: { db: Db; clock: ManualClock; services: Services }) {
  const db = restart?.db ?? openDatabase(':memory:');
  const clock = restart?.clock ?? manualClock(NOW);
  const services = restart?.services ?? createServices(db, clock);
  if (!restart) await seedDemo(services);
  const scheduler = new ManualScheduler(clock);
  const bus = controlServerBus(redisUrl, services, scheduler, MANIFEST_REFRESH_AT, { prefix, checkMs: 0, presenceMs: 50, blockMs: 200 });
  const hub = createHub(services, { playsFlushMs: 0, deferPushes: false }, (s, o) => new ControlHub(s, o, bus.hubBus));
  await bus.attach(hub);
  return {
    db, clock, services, hub, bus,
    /** Adds `count` screens with tokens `token-<i>` (a few per audience would do; these all share one). */
    addScreens(count: number, from = 0): { id: string; token: string }[] {
      const out: { id: string; token: string }[] = [];
      db.transaction(() => {
        for (let i = from; i < from + count; i++) {
          const screen = { id: `s_gw${i}`, token: `gateway-test-token-${i}-0123456789` };
          services.screens.insert({ id: screen.id, name: `Màn hình ${i}`, ward: null, locationKind: 'park', tags: [] }, hashToken(screen.token), clock.now());
          out.push(screen);
        }
      })();
      return out;
    },
    /** Stops the bus and the hub but keeps the database, as a killed process leaves its file. */
    async crash(): Promise<void> {
      hub.stop();
      await bus.stop();
    },
    async stop(): Promise<void> {
      hub.stop();
      await bus.stop();
      if (db.open) db.close();
    },
  };
}
export type TestControl = Awaited<ReturnType<typeof startControl>>;
export type { ControlServerBus, Services };

/** A gateway in this process, listening on a free port; `kill()` drops everything at once, as SIGKILL would. */
export async function startGateway(redisUrl: string, prefix: string, id: string) {
  const gateway: Gateway = createGateway({ redisUrl, prefix, id, distDir: tmpdir(), presenceMs: 100, blockMs: 200, hub: { playsFlushMs: 0 } });
  await gateway.start();
  const server: Server = createServer(getRequestListener(gateway.app.fetch));
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  gateway.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    gateway,
    url: `ws://127.0.0.1:${port}/ws/player`,
    http: `http://127.0.0.1:${port}`,
    /** Every connection cut and every Redis connection dropped, nothing said to anyone. */
    kill(): void {
      for (const s of sockets) s.destroy();
      server.close();
      // Its presence is left to expire, as a dead process' would.
      void gateway.crash();
    },
    async stop(): Promise<void> {
      await gateway.stop();
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
export type TestGateway = Awaited<ReturnType<typeof startGateway>>;

export interface GatewayProcess {
  child: ChildProcess;
  url: string;
  output: string;
}

/** `npm run gateway` as a child process (the default prefix: give it a Redis of its own). */
export async function spawnGateway(redisUrl: string, id: string): Promise<GatewayProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/gateway/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', BANGTIN_REDIS_URL: redisUrl, BANGTIN_GATEWAY_ID: id },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const gateway = { child, url: `ws://127.0.0.1:${port}/ws/player`, output: '' };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway ${id} did not start:\n${gateway.output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      gateway.output += chunk.toString();
      if (/listening on/.test(gateway.output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`gateway ${id} exited with ${code}:\n${gateway.output}`)));
  });
  child.removeAllListeners('exit');
  return gateway;
}

/** SIGKILL, and its exit. */
export function killGateway(gateway: GatewayProcess): Promise<void> {
  if (gateway.child.exitCode !== null || gateway.child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => gateway.child.once('exit', () => resolve()));
  gateway.child.kill('SIGKILL');
  return exited;
}

/** A play whose place in the screen's sequence is `n`, so plays of one screen never overlap. */
export const play = (id: string, itemId: string, n: number): PlayEvent => ({
  id,
  itemId,
  itemRevision: 1,
  playlistId: null,
  scheduleId: null,
  tier: 'fallback',
  theme: 3,
  startedAt: new Date(NOW - 240_000 + n * 8_000).toISOString(),
  durationMs: 8_000,
  completed: true,
});

/**
 * A player as player/connection.ts behaves on the wire: hello, ack each manifest, answer
 * commands, queue plays until `playsAck`, and on a dropped connection go to the next URL in its
 * list (resending what was not acknowledged). A token revoked, unknown or retired ends it.
 * With `patches`, it asks for manifest patches and applies them as the player does
 * (playlists/PROTOCOL.md [P4], [P5]): to the manifest it holds, checked against the version's
 * hash; one that does not fit is answered with `resync`.
 */
export class SimPlayer {
  ws: WebSocket | null = null;
  /** Every manifest applied: whole (`manifest`) or made from a `patch` frame (`text`: the frame as it came). */
  readonly manifests: { version: string; at: number; text: string; kind: 'manifest' | 'patch' }[] = [];
  /** The manifest it holds (parsed), the base of the next patch. */
  held: Manifest | null = null;
  /** Patch frames it could not use (and answered with `resync`). */
  resyncs = 0;
  readonly commands: string[] = [];
  /** Every `screen` message (its settings). */
  readonly settings: { name: string; theme: string }[] = [];
  readonly queue = new Map<string, PlayEvent>();
  readonly acked = new Set<string>();
  closedWith: number | null = null;
  /** Every close code seen. */
  readonly closes: number[] = [];
  welcomed = 0;
  #url = 0;
  #stopped = false;
  #manifestVersion: string | null = null;
  onManifest: ((version: string) => void) | null = null;
  onAck: (() => void) | null = null;

  constructor(readonly token: string, readonly urls: string[], start = 0, readonly options: { patches?: boolean } = {}) {
    this.#url = start;
  }

  get version(): string | null {
    return this.#manifestVersion;
  }

  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  connect(): void {
    if (this.#stopped) return;
    const ws = new WebSocket(this.urls[this.#url % this.urls.length]!);
    this.ws = ws;
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token: this.token, manifestVersion: this.#manifestVersion, playerVersion: '0.1.0', viewport: { width: 1920, height: 1080 }, patches: this.options.patches === true }));
    });
    ws.on('message', (data) => this.#onMessage(ws, String(data)));
    ws.on('error', () => undefined);
    ws.on('close', (code) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.closes.push(code);
      if (code === CloseCode.tokenRevoked || code === CloseCode.unknownToken || code === CloseCode.retired) {
        this.closedWith = code;
        return;
      }
      // The next gateway of the list, after a short backoff (the real player's starts at 1 s).
      this.#url += 1;
      setTimeout(() => this.connect(), 50);
    });
  }

  /** Sends one frame as is (when connected). */
  send(frame: unknown): void {
    if (this.connected) this.ws!.send(JSON.stringify(frame));
  }

  /** Sends plays (kept until acknowledged, and resent after a reconnect). */
  sendPlays(events: PlayEvent[]): void {
    for (const e of events) this.queue.set(e.id, e);
    this.#flush();
  }

  #flush(): void {
    if (!this.connected || !this.queue.size) return;
    this.ws!.send(JSON.stringify({ type: 'plays', events: [...this.queue.values()].slice(0, 500) }));
  }

  #onMessage(ws: WebSocket, raw: string): void {
    const msg = JSON.parse(raw) as { type: string; manifest?: Manifest; patch?: unknown; ids?: string[]; id?: string; action?: string; screen?: { name: string; theme: string } };
    switch (msg.type) {
      case 'screen':
        this.settings.push(msg.screen!);
        return;
      case 'welcome':
        this.welcomed += 1;
        this.#flush();
        return;
      case 'manifest':
        return this.#apply(ws, msg.manifest!, raw, 'manifest');
      case 'patch': {
        const held = this.held;
        const at = performance.now();
        void (held ? patchedManifest(held, msg.patch, async (text) => sha256Hex(text)) : Promise.resolve(null)).then((next) => {
          if (this.ws !== ws) return;
          if (next) return this.#apply(ws, next, raw, 'patch', at);
          this.resyncs += 1;
          ws.send(JSON.stringify({ type: 'resync', version: this.#manifestVersion }));
        });
        return;
      }
      case 'playsAck':
        for (const id of msg.ids ?? []) {
          this.queue.delete(id);
          this.acked.add(id);
        }
        this.onAck?.();
        return;
      case 'command':
        this.commands.push(msg.action!);
        ws.send(JSON.stringify({ type: 'commandResult', id: msg.id, ok: true }));
        return;
      default:
    }
  }

  #apply(ws: WebSocket, manifest: Manifest, raw: string, kind: 'manifest' | 'patch', at = performance.now()): void {
    const version = manifest.version;
    this.held = manifest;
    this.#manifestVersion = version;
    this.manifests.push({ version, at, text: raw, kind });
    ws.send(JSON.stringify({ type: 'ack', version }));
    this.onManifest?.(version);
  }

  stop(): void {
    this.#stopped = true;
    this.ws?.terminate();
  }
}
