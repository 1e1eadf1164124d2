import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import type { WebSocketServer } from 'ws';
import { CloseCode } from '../../playlists/index.ts';
import { benchSample } from '../bench-stats.ts';
import { GatewayBus } from '../bus/gateway-bus.ts';
import { wallNow } from '../bus/messages.ts';
import { Presence } from '../bus/presence.ts';
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import { playerPageRoutes } from '../http/pages.ts';
import { Hub, type HubOptions, type SocketHandlers } from '../hub/hub.ts';
import type { PlayerSocket } from '../hub/socket.ts';
import { attachPlayerSockets, type UpgradeSource } from '../hub/upgrade.ts';
import { NodeScheduler } from '../scheduler.ts';
import { GatewayDirectory } from './directory.ts';
import { gatewayHubDeps } from './hub-deps.ts';
import { PresenceRenewal } from './presence-renewal.ts';
import { proxyTo } from './proxy.ts';

export const GATEWAY_VERSION = '0.1.0';

/** Frames above this close the socket (ws answers 1009); a `plays` batch of 500 fits (as main.ts). */
const MAX_FRAME_BYTES = 512 * 1024;

export interface GatewayOptions {
  redisUrl: string;
  /** Where `vite build` wrote the pages (the player page and its assets). */
  distDir: string;
  /** The control server, for what players ask of it over HTTP (pairing, media files); none: nginx routes them. */
  controlUrl?: string | null;
  /** The installation's player sockets, named in the player page (BANGTIN_PLAYER_SOCKETS); none: this gateway's own. */
  playerSockets?: readonly string[];
  id?: string;
  prefix?: string;
  clock?: Clock;
  hub?: Partial<HubOptions>;
  /** How often presence is renewed (ms); it lives three times as long. */
  presenceMs?: number;
  blockMs?: number;
}

/**
 * A player gateway (`npm run gateway`, issue 16): screens' sockets on `/ws/player`, the player
 * page and its assets, `/healthz`; `/api/pairing…` and `/media/…` are passed to control when
 * BANGTIN_CONTROL_URL is set. It holds nothing that matters: screens come from control's
 * directory, manifests from the published state in Redis, and what screens report goes to
 * control's stream. Kill it and its screens reconnect to another gateway and lose nothing.
 */
