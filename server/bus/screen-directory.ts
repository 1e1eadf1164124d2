import type { Redis } from 'ioredis';
import { screenSettings } from '../../playlists/index.ts';
import type { ScreenRecord, ScreenRepo } from '../repos/screens.ts';
import type { ScreenTokenRepo } from '../repos/screen-tokens.ts';
import { BUS_VERSION, busKeys, type BusKeys, type DirectoryEntry } from './messages.ts';

export interface ScreenDirectoryOptions {
  prefix?: string;
  /** How long touched screens gather before they are written (ms). */
  delayMs?: number;
  /** How often every screen is compared with what Redis was given (ms; 0: never). */
  checkMs?: number;
}

/** A full comparison (check) at least this often, counted in checks, even when the screens table did not change. */
const FULL_CHECK_EVERY = 12;
/** Screens compared per turn of the event loop in a full comparison. */
const COMPARED_PER_TURN = 2_000;

/** A screen as gateways serve it: its token's hash and settings, nothing that changes at each heartbeat. */
export function directoryEntry(screen: ScreenRecord, tokenHash: string): DirectoryEntry {
  return { tokenHash, screen: screenSettings(screen), wardCode: screen.wardCode ?? null, fallbackPlaylistId: screen.fallbackPlaylistId ?? null };
}

/**
 * Control's list of screens for the gateways (the `directory` hash): each screen's token hash —
 * never the token — and settings. A touched screen (settings changed, token rotated or revoked,
 * screen paired or retired) is read again from SQLite and, when its entry changed, written to the hash and
 * sent on the `control` channel with the entry in the message, so every gateway applies it at
 * once: a revoked token is refused everywhere within a round trip. A full comparison every
 * `checkMs` catches anything else; Redis back after a restart gets everything again.
 */
export class ScreenDirectory {
  readonly keys: BusKeys;
  /** The JSON of each entry as Redis was given it. */
  readonly #sent = new Map<string, string>();
  readonly #touched = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #interval: ReturnType<typeof setInterval> | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #listeners = new Set<(added: string[]) => void>();
  /** The screens table's stamp at the last full comparison, and checks since. */
  #checked: string | null = null;
  #checks = 0;
  readonly #onReady = () => {
    this.#sent.clear();
    void this.sync().catch((err) => console.warn(`bus: writing the screen directory failed: ${String(err)}`));
  };

  constructor(
    private readonly redis: Redis,
    private readonly deps: { screens: Pick<ScreenRepo, 'list' | 'get' | 'getEver' | 'indexStamp'>; screenTokens: Pick<ScreenTokenRepo, 'hashOf' | 'hashes'> },
    private readonly options: ScreenDirectoryOptions = {},
  ) {
    this.keys = busKeys(options.prefix);
  }

  async start(): Promise<void> {
    this.redis.on('ready', this.#onReady);
    if (this.options.checkMs !== 0) {
      this.#interval = setInterval(() => void this.check().catch((err) => console.warn(`bus: checking the screen directory failed: ${String(err)}`)), this.options.checkMs ?? 5000);
      this.#interval.unref?.();
    }
    await this.sync();
  }

  stop(): void {
    this.redis.off('ready', this.#onReady);
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#interval) clearInterval(this.#interval);
    this.#timer = this.#interval = null;
  }

  /** Told of screens that entered the directory (paired, created): control announces their audience. */
  onAdded(listener: (ids: string[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Something about these screens changed; they are written within `delayMs`. */
  touch(...ids: string[]): void {
    for (const id of ids) this.#touched.add(id);
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      const ids = [...this.#touched];
      this.#touched.clear();
      void this.sync(ids).catch((err) => console.warn(`bus: writing the screen directory failed: ${String(err)}`));
    }, this.options.delayMs ?? 0);
    this.#timer.unref?.();
  }

  /** Writes the changed entries of `ids` (every screen when not given); writes run one after another. */
  sync(ids?: string[]): Promise<number> {
    const run = this.#queue.then(() => this.#sync(ids));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Everything again if Redis lost the directory (a restart it was not told of); else the
   * changes — compared screen by screen only when the screens table changed since the last
   * comparison, or every FULL_CHECK_EVERY checks (at 20,000 screens a comparison costs a few
   * hundred ms; what routes change is touched and written at once anyway).
   */
  async check(): Promise<number> {
    if (this.#sent.size && !(await this.redis.exists(this.keys.directory))) this.#sent.clear();
    const stamp = this.deps.screens.indexStamp();
    if (this.#sent.size && stamp === this.#checked && ++this.#checks % FULL_CHECK_EVERY !== 0) return 0;
    this.#checked = stamp;
    return this.sync();
  }

  async #sync(ids?: string[]): Promise<number> {
    const records = ids ? ids.map((id) => [id, this.deps.screens.get(id)] as const) : this.deps.screens.list().map((s) => [s.id, s] as const);
    // Every screen: the hashes in one query, and the comparison a share per turn of the event loop.
    const hashes = ids ? null : this.deps.screenTokens.hashes();
    let compared = 0;
    const changed: Record<string, DirectoryEntry | null> = {};
    const set: string[] = [];
    const gone: string[] = [];
    const added: string[] = [];
    for (const [id, record] of records) {
      if (++compared % COMPARED_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      const hash = record && (hashes ? (hashes.get(id) ?? null) : this.deps.screenTokens.hashOf(id));
      const entry = record && hash ? directoryEntry(record, hash) : null;
      const json = entry && JSON.stringify(entry);
      const before = this.#sent.get(id);
      if (json === (before ?? null)) continue;
      changed[id] = entry;
      if (json) {
        if (before === undefined) added.push(id);
        set.push(id, json);
      } else gone.push(id);
    }
    if (!ids) {
      const present = new Set(records.map(([id]) => id));
      for (const id of this.#sent.keys()) if (!present.has(id)) (changed[id] = null), gone.push(id);
    }
    if (!set.length && !gone.length) return 0;
    // A retired screen is told apart from a revoked token: its player is closed with 4005.
    const retired = gone.filter((id) => this.deps.screens.getEver(id)?.retiredAt != null);
    const multi = this.redis.multi();
    if (set.length) multi.hset(this.keys.directory, ...set);
    if (gone.length) multi.hdel(this.keys.directory, ...gone);
    multi.publish(this.keys.control, JSON.stringify({ v: BUS_VERSION, type: 'screens', entries: changed, ...(retired.length ? { retired } : {}) }));
    await multi.exec();
    for (let i = 0; i < set.length; i += 2) this.#sent.set(set[i]!, set[i + 1]!);
    for (const id of gone) this.#sent.delete(id);
    if (added.length) for (const listener of this.#listeners) listener(added);
    return set.length / 2 + gone.length;
  }
}
