import type { Redis } from 'ioredis';
import { ControlMessage, DirectoryEntry, busKeys, parseBus, type BusKeys } from '../bus/messages.ts';
import type { ScreenRecord } from '../repos/screens.ts';

/** Told when a screen's entry changed (before and after; null: not there); `retired`: it left because it was retired. */
export type EntryListener = (screenId: string, before: DirectoryEntry | null, after: DirectoryEntry | null, retired: boolean) => void;
/** Told of a command control sent on the control channel. */
export type CommandListener = (message: Extract<ControlMessage, { type: 'command' }>) => void;

/**
 * A gateway's copy of control's screen directory (server/bus/screen-directory.ts): every
 * screen's token hash and settings, read whole at start and after every reconnect, and kept
 * current from the `control` channel, whose messages carry the changed entries. Screens are
 * authenticated from it (the token's hash, never the token), so a revoked token is refused
 * here as soon as the message arrives.
 */
export class GatewayDirectory {
  readonly keys: BusKeys;
  readonly #entries = new Map<string, DirectoryEntry>();
  readonly #byHash = new Map<string, string>();
  readonly #listeners = new Set<EntryListener>();
  readonly #commands = new Set<CommandListener>();
  #loaded = false;

  constructor(
    private readonly conns: { commands: Redis; subscriber: Redis },
    options: { prefix?: string } = {},
  ) {
    this.keys = busKeys(options.prefix);
  }

  async start(): Promise<void> {
    this.conns.subscriber.on('message', this.#onMessage);
    // After a reconnect, what was missed on the channel is read again from the hash.
    this.conns.subscriber.on('ready', this.#reload);
    await this.conns.subscriber.subscribe(this.keys.control);
    await this.load();
  }

  stop(): void {
    this.conns.subscriber.off('message', this.#onMessage);
    this.conns.subscriber.off('ready', this.#reload);
  }

  onChange(listener: EntryListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onCommand(listener: CommandListener): () => void {
    this.#commands.add(listener);
    return () => this.#commands.delete(listener);
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The screen whose token hashes to `tokenHash`, as the hub reads it. */
  byTokenHash(tokenHash: string): ScreenRecord | undefined {
    const id = this.#byHash.get(tokenHash);
    return id === undefined ? undefined : this.get(id);
  }

  get(id: string): ScreenRecord | undefined {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    // What changes at every heartbeat stays on control; the hub here needs none of it.
    return {
      ...entry.screen, wardCode: entry.wardCode, fallbackPlaylistId: entry.fallbackPlaylistId,
      createdAt: 0, lastSeenAt: null, manifestVersion: null, playerVersion: null, viewport: null, health: null, retiredAt: null,
    };
  }

  /** Reads the whole directory; entries that changed meanwhile are told. */
  async load(): Promise<void> {
    const raw = await this.conns.commands.hgetall(this.keys.directory);
    const next = new Map<string, DirectoryEntry | null>();
    for (const [id, json] of Object.entries(raw)) {
      const entry = parseBus(DirectoryEntry, json, `directory entry ${id}`);
      if (entry) next.set(id, entry);
    }
    // Redis empty (restarted, control not there yet): keep what is known rather than refuse everyone.
    if (!next.size && this.#entries.size) return;
    for (const id of this.#entries.keys()) if (!next.has(id)) next.set(id, null);
    this.#apply(next);
    this.#loaded = true;
  }

  readonly #reload = () => void this.load().catch((err) => console.warn(`bus: reading the screen directory failed: ${String(err)}`));

  readonly #onMessage = (channel: string, raw: string) => {
    if (channel !== this.keys.control) return;
    const message = parseBus(ControlMessage, raw, 'control message');
    if (!message) return;
    if (message.type === 'screens') return this.#apply(new Map(Object.entries(message.entries)), new Set(message.retired));
    for (const listener of this.#commands) listener(message);
  };

  #apply(entries: Map<string, DirectoryEntry | null>, retired: ReadonlySet<string> = new Set()): void {
    for (const [id, after] of entries) {
      const before = this.#entries.get(id) ?? null;
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      if (before && this.#byHash.get(before.tokenHash) === id) this.#byHash.delete(before.tokenHash);
      if (after) {
        this.#entries.set(id, after);
        this.#byHash.set(after.tokenHash, id);
      } else this.#entries.delete(id);
      for (const listener of this.#listeners) {
        try {
          listener(id, before, after, !after && retired.has(id));
        } catch (err) {
          console.error('bus: a directory listener failed', err);
        }
      }
    }
  }
}
