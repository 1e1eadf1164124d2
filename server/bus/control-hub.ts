import type { Redis } from 'ioredis';
import type { ClientMessage, CommandAction } from '../../playlists/index.ts';
import { Hub, type CommandResultListener, type Connection, type HubDeps, type HubOptions, type LiveScreen, type ScreenWatcher } from '../hub/hub.ts';
import { benchSample } from '../bench-stats.ts';
import { BUS_VERSION, busKeys, wallNow, type BusKeys, type LiveOnBus } from './messages.ts';
import type { Presence, PresenceView } from './presence.ts';
import type { ScreenDirectory } from './screen-directory.ts';

export interface ControlHubBus {
  /** Publishes on the control channel. */
  redis: Redis;
  presence: Presence;
  directory: ScreenDirectory;
  prefix?: string;
  /** How often presence is read (ms). */
  presenceMs?: number;
}

/**
 * The control server's hub when screens are served by gateways (BANGTIN_REDIS_URL). It is the
 * embedded Hub (a screen may still connect to control itself) that also sees the screens the
 * gateways hold, through their presence: `live`, `watch` and `connectedCount` cover both, so the
 * fleet dashboard counts online and offline across gateways with the same grace. What the
 * routes tell the hub reaches the gateways: a screen's new settings and a revoked token go into
 * the screen directory, a command onto the control channel, and the results come back through
 * the inbound stream (`commandResult`).
 */
export class ControlHub extends Hub {
  readonly #keys: BusKeys;
  /** Presence reads that replaced `#seen` (membership). */
  #reads = 0;
  #seen = new Map<string, { gateway: string; lastSeenAt: number; live: LiveOnBus | null }>();
  readonly #watchers = new Set<ScreenWatcher>();
  readonly #results = new Set<CommandResultListener>();
  #timer: ReturnType<typeof setInterval> | null = null;
  #reading = false;

  constructor(deps: HubDeps, options: Partial<HubOptions> | undefined, private readonly bus: ControlHubBus) {
    super(deps, options);
    this.#keys = busKeys(bus.prefix);
  }

  /** Starts reading the gateways' presence. */
  startPresence(): void {
    this.#timer ??= setInterval(() => void this.readPresence(), this.bus.presenceMs ?? 2000);
    this.#timer.unref?.();
    void this.readPresence();
  }

  stopPresence(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Reads where screens are now; tells watchers of every screen that came, went or reported. */
  async readPresence(): Promise<void> {
    if (this.#reading) return;
    this.#reading = true;
    const t0 = wallNow();
    let view: PresenceView;
    try {
      view = await this.bus.presence.read();
    } catch {
      // Redis down: what was known stays until it is back (the fleet's grace covers the gap).
      return;
    } finally {
      this.#reading = false;
    }
    for (const gateway of view.lost) console.warn(`bus: gateway ${gateway} stopped renewing its presence: its screens reconnect to another gateway`);
    const before = this.#seen;
    this.#seen = view.screens;
    this.#reads += 1;
    for (const [id, now] of view.screens) {
      const was = before.get(id);
      // The same `live` object when its stored text did not change (Presence.read).
      if (!was || was.lastSeenAt !== now.lastSeenAt || was.live !== now.live) this.#tell(id, now.lastSeenAt);
    }
    for (const [id, was] of before) if (!view.screens.has(id)) this.#tell(id, was.lastSeenAt);
    // Read, parsed and told, for the bench (presence at 20,000 screens).
    benchSample('presenceReadMs', wallNow() - t0);
  }

  #tell(screenId: string, lastSeenAt: number): void {
    for (const watcher of this.#watchers) watcher(screenId, lastSeenAt);
  }

  override watch(watcher: ScreenWatcher): () => void {
    this.#watchers.add(watcher);
    const unwatch = super.watch(watcher);
    return () => {
      this.#watchers.delete(watcher);
      unwatch();
    };
  }

  /** The cheap look the fleet takes at every screen: a gateway's screen too (its presence). */
  /** Gateways' screens are read anew at each presence read (their live objects too). */
  override get membership(): number {
    return super.membership + this.#reads;
  }

  override glance(screenId: string): { readonly lastSeenAt: number; readonly ackedVersion: string | null } | undefined {
    return super.glance(screenId) ?? this.#seen.get(screenId)?.live ?? undefined;
  }

  override connection(screenId: string): Connection | undefined {
    return super.connection(screenId) ?? this.#seen.get(screenId)?.live ?? undefined;
  }

  override live(screenId: string): LiveScreen | undefined {
    const own = super.live(screenId);
    if (own) return own;
    const live = this.#seen.get(screenId)?.live;
    if (!live) return undefined;
    const { lastSeenAt, connectedAt, ackedVersion, playerVersion, viewport, device, playing, uptimeMs } = live;
    return { ackedVersion, playerVersion, viewport, lastSeenAt, report: { connectedAt, device, playing, uptimeMs } };
  }

  override get connectedCount(): number {
    return super.connectedCount + this.#seen.size;
  }

  /** Screens held by gateways, now. */
  get onGateways(): number {
    return this.#seen.size;
  }

  override sendCommand(screenId: string, id: string, action: CommandAction): boolean {
    if (super.sendCommand(screenId, id, action)) return true;
    if (!this.#seen.has(screenId)) return false;
    void this.bus.redis
      .publish(this.#keys.control, JSON.stringify({ v: BUS_VERSION, type: 'command', screenId, id, action }))
      .catch((err) => console.warn(`bus: sending a command failed: ${String(err)}`));
    return true;
  }

  override onCommandResult(listener: CommandResultListener): () => void {
    this.#results.add(listener);
    const off = super.onCommandResult(listener);
    return () => {
      this.#results.delete(listener);
      off();
    };
  }

  /** A `commandResult` a screen sent through a gateway (inbound stream). */
  commandResult(screenId: string, result: Extract<ClientMessage, { type: 'commandResult' }>): void {
    for (const listener of this.#results) listener(screenId, result);
  }

  override screenChanged(screenId: string): boolean {
    const own = super.screenChanged(screenId);
    this.bus.directory.touch(screenId);
    return own || this.#seen.has(screenId);
  }

  override disconnect(screenId: string, code: number, reason: string): void {
    super.disconnect(screenId, code, reason);
    // A rotated or revoked token: its hash leaves the directory, and every gateway closes the screen.
    this.bus.directory.touch(screenId);
  }
}
