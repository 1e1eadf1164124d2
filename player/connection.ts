import {
  ClientMessage,
  CloseCode,
  PROTOCOL_VERSION,
  ServerMessage,
  parseFrame,
  type CommandAction,
  DeviceReport,
  type Manifest,
  type ScreenSettings,
} from '../playlists/player.ts';
import { browserTimers, type Clock, type Timers } from './clock.ts';
import { backoffDelay, closeAction, guardedReload, retryFloorMs } from './retry.ts';
import { firstSocket } from './sockets.ts';
import type { KeyValueStorage } from './store.ts';

export const PLAYER_VERSION = '0.1.0';
/** Gives up on a socket that has not been welcomed this long after it was opened. */
export const WELCOME_TIMEOUT_MS = 10_000;
export { PLAYS_REFUSED_DELAY_MS } from './retry.ts';
/** A socket that has heard nothing for this many heartbeats is dead (half-open TCP). */
export const STALE_HEARTBEATS = 3;
const MIN_HEARTBEAT_MS = 1_000;

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'stopped';

export interface ConnectionOptions {
  /** The player sockets (sockets.ts): it starts at the token's place and moves on after a failure. */
  urls: readonly string[];
  token: string;
  clock: Clock;
  /** The manifest version held, for `hello` and heartbeats. */
  manifestVersion(): string | null;
  playing(): { itemId: string; since: string } | null;
  viewport(): { width: number; height: number };
  /** Facts about the box for the dashboard, sent in `hello` and every heartbeat. */
  device?(): DeviceReport;
  /** Within operating hours now, for heartbeats. */
  open?(): boolean;
  /**
   * The manifest held (the last one applied), which a `patch` applies to. With `subtle` (Web
   * Crypto, secure contexts only) to check a patched manifest's hash, the hello asks for patches.
   */
  heldManifest?(): Manifest | null;
  subtle?: SubtleCrypto | null;
  /** Applies a manifest; `ack` goes out once this settles (later: after media are cached). */
  onManifest(manifest: Manifest): void | Promise<void>;
  onScreen(screen: ScreenSettings): void;
  /** Corrected time moved by `deltaMs`. */
  onClockSync(deltaMs: number): void;
  onStatus(status: ConnectionStatus): void;
  /** The server does not know this token (4001), revoked it (4003) or retired its screen (4005, `retired`). */
  onUnregistered(retired: boolean): void;
  /** Another tab or box took over this screen (4004). */
  onReplaced(): void;
  /** The server stored these play events. */
  onPlaysAck?(ids: string[]): void;
  /** An operator's remote action; answer it with `send({ type: 'commandResult', … })`. */
  onCommand?(command: { id: string; action: CommandAction }): void;
  reload(): void;
  /** Per-tab storage (sessionStorage) for the reload guard. */
  session: KeyValueStorage | null;
  createSocket?: (url: string) => WebSocket;
  timers?: Timers;
  random?: () => number;
  /** Monotonic ms, for uptime and staleness. */
  monotonic?: () => number;
}

/**
 * The player's side of `/ws/player`: hello, heartbeats, acks, clock sync, and reconnection with
 * full-jitter backoff, to the next of its sockets (another gateway) when there are several.
 * Every frame in is `parseFrame`d; invalid ones are logged and ignored.
 */
export class Connection {
  private socket: WebSocket | null = null;
  /** The place in `urls` of the socket in use or tried next. */
  private at: number;
  private attempt = 0;
  private retryTimer: unknown = null;
  private welcomeTimer: unknown = null;
  private heartbeatTimer: unknown = null;
  /** Local send times of this socket's hello and heartbeats not answered yet, oldest first. */
  private askedAt: number[] = [];
  private lastHeardAt = 0;
  private stopped = false;
  private readonly timers: Timers;
  private readonly monotonic: () => number;

  constructor(private readonly options: ConnectionOptions) {
    this.timers = options.timers ?? browserTimers;
    this.monotonic = options.monotonic ?? (() => performance.now());
    this.at = firstSocket(options.token, options.urls.length);
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.halt();
  }

