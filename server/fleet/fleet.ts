import { isOpen, openedAt, screenSettings, startOfLocalDay, toLocalIso, type FleetSettings, type ScreenState, type ScreenStatus } from '../../playlists/index.ts';
import type { Clock } from '../clock.ts';
import { CommandDesk } from './commands.ts';
import { FleetList } from './fleet-list.ts';
import type { Hub } from '../hub/hub.ts';
import type { ScreenRecord, ScreenRepo } from '../repos/screens.ts';
import type { StorageHealth } from '../storage/storage.ts';
import { HeldTask } from '../storage/write-hold.ts';

export interface FleetOptions extends FleetSettings {
  /** How often time-driven changes (grace over, alert due) are looked for. */
  tickMs: number;
  /** Changes are sent to dashboards in batches this far apart. */
  batchMs: number;
  /** A change only to volatile fields (last seen, uptime, memory) is sent at most this often per screen. */
  volatileMs: number;
}

export const DEFAULT_FLEET: FleetOptions = {
  graceMs: 60_000,
  alertAfterMs: 10 * 60_000,
  tickMs: 5_000,
  batchMs: 1_000,
  volatileMs: 60_000,
};

/** Over this many changed screens, a dashboard batch reads them in one query rather than each. */
const DIRTY_READ_MANY = 200;

/**
 * Changed screens judged and sent to dashboards per turn of the event loop (flush): after a
 * fan-out 10,000 screens acknowledge within a second, and judging them all at once (a read of
 * every screen, 10,000 statuses and their keys) held the loop for a few hundred milliseconds.
 */
const FLUSH_PER_TURN = 500;

/** A screen went offline for longer than the alert threshold (within its hours), or came back. */
export interface AlertEvent {
  type: 'raised' | 'cleared';
  screen: ScreenStatus;
}

type Listener = (changed: ScreenStatus[]) => void;
/** A screen that left the fleet (retired), with its ward so that dashboards scoped to a ward hear only their own. */
export interface RemovedScreen {
  id: string;
  wardCode: string | null;
}
type RemovedListener = (removed: RemovedScreen) => void;

/** The status without what changes at every heartbeat, to tell a real change from a tick. */
function stableKey(s: ScreenStatus): string {
  const { lastSeenAt: _seen, uptimeMs: _uptime, device, ...rest } = s;
  return JSON.stringify([rest, device && { ...device, memory: null, storage: null }]);
}

/**
 * The truth about every screen for the dashboard: online/offline with hysteresis, current or
 * behind, what it reported, and alerts. It hears the hub's changes, sends dashboards batches of
 * changed statuses, and looks for time-driven changes (a grace period running out) on a tick.
 *
 * Alerts respect operating hours: a screen raises one when it is open now and has been offline
 * for `alertAfterMs` counted from when it went offline or from its opening, whichever is later.
 * So a screen that goes dark at closing time raises nothing overnight, and raises at opening +
 * `alertAfterMs` if still offline. `onAlert` is the hook for the webhook (alert-webhook.ts).
 */