export function createGateway(options: GatewayOptions) {
  const id = options.id ?? randomUUID();
  const clock = options.clock ?? systemClock;
  const open = () => {
    const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null, enableAutoPipelining: true, retryStrategy: (n) => Math.min(50 * n, 1000) });
    redis.on('error', () => undefined);
    return redis;
  };
  const commands = open();
  let redisUp = false;
  commands.on('ready', () => {
    if (!redisUp) console.log(`gateway ${id}: Redis reachable`);
    redisUp = true;
  });
  commands.on('close', () => {
    if (redisUp) console.warn(`gateway ${id}: Redis unreachable, screens keep what they have`);
    redisUp = false;
  });
  const conns = { commands, reader: open(), subscriber: open(), directorySubscriber: open() };
  const bus = new GatewayBus({ commands, reader: conns.reader, subscriber: conns.subscriber }, { id, prefix: options.prefix, blockMs: options.blockMs });
  const directory = new GatewayDirectory({ commands, subscriber: conns.directorySubscriber }, { prefix: options.prefix });
  const presence = new Presence(commands, { prefix: options.prefix, ttlMs: 3 * (options.presenceMs ?? 5000) });
  const hub = new Hub(gatewayHubDeps(clock, bus, directory), options.hub);
  const scheduler = new NodeScheduler();

  // What control says reaches the screens held here. The bench reads how long the announce took
  // to get here from control (both clocks are this machine's in the bench; wall time elsewhere).
  bus.onChange((change) => {
    if (change.announcedAt !== null) benchSample('redisHopMs', wallNow() - change.announcedAt);
    hub.pushManifests();
  });
  directory.onChange((screenId, before, after, retired) => {
    // Closed as on the embedded hub: 4005 for a retired screen (routes/screen-retire.ts), 4003 for a dead token.
    if (retired) hub.disconnect(screenId, CloseCode.retired, 'screen retired');
    else if (before && (!after || after.tokenHash !== before.tokenHash)) hub.disconnect(screenId, CloseCode.tokenRevoked, after ? 'token rotated' : 'screen removed');
    else if (after) hub.screenChanged(screenId);
  });
  directory.onCommand(({ screenId, id: commandId, action }) => hub.sendCommand(screenId, commandId, action));
  hub.onCommandResult((screenId, result) => bus.send(screenId, 'commandResult', result));

  // Presence: the screens held here, renewed with a TTL (what changed, the whole list now and
  // then); at once when one comes or goes.
  const renewal = new PresenceRenewal(presence, id, hub);
  commands.on('ready', () => renewal.wholeNext());
  let renewTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const renew = (quick = false) => {
    if (renewTimer) clearTimeout(renewTimer);
    renewTimer = null;
    if (stopped) return;
    const t0 = wallNow();
    void renewal.renew(quick).catch(() => undefined);
    // What a renewal holds this gateway's event loop for at once (its first share of screens).
    benchSample('presenceRenewMs', wallNow() - t0);
  };
  hub.watch((screenId) => {
    if (renewal.changed(screenId)) renewTimer ??= setTimeout(() => renew(true), 100);
  });
  let presenceTimer: ReturnType<typeof setInterval> | null = null;

  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });
  app.get('/healthz', (c) => {
    const base = { role: 'gateway', gateway: id, version: GATEWAY_VERSION, connectedScreens: hub.connectedCount, revision: bus.revision, screensKnown: directory.size };
    return c.json(redisUp ? { status: 'ok', ...base } : { status: 'degraded', reasons: ['redis_unreachable'], ...base });
  });
  if (options.controlUrl) {
    const toControl = proxyTo(options.controlUrl);
    app.all('/api/pairing', toControl);
    app.all('/api/pairing/*', toControl);
    app.get('/media/*', toControl);
  }
  app.route('/', playerPageRoutes({ distDir: options.distDir, playerSockets: options.playerSockets }));
  app.notFound((c) => (c.req.path.startsWith('/api/') ? c.json({ error: { code: 'not_found', message: 'Not served by a player gateway' } }, 404) : c.text('Not found', 404)));

  /**
   * Until the directory holds screens (Redis restarted empty and control has not written it
   * again, or nothing read yet), a token cannot be judged: "unknown token" would make players
   * forget theirs and show pairing. They are asked to come back (1013, try again later) instead.
   */
  const accept = (socket: PlayerSocket): SocketHandlers => {
    if (directory.size > 0) return hub.accept(socket);
    socket.close(CloseCode.tryAgainLater, 'gateway has no screens yet');
    return { message: () => {}, pong: () => {}, close: () => {} };
  };

  let wss: WebSocketServer | null = null;
  return {
    id,
    app,
    hub,
    bus,
    directory,
    /** Reads the directory and the published state, then starts serving. */
    async start(): Promise<void> {
      await Promise.all([bus.start(), directory.start()]);
      hub.start(scheduler);
      presenceTimer = setInterval(renew, options.presenceMs ?? 5000);
      presenceTimer.unref?.();
    },
    /** Takes the player sockets of an HTTP server. */
    attach(server: UpgradeSource): void {
      wss = attachPlayerSockets(server, { accept }, { maxPayload: MAX_FRAME_BYTES });
    },
    /**
     * Dies as a killed process would (tests): Redis connections dropped first, so nothing more
     * reaches control and its presence is left to expire.
     */
    async crash(): Promise<void> {
      stopped = true;
      for (const c of Object.values(conns)) c.disconnect();
      if (presenceTimer) clearInterval(presenceTimer);
      if (renewTimer) clearTimeout(renewTimer);
      scheduler.stop();
      wss?.close();
      directory.stop();
      await bus.stop();
      hub.stop();
    },
    /** Closes the screens' sockets (they go to another gateway) and leaves presence. */
    async stop(): Promise<void> {
      stopped = true;
      if (presenceTimer) clearInterval(presenceTimer);
      if (renewTimer) clearTimeout(renewTimer);
      hub.stop();
      scheduler.stop();
      wss?.close();
      directory.stop();
      await presence.leave(id).catch(() => undefined);
      await bus.stop();
      for (const c of Object.values(conns)) c.disconnect();
    },
  };
}
export type Gateway = ReturnType<typeof createGateway>;