  private connect(): void {
    this.retryTimer = null;
    this.options.onStatus('connecting');
    let socket: WebSocket;
    try {
      socket = (this.options.createSocket ?? ((url) => new WebSocket(url)))(this.options.urls[this.at]!);
    } catch (err) {
      console.warn('bangtin: cannot open socket', err);
      this.retry();
      return;
    }
    this.socket = socket;
    this.askedAt = [];
    socket.onopen = () => this.ask(this.hello());
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => this.closed(event.code);
    // An error is always followed by a close event, which decides what happens next.
    socket.onerror = () => console.warn('bangtin: socket error');
    this.welcomeTimer = this.timers.set(() => this.abandon('no welcome'), WELCOME_TIMEOUT_MS);
  }

  private hello(): ClientMessage {
    return {
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      token: this.options.token,
      manifestVersion: this.options.manifestVersion(),
      playerVersion: PLAYER_VERSION,
      viewport: this.viewport(),
      ...this.device(),
      ...(this.options.subtle && this.options.heldManifest ? { patches: true } : {}),
    };
  }

  /** Device facts when they are valid: an odd browser's report must never keep a screen offline. */
  private device(): { device?: DeviceReport } {
    const report = DeviceReport.safeParse(this.options.device?.());
    return report.success ? { device: report.data } : {};
  }

  private viewport(): { width: number; height: number } {
    const { width, height } = this.options.viewport();
    const clamp = (n: number) => Math.min(20_000, Math.max(0, Math.round(n)));
    return { width: clamp(width), height: clamp(height) };
  }

  private receive(data: unknown): void {
    this.lastHeardAt = this.monotonic();
    const message = parseFrame(ServerMessage, data);
    if (message === null) {
      console.warn('bangtin: ignoring an invalid frame', typeof data === 'string' ? data.slice(0, 200) : data);
      return;
    }
    switch (message.type) {
      case 'welcome':
        this.timers.clear(this.welcomeTimer);
        this.attempt = 0;
        this.options.onClockSync(this.options.clock.sync(message.serverTime, this.askedAt.shift()));
        this.options.onStatus('online');
        this.startHeartbeat(Math.max(MIN_HEARTBEAT_MS, message.heartbeatMs));
        return;
      case 'time':
        this.options.onClockSync(this.options.clock.sync(message.serverTime, this.askedAt.shift()));
        return;
      case 'screen':
        this.options.onScreen(message.screen);
        return;
      case 'manifest':
        void this.applyManifest(message.manifest);
        return;
      case 'patch':
        void this.applyPatch(message.patch);
        return;
      case 'unchanged':
        // The held manifest is current.
        return;
      case 'playsAck':
        this.options.onPlaysAck?.(message.ids);
        return;
      case 'command':
        this.options.onCommand?.(message);
        return;
      default: {
        const unhandled: never = message;
        console.warn('bangtin: unhandled message', unhandled);
      }
    }
  }

  private async applyManifest(manifest: Manifest): Promise<void> {
    const socket = this.socket;
    try {
      await this.options.onManifest(manifest);
    } catch (err) {
      console.warn('bangtin: could not apply manifest', manifest.version, err);
      return;
    }
    // A new socket says what it holds in its hello, so only the one that delivered it acks.
    if (socket === this.socket) this.send({ type: 'ack', version: manifest.version });
  }

  /**
   * A patch from the manifest held to the next (playlists/PROTOCOL.md [P5]): applied when it fits
   * and its result hashes to its version; otherwise the player asks for the whole manifest.
   */
  private async applyPatch(patch: unknown): Promise<void> {
    const socket = this.socket;
    const held = this.options.heldManifest?.() ?? null;
    const manifest = await import('./patch.ts').then(({ patchManifest }) => patchManifest(held, patch, this.options.subtle), () => null);
    // A new socket says what it holds in its hello: this patch was for the old one.
    if (socket !== this.socket) return;
    if (manifest) return this.applyManifest(manifest);
    this.send({ type: 'resync', version: held?.version ?? null });
  }

  private startHeartbeat(intervalMs: number): void {
    const beat = () => {
      if (this.monotonic() - this.lastHeardAt > STALE_HEARTBEATS * intervalMs) {
        this.abandon('stale');
        return;
      }
      this.ask(this.heartbeat());
      this.heartbeatTimer = this.timers.set(beat, intervalMs);
    };
    this.timers.clear(this.heartbeatTimer);
    this.heartbeatTimer = this.timers.set(beat, intervalMs);
  }