export class Fleet {
  readonly options: FleetOptions;
  /** Remote actions and their answers, shown with each screen. */
  readonly commands: CommandDesk;
  /** The dashboard's pages of screens (`GET /api/screens`). */
  readonly pages: FleetList;
  readonly #startedAt: number;
  /** Last seen as the hub reported it, ahead of the database (written every few seconds). */
  readonly #lastSeen = new Map<string, number>();
  readonly #dirty = new Set<string>();
  readonly #listeners = new Set<Listener>();
  readonly #removedListeners = new Set<RemovedListener>();
  readonly #sent = new Map<string, { key: string; at: number; state: ScreenState; alert: boolean; open: boolean }>();
  readonly #alerted = new Set<string>();
  #stamp: string | null = null;
  #batch: ReturnType<typeof setTimeout> | null = null;
  /** The next turn's share of a flush (FLUSH_PER_TURN). */
  #moreFlush: ReturnType<typeof setImmediate> | null = null;
  /**
   * A dashboard batch due while a push goes out waits for its end (storage/write-hold.ts): the
   * operator who just published watches the dashboard, and its batches of 500 statuses (each a
   * read of the screens) would otherwise go between the push's turns, while screens still wait.
   */
  readonly #batchDue: HeldTask;
  #tick: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly deps: {
      clock: Clock;
      screens: ScreenRepo;
      hub: Hub;
      revisions: { latestNumber(): number };
      onAlert?: (event: AlertEvent) => void;
      /** Runs the timed work so that a failure is logged once and retried at the next tick. */
      storage?: Pick<StorageHealth, 'background'>;
    },
    options: Partial<FleetOptions> = {},
  ) {
    this.options = { ...DEFAULT_FLEET, ...options };
    this.#startedAt = deps.clock.now();
    this.#batchDue = new HeldTask(() => deps.hub.pushing, () => this.#timed('fleet dashboard batch', () => this.flush()));
    this.commands = new CommandDesk({ clock: deps.clock, hub: deps.hub, changed: (id) => this.changed(id) });
    this.pages = new FleetList({ screens: deps.screens, hub: deps.hub, fleet: this });
    deps.hub.watch((screenId, lastSeenAt) => {
      this.#lastSeen.set(screenId, lastSeenAt);
      this.changed(screenId);
    });
  }

  get settings(): FleetSettings {
    return { graceMs: this.options.graceMs, alertAfterMs: this.options.alertAfterMs };
  }

  start(): void {
    if (this.#tick) return;
    this.#tick = setInterval(() => this.#timed('fleet tick', () => this.tick()), this.options.tickMs);
    this.#tick.unref?.();
    // A first look at once: the screens' index (sorted for the list) and last-seen times are
    // then read and kept before the first dashboard asks for a page.
    this.#timed('fleet tick', () => {
      this.tick();
      this.pages.prime();
    });
  }

  stop(): void {
    if (this.#tick) clearInterval(this.#tick);
    if (this.#batch) clearTimeout(this.#batch);
    if (this.#moreFlush) clearImmediate(this.#moreFlush);
    this.#tick = this.#batch = this.#moreFlush = null;
  }

  /**
   * Online while connected, and for `graceMs` after it was last seen. A screen seen shortly
   * before this server started (it was connected when the server went down) gets its grace
   * from the start, so a restart does not mark every screen offline.
   */
  judge(record: Pick<ScreenRecord, 'id' | 'lastSeenAt'> & { hours?: ScreenRecord['hours'] }, now = this.deps.clock.now()): { state: ScreenState; lastSeenAt: number | null; alertSince: number | null } {
    const live = this.deps.hub.glance(record.id);
    const lastSeenAt = live?.lastSeenAt ?? Math.max(this.#lastSeen.get(record.id) ?? -Infinity, record.lastSeenAt ?? -Infinity);
    if (live) return { state: 'online', lastSeenAt, alertSince: null };
    if (!Number.isFinite(lastSeenAt)) return { state: 'never', lastSeenAt: null, alertSince: null };
    const gone = lastSeenAt >= this.#startedAt - this.options.graceMs ? Math.max(lastSeenAt, this.#startedAt) : lastSeenAt;
    if (now - gone < this.options.graceMs) return { state: 'online', lastSeenAt, alertSince: null };
    const hours = record.hours ?? null;
    // Offline time counts only within operating hours: from the later of going and opening.
    const counted = isOpen(hours, now) ? now - Math.max(gone, openedAt(hours, now) ?? -Infinity) : -Infinity;
    // Once raised, an alert stays until the screen returns, closing time or not.
    const alert = (counted >= this.options.alertAfterMs && now - gone >= this.options.graceMs) || this.#alerted.has(record.id);
    return { state: 'offline', lastSeenAt, alertSince: alert ? lastSeenAt : null };
  }

  /** `expected`: the hub's version lookup, when many screens are judged at once (list). */
  status(s: ScreenRecord, expected: (screen: ScreenRecord) => string = (screen) => this.deps.hub.expectedVersion(screen)): ScreenStatus {
    const live = this.deps.hub.live(s.id);
    const judged = this.judge(s);
    const manifestVersion = live ? live.ackedVersion : s.manifestVersion;
    const expectedVersion = expected(s);
    return {
      ...screenSettings(s),
      wardCode: s.wardCode ?? null,
      fallbackPlaylistId: s.fallbackPlaylistId ?? null,
      connected: Boolean(live),
      lastSeenAt: judged.lastSeenAt === null ? null : toLocalIso(judged.lastSeenAt),
      manifestVersion,
      expectedVersion,
      playerVersion: live?.playerVersion ?? s.playerVersion,
      viewport: live?.viewport ?? s.viewport,
      state: judged.state,
      sync: manifestVersion === null ? 'unknown' : manifestVersion === expectedVersion ? 'current' : 'behind',
      connectedAt: live ? toLocalIso(live.report.connectedAt) : null,
      uptimeMs: live?.report.uptimeMs ?? null,
      playing: live?.report.playing ?? null,
      device: live?.report.device ?? s.health,
      alert: judged.alertSince === null ? null : { since: toLocalIso(judged.alertSince) },
      open: isOpen(s.hours, this.deps.clock.now()),
      command: this.commands.last(s.id),
    };
  }

  list(): ScreenStatus[] {
    return this.statuses(this.deps.screens.list());
  }

  /** The statuses of many screens, with one reading of the published state for them all. */
  statuses(records: readonly ScreenRecord[]): ScreenStatus[] {
    const expected = this.deps.hub.expectedVersions();
    return records.map((s) => this.status(s, expected));
  }

  /** Every status, remembered as sent: what a dashboard starts from. */
  snapshot(): ScreenStatus[] {
    const now = this.deps.clock.now();
    const all = this.list();
    for (const status of all) this.#remember(status, now);
    return all;
  }

  #remember(status: ScreenStatus, now: number): boolean {
    const key = stableKey(status);
    const sent = this.#sent.get(status.id);
    if (sent && sent.key === key && now - sent.at < this.options.volatileMs) return false;
    this.#sent.set(status.id, { key, at: now, state: status.state, alert: status.alert !== null, open: status.open });
    return true;
  }

  /** Calls `listener` with batches of changed statuses, and `removed` with each screen that left; returns the unsubscribe. */
  subscribe(listener: Listener, removed?: RemovedListener): () => void {
    this.#listeners.add(listener);
    if (removed) this.#removedListeners.add(removed);
    return () => {
      this.#listeners.delete(listener);
      if (removed) this.#removedListeners.delete(removed);
    };
  }

  /**
   * A screen left the fleet (it was retired): forget what was sent and raised about it and tell
   * dashboards to drop its row at once. An alert raised for it ends silently: the webhook's
   * `screen_back` would say it returned, which it never will.
   */
  removed(screen: RemovedScreen): void {
    this.#dirty.delete(screen.id);
    this.#sent.delete(screen.id);
    this.#alerted.delete(screen.id);
    this.#lastSeen.delete(screen.id);
    for (const listener of this.#removedListeners) listener(screen);
  }

  /** Something about a screen changed (the hub saw it, or it was created or edited). */
  changed(screenId: string): void {
    this.#dirty.add(screenId);
    if (this.#batch || !this.#listeners.size) return;
    this.#batch = setTimeout(this.#batchDue.due, this.options.batchMs);
    this.#batch.unref?.();
  }

  #timed(task: string, run: () => void): void {
    if (this.deps.storage) this.deps.storage.background(task, run);
    else run();
  }

  /**
   * Sends the changed statuses to every listener: FLUSH_PER_TURN screens now, the rest in
   * batches on the next turns of the event loop.
   */
  flush(): void {
    if (this.#batch) clearTimeout(this.#batch);
    if (this.#moreFlush) clearImmediate(this.#moreFlush);
    this.#batch = this.#moreFlush = null;
    this.#batchDue.cancel();
    if (!this.#dirty.size) return;
    const now = this.deps.clock.now();
    const out: ScreenStatus[] = [];
    const expected = this.deps.hub.expectedVersions();
    const ids: string[] = [];
    for (const id of this.#dirty) {
      ids.push(id);
      if (ids.length >= FLUSH_PER_TURN) break;
    }
    for (const id of ids) this.#dirty.delete(id);
    const records = ids.length > DIRTY_READ_MANY ? this.deps.screens.getMany(ids) : ids.flatMap((id) => this.deps.screens.get(id) ?? []);
    for (const record of records) {
      const status = this.status(record, expected);
      if (this.#remember(status, now)) out.push(status);
    }
    if (this.#dirty.size && this.#listeners.size) this.#moreFlush = setImmediate(this.#batchDue.due);
    else this.#dirty.clear();
    if (out.length) for (const listener of this.#listeners) listener(out);
  }

  /**
   * Looks for changes that time alone makes: grace periods running out, alerts coming due, a
   * publish that left screens behind. Raises and clears alerts (`onAlert`).
   */
  tick(): void {
    const now = this.deps.clock.now();
    // A publish or a new day changes what screens should run: every screen may now be behind.
    const stamp = `${this.deps.revisions.latestNumber()}|${startOfLocalDay(now)}`;
    const published = this.#stamp !== null && stamp !== this.#stamp;
    this.#stamp = stamp;
    // The lean index and one raw read of last-seen times: a tick at 10,000 screens builds no
    // records (it used to read and check every row in full, every few seconds).
    const seen = this.deps.screens.sightings();
    for (const entry of this.deps.screens.index()) {
      const id = entry.id;
      const judged = this.judge({ id, lastSeenAt: seen.get(id)?.[1] ?? null, hours: entry.hours }, now);
      const alert = judged.alertSince !== null;
      const sent = this.#sent.get(id);
      const open = isOpen(entry.hours, now);
      if (published || !sent || sent.state !== judged.state || sent.alert !== alert || sent.open !== open) this.#dirty.add(id);
      if (alert !== this.#alerted.has(id)) {
        if (alert) this.#alerted.add(id);
        else this.#alerted.delete(id);
        const record = this.deps.screens.get(id);
        if (record) this.deps.onAlert?.({ type: alert ? 'raised' : 'cleared', screen: this.status(record) });
      }
    }
    if (this.#listeners.size) this.flush();
    else this.#dirty.clear();
  }
}
