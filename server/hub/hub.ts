import {
  ClientMessage,
  CloseCode,
  PROTOCOL_VERSION,
  SUPPORTED_PROTOCOLS,
  parseFrame,
  screenSettings,
  toLocalIsoMs,
  type CommandAction,
  type ScreenSettings,
  type ServerMessage,
} from '../../playlists/index.ts';
import { hashToken } from '../ids.ts';
import type { AudienceScreen } from '../publishing/manifests.ts';
import type { CommandResultListener, Connection, LiveScreen, ScreenWatcher } from './live.ts';
import type { Job, Scheduler } from '../scheduler.ts';
import { Audiences, type PushResult } from './audiences.ts';
import type { HubDeps, SocketHandlers } from './hub-deps.ts';
import { HubWrites, type PlayerWrites } from './hub-writes.ts';
import { inTurns } from './in-turns.ts';
import { ackFrameOf } from './ack-frames.ts';
import { DEFAULT_HUB_OPTIONS, MANIFEST_REFRESH_AT, type HubOptions } from './options.ts';
import { liveOf, Session, type SessionEvents } from './session.ts';
import { Sightings } from './sightings.ts';
import type { PlayerSocket } from './socket.ts';
import { oversizedPlays } from './play-guard.ts';

export { DEFAULT_HUB_OPTIONS, MANIFEST_REFRESH_AT, type HubOptions } from './options.ts';
export type { CommandResultListener, Connection, LiveScreen, ScreenReport, ScreenWatcher } from './live.ts';
export type { HubDeps, SocketHandlers } from './hub-deps.ts';

/**
 * Connected screens: their connections (hello, messages, pings, what they report) and the
 * manifests they get. A push goes through the fan-out (audiences.ts), which builds each
 * audience's manifest once and sends the same bytes to every screen of that audience; screens
 * answer with `ack`, so the hub knows which screens are current.
 */
export class Hub {
  readonly #byScreen = new Map<string, Session>();
  readonly #audiences: Audiences<Session>;
  readonly #sightings: Sightings;
  readonly #watchers = new Set<ScreenWatcher>();
  readonly #results = new Set<CommandResultListener>();
  readonly #timers: ReturnType<typeof setInterval>[] = [];
  readonly #jobs: Job[] = [];
  readonly #options: HubOptions;
  readonly #writes: PlayerWrites;
  /** Counts sweeps, so a newer one (or stop) ends one still going. */
  #sweeps = 0;
  /** Counts changes to which screens are connected (membership). */
  #joins = 0;

  constructor(
    private readonly deps: HubDeps,
    options: Partial<HubOptions> = {},
  ) {
    this.#options = { ...DEFAULT_HUB_OPTIONS, ...options };
    const pushing = () => this.#audiences.pushing;
    this.#writes = deps.writes ?? new HubWrites(deps, this.#options.playsFlushMs, pushing);
    this.#sightings = new Sightings(deps, pushing);
    this.#audiences = new Audiences(deps.manifests);
  }