  private heartbeat(): ClientMessage {
    return {
      type: 'heartbeat',
      playing: this.options.playing(),
      manifestVersion: this.options.manifestVersion(),
      uptimeMs: Math.max(0, Math.round(this.monotonic())),
      viewport: this.viewport(),
      ...this.device(),
      ...(this.options.open ? { open: this.options.open() } : {}),
    };
  }

  /**
   * Sends a heartbeat now, between the regular ones, for news the dashboard should not wait
   * for (a medium that could not be cached). The schedule of regular heartbeats is unchanged.
   */
  reportNow(): void {
    if (this.heartbeatTimer !== null) this.ask(this.heartbeat());
  }

  /**
   * Sends a message the server answers with its time (hello: welcome, heartbeat: time), noting
   * when, so the answer bounds the clock's offset by the round trip (clock.ts).
   */
  private ask(message: ClientMessage): void {
    const sentAt = this.options.clock.local();
    // A server that stopped answering must not grow the list: a reply then counts as instant.
    if (this.send(message) && this.askedAt.length < 16) this.askedAt.push(sentAt);
  }

  /** Sends one message on the open socket; false when there is none or the message is invalid. */
  send(message: ClientMessage): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== 1) return false;
    // Checked on the way out too: the server closes the socket on a frame that does not parse.
    const checked = ClientMessage.safeParse(message);
    if (!checked.success) {
      console.warn('bangtin: not sending an invalid message', message.type, checked.error.issues);
      return false;
    }
    socket.send(JSON.stringify(checked.data));
    return true;
  }

  private closed(code: number): void {
    this.detach();
    if (this.stopped) return;
    switch (closeAction(code)) {
      case 'reconnect':
        // 4009 and 1013 ask for a longer wait first (retry.ts). Play events refused: the same
        // socket (another gateway is no way around the screen's own rate).
        this.retry(retryFloorMs(code), code === CloseCode.playsRefused);
        return;
      case 'forget':
        this.halt();
        this.options.onUnregistered(code === CloseCode.retired);
        return;
      case 'reload':
        this.reloadOrRetry();
        return;
      case 'stop':
        this.halt();
        this.options.onReplaced();
        return;
    }
  }

  /** Unsupported protocol: a reload fetches a newer player, at most once per guard window. */
  private reloadOrRetry(): void {
    if (!guardedReload(this.options.session, Date.now())) {
      this.retry();
      return;
    }
    this.halt();
    this.options.reload();
  }

  /** Gives up on a socket that stopped answering, without waiting for its close handshake. */
  private abandon(reason: string): void {
    console.warn(`bangtin: reconnecting (${reason})`);
    this.drop();
    if (!this.stopped) this.retry();
  }

  /**
   * Reconnects after a jittered backoff, and at least `floorMs`; to the next socket unless
   * `same` (the server asked this screen to slow down; another gateway is no way around that).
   */
  private retry(floorMs = 0, same = false): void {
    this.options.onStatus('offline');
    if (!same) this.at = (this.at + 1) % this.options.urls.length;
    const delay = floorMs + backoffDelay(this.attempt, this.options.random);
    this.attempt += 1;
    this.retryTimer = this.timers.set(() => this.connect(), delay);
  }

  /** Stops for good: no socket, no timers, no retries. */
  private halt(): void {
    this.stopped = true;
    this.drop();
    this.timers.clear(this.retryTimer);
    this.retryTimer = null;
    this.options.onStatus('stopped');
  }

  /** Closes the current socket, if any, after detaching it so its events are ignored. */
  private drop(): void {
    const socket = this.socket;
    this.detach();
    try {
      socket?.close(1000);
    } catch {
      // already closed
    }
  }

  private detach(): void {
    const socket = this.socket;
    if (socket) socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    this.socket = null;
    this.timers.clear(this.welcomeTimer);
    this.timers.clear(this.heartbeatTimer);
    this.welcomeTimer = this.heartbeatTimer = null;
  }
}