  start(scheduler: Scheduler): void {
    this.#timers.push(setInterval(() => this.sweep(), this.#options.pingIntervalMs));
    this.#timers.push(setInterval(() => this.flush(), this.#options.flushIntervalMs));
    for (const t of this.#timers) t.unref?.();
    // A manifest's horizon starts at local midnight, so each day brings a new one even without a
    // publish (and schedules enter it): a job just after midnight sends it, and a safety interval
    // catches a missed run. pushManifests() skips screens that already have the current version.
    this.#jobs.push(
      scheduler.daily('manifest-refresh', MANIFEST_REFRESH_AT, () => this.deps.storage.background('manifest refresh', () => this.pushManifests())),
      scheduler.every('manifest-safety', this.#options.pingIntervalMs, () => this.deps.storage.background('manifest refresh', () => this.pushManifests())),
    );
  }

  stop(): void {
    for (const t of this.#timers.splice(0)) clearInterval(t);
    this.#sweeps += 1;
    for (const job of this.#jobs.splice(0)) job.cancel();
    // Shutting down: everything waiting is written now, a push going out or not.
    this.#writes.flush();
    this.#sightings.flushAll();
    for (const session of [...this.#byScreen.values()]) session.socket.close(1001, 'server shutting down');
  }

  /** A new connection; the session answered is its socket's handlers (session.ts). */
  accept(socket: PlayerSocket): SocketHandlers {
    const session = new Session(socket, this.deps.clock.now(), this.#events);
    session.helloTimer = setTimeout(() => this.#close(session, CloseCode.badFrame, 'hello expected'), this.#options.helloTimeoutMs);
    session.helloTimer.unref?.();
    return session;
  }

  /** Where every session's socket events go: one object for all of them. */
  readonly #events: SessionEvents = {
    message: (session, data) => this.#onMessage(session, data),
    pong: (session) => {
      session.alive = true;
      session.lastSeenAt = this.deps.clock.now();
    },
    close: (session) => this.#forget(session),
  };

  /** Calls `watcher` on every change to a screen's live state; returns the unsubscribe. */
  watch(watcher: ScreenWatcher): () => void {
    this.#watchers.add(watcher);
    return () => this.#watchers.delete(watcher);
  }

  /** Sends a remote action to a connected screen; false when it is not connected. */
  sendCommand(screenId: string, id: string, action: CommandAction): boolean {
    const session = this.#byScreen.get(screenId);
    return session ? this.#sendMessage(session, { type: 'command', id, action }) : false;
  }

  /** Calls `listener` with every `commandResult` a screen sends; returns the unsubscribe. */
  onCommandResult(listener: CommandResultListener): () => void {
    this.#results.add(listener);
    return () => this.#results.delete(listener);
  }

  #changed(session: Session): void {
    if (!session.screen) return;
    for (const watcher of this.#watchers) watcher(session.screen.id, session.lastSeenAt);
  }

  /**
   * Sends every connected screen whose audience's manifest changed the new one: after each
   * publish (app.ts subscribes it to publishing's "published"), and at each day's new horizon.
   */
  pushManifests(): PushResult {
    return this.#audiences.push(this.#byScreen.values(), (session, frame) => this.#send(session, frame), this.#options.fanoutChunk, this.#options.fanoutTurnMs);
  }

  /**
   * Runs `task` (what follows a publish) on the next turn of the event loop, after the publishing
   * request has answered; at once when the hub's `deferPushes` is off (tests).
   */
  afterPublish(task: () => void): void {
    if (!this.#options.deferPushes) return task();
    setImmediate(() => this.deps.storage.background('manifest push', task));
  }

  /**
   * Tells a connected screen its settings changed (layout, name): reads them again and sends a
   * fresh `screen` message at once. False when the screen is not connected.
   */
  screenChanged(screenId: string): boolean {
    const session = this.#byScreen.get(screenId);
    const screen = this.deps.screens.get(screenId);
    if (!session || !screen) return false;
    session.screen = screen;
    return this.#sendMessage(session, { type: 'screen', screen: screenSettings(screen) });
  }

  /** Closes a screen's connection, e.g. when its token is revoked. */
  disconnect(screenId: string, code: number, reason: string): void {
    const session = this.#byScreen.get(screenId);
    if (session) this.#close(session, code, reason);
  }

  /**
   * A connected screen's last sighting and acknowledged version, without copying what it
   * reported: the fleet list asks this of thousands of screens per request.
   */
  glance(screenId: string): { readonly lastSeenAt: number; readonly ackedVersion: string | null } | undefined {
    return this.#byScreen.get(screenId);
  }

  /** When a connected screen's connection opened and when it was last heard from, without copying. */
  connection(screenId: string): Connection | undefined {
    return this.#byScreen.get(screenId);
  }

  /**
   * Changes whenever a screen connects or goes, so what `glance` answered for a screen (the live
   * object itself, which follows the screen's acks) can be kept until then: the fleet list looks
   * at 10,000 screens per request.
   */
  get membership(): number {
    return this.#joins;
  }

  live(screenId: string): LiveScreen | undefined {
    const s = this.#byScreen.get(screenId);
    return s && { ...liveOf(s), plays: this.deps.playGuard.tally(screenId) };
  }

  /** The manifest version a screen should be running now. */
  expectedVersion(screen: AudienceScreen): string {
    return this.expectedVersions()(screen);
  }

  /** `expectedVersion` for many screens, all from one reading of the published state. */
  expectedVersions(): (screen: AudienceScreen) => string {
    const view = this.deps.manifests.view();
    // Thousands of screens share a few audiences: each audience's manifest is looked up once.
    const versions = new Map<ReturnType<typeof view.audienceOf>, string>();
    return (screen) => {
      const key = view.audienceOf(screen);
      let version = versions.get(key);
      if (version === undefined) versions.set(key, (version = view.forAudience(key).version));
      return version;
    };
  }

  get connectedCount(): number {
    return this.#byScreen.size;
  }

  /**
   * Drops sockets that did not answer the last ping, and pings the rest, a fan-out's turn
   * (`fanoutTurnMs`) at a time, waiting for a push going out (in-turns.ts). Pinging 10,000
   * sockets in one go held the loop some 200–500 ms every ping interval (a write to each socket).
   */
  sweep(): void {
    const run = ++this.#sweeps;
    const sweepOne = (session: Session) => session.closed || this.#sweepOne(session);
    inTurns([...this.#byScreen.values()], this.#options.fanoutTurnMs, () => run === this.#sweeps, () => this.#audiences.pushing, sweepOne);
  }

  #sweepOne(session: Session): void {
    if (!session.alive) {
      session.socket.terminate();
      // Last seen stays at its last pong or message: that is when it was known to be alive.
      this.#forget(session, false);
      return;
    }
    session.alive = false;
    session.socket.ping();
  }

  /**
   * Writes what was learnt about screens since the last flush (sightings.ts), and any play events
   * and receipts waiting; writes due while a push goes out wait for its end (storage/write-hold.ts).
   */
  flush(): void {
    if (this.#writes.flushDue) this.#writes.flushDue();
    else this.#writes.flush();
    this.#sightings.flush();
  }

  /** Whether a push is still going out (on later turns of the event loop): timed writes wait for it. */
  get pushing(): boolean {
    return this.#audiences.pushing;
  }

  #onMessage(session: Session, data: unknown): void {
    if (session.closed) return;
    const ack = session.sentVersion === null ? null : ackFrameOf(session.sentVersion);
    const msg = ack && data === ack.text ? ack.msg : parseFrame(ClientMessage, data);
    if (!msg) {
      const over = session.screen ? oversizedPlays(data) : 0;
      if (!over) return this.#close(session, CloseCode.badFrame, 'bad frame');
      this.deps.playGuard.refuseOversized(session.screen!.id, over);
      return this.#close(session, CloseCode.playsRefused, 'plays batch too large');
    }
    session.alive = true;
    session.lastSeenAt = this.deps.clock.now();
    if (msg.type === 'hello') return this.#onHello(session, msg);
    if (!session.screen) return this.#close(session, CloseCode.badFrame, 'hello expected');
    this.#sightings.add(session);
    switch (msg.type) {
      case 'ack':
        // The version it was sent, as that one string: 10,000 screens acking a push then keep
        // one string between them, not 10,000 copies of it for the garbage collector to promote.
        session.ackedVersion = msg.version === session.sentVersion ? session.sentVersion : msg.version;
        this.#changed(session);
        return;
      case 'heartbeat':
        session.report = { ...session.report, device: msg.device ?? session.report.device, playing: msg.playing, uptimeMs: msg.uptimeMs };
        if (msg.viewport) session.viewport = msg.viewport;
        this.#changed(session);
        this.#sendMessage(session, { type: 'time', serverTime: toLocalIsoMs(this.deps.clock.now()) });
        return;
      case 'plays': {
        // Over its rate, a screen's batch is neither stored nor acknowledged: it comes back later.
        if (!this.deps.playGuard.admit(session.screen.id, msg.events.length)) return this.#close(session, CloseCode.playsRefused, 'too many play events');
        // Events a player queued for another screen (before it was paired again) cannot be
        // stored under this one; they are acknowledged all the same, so the player drops them,
        // as are events refused by the checks (play-guard.ts).
        const screenId = session.screen.id;
        const own = msg.events.filter((e) => e.screenId === undefined || e.screenId === screenId);
        const ids = msg.events.map((e) => e.id);
        // Acknowledged once stored, so events a full disk refused stay in the player's queue;
        // the guard then forgets the play ends it counted, so their resending is not an overlap.
        this.#writes.plays(
          { screenId, events: this.deps.playGuard.check(session.screen, own), receivedAt: this.deps.clock.now() },
          () => this.#sendMessage(session, { type: 'playsAck', ids }),
          () => this.deps.playGuard.forgetEnds(screenId),
        );
        return;
      }
      case 'shown':
        this.#writes.receipt({ scheduleId: msg.scheduleId, screenId: session.screen.id, shownAt: Date.parse(msg.at), receivedAt: this.deps.clock.now() });
        return;
      case 'commandResult':
        for (const listener of this.#results) listener(session.screen.id, msg);
        return;
      case 'resync':
        this.#audiences.resend(session, (s, frame) => this.#send(s, frame));
        return;
      default: {
        const unreachable: never = msg;
        return unreachable;
      }
    }
  }

  #onHello(session: Session, hello: Extract<ClientMessage, { type: 'hello' }>): void {
    if (session.screen) return this.#close(session, CloseCode.badFrame, 'hello twice');
    if (!SUPPORTED_PROTOCOLS.includes(hello.protocol)) {
      return this.#close(session, CloseCode.unsupportedProtocol, `protocol ${hello.protocol} not supported`);
    }
    const screen = this.deps.screens.byTokenHash(hashToken(hello.token));
    if (!screen) return this.#close(session, CloseCode.unknownToken, 'unknown token');
    if (session.helloTimer) clearTimeout(session.helloTimer);
    session.helloTimer = null;

    const previous = this.#byScreen.get(screen.id);
    if (previous) this.#close(previous, CloseCode.replaced, 'replaced by a newer connection');

    session.screen = screen;
    session.playerVersion = hello.playerVersion;
    session.viewport = hello.viewport;
    session.ackedVersion = hello.manifestVersion;
    session.patches = hello.protocol >= 2 && hello.patches === true;
    session.report = { ...session.report, device: hello.device ?? null };
    this.#byScreen.set(screen.id, session);
    this.#joins += 1;
    const built = this.#audiences.join(session, screen);
    this.#sightings.add(session);

    const now = this.deps.clock.now();
    this.#sendMessage(session, {
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      serverTime: toLocalIsoMs(now),
      heartbeatMs: this.#options.heartbeatMs,
    });
    this.#sendMessage(session, { type: 'screen', screen: screenSettings(screen) });
    this.#changed(session);
    if (hello.manifestVersion === built.version) this.#sendMessage(session, { type: 'unchanged', version: built.version });
    else this.#send(session, built.frame);
  }

  #sendMessage(session: Session, msg: ServerMessage): boolean {
    return this.#send(session, JSON.stringify(msg));
  }

  #send(session: Session, frame: string | Buffer): boolean {
    if (session.closed) return false;
    if (session.socket.bufferedAmount > this.#options.maxBufferedBytes) {
      this.#close(session, CloseCode.tooSlow, 'too slow to read');
      return false;
    }
    session.socket.send(frame);
    return true;
  }

  #close(session: Session, code: number, reason: string): void {
    if (session.closed) return;
    session.socket.close(code, reason);
    this.#forget(session);
  }

  /** `seenNow`: the socket was alive until now (it closed), rather than found dead by a sweep. */
  #forget(session: Session, seenNow = true): void {
    if (session.closed) return;
    session.closed = true;
    if (seenNow) session.lastSeenAt = this.deps.clock.now();
    if (session.helloTimer) clearTimeout(session.helloTimer);
    if (!session.screen) return;
    if (this.#byScreen.get(session.screen.id) === session) this.#byScreen.delete(session.screen.id);
    this.#joins += 1;
    this.#audiences.leave(session);
    this.#sightings.add(session);
    this.#changed(session);
  }
}
