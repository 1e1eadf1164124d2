import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { Announce, BUS_VERSION, Notice, Snapshot, busKeys, parseBus, type BusKeys } from './messages.ts';

/** What a gateway is told after it changed its published state. */
export interface GatewayChange {
  revision: number;
  /** Audiences whose manifest changed (or all of them after a resync). */
  audiences: string[];
  /** Screens that moved to another audience, or left. */
  screens: string[];
  /** True when the state was read again from the snapshot rather than applied from an entry. */
  resync: boolean;
  /** When control announced it (ms; null after a resync). */
  announcedAt: number | null;
}

export type GatewayListener = (change: GatewayChange) => void;

export interface GatewayBusOptions {
  prefix?: string;
  /** How long one blocking read waits before it reads again (ms). */
  blockMs?: number;
  /** A commit not noticed within this is rejected (the entry stays in the stream, and is committed later). */
  commitTimeoutMs?: number;
}

/**
 * A gateway's side of the bus. It keeps the current published state (each audience's version
 * and frame, each screen's audience) in memory, applied entry by entry from the announce stream;
 * whenever an entry does not follow the one it holds (a missed entry, Redis restarted empty,
 * a reconnect) it reads the whole snapshot again — resync, not trust. Redis down, it keeps what
 * it has, so screens keep being served. Three connections: commands, the blocking read, and
 * the subscription to its commit notices.
 */
export class GatewayBus {
  readonly id: string;
  readonly keys: BusKeys;
  #epoch: string | null = null;
  #seq = 0;
  #revision = -1;
  #lastId = '0-0';
  readonly #audiences = new Map<string, string>();
  readonly #screens = new Map<string, string>();
  readonly #frames = new Map<string, Buffer>();
  readonly #listeners = new Set<GatewayListener>();
  readonly #commits = new Map<string, { resolve: (committed: boolean) => void; timer: ReturnType<typeof setTimeout> }>();
  #running = false;
  #loop: Promise<void> | null = null;
  #ready!: Promise<void>;
  readonly #blockMs: number;
  readonly #commitTimeoutMs: number;

  constructor(
    private readonly conns: { commands: Redis; reader: Redis; subscriber: Redis },
    options: GatewayBusOptions & { id?: string } = {},
  ) {
    this.id = options.id ?? randomUUID();
    this.keys = busKeys(options.prefix);
    this.#blockMs = options.blockMs ?? 2000;
    this.#commitTimeoutMs = options.commitTimeoutMs ?? 30_000;
  }

  /** Subscribes to its notices and reads the state; resolves once it holds one (or none is published yet). */
  async start(): Promise<void> {
    this.#running = true;
    this.conns.subscriber.on('message', this.#onNotice);
    await this.conns.subscriber.subscribe(this.keys.notices(this.id));
    this.#ready = this.#resync().catch((err) => console.warn(`bus: reading the snapshot failed: ${String(err)}`));
    await this.#ready;
    this.#loop = this.#read();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.conns.subscriber.off('message', this.#onNotice);
    for (const [, pending] of this.#commits) {
      clearTimeout(pending.timer);
      pending.resolve(false);
    }
    this.#commits.clear();
    // A blocking read ends with its connection; the caller quits the connections after this.
    this.conns.reader.disconnect();
    await this.#loop?.catch(() => undefined);
  }

  onChange(listener: GatewayListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get revision(): number {
    return this.#revision;
  }

  /** The audience a screen is in, its version and the frame to send; null when not known (yet). */
  manifestFor(screenId: string): { audience: string; version: string; frame: Buffer } | null {
    const audience = this.#screens.get(screenId);
    return audience === undefined ? null : this.manifestOf(audience);
  }

  manifestOf(audience: string): { audience: string; version: string; frame: Buffer } | null {
    const version = this.#audiences.get(audience);
    const frame = version && this.#frames.get(version);
    return version && frame ? { audience, version, frame } : null;
  }

  /**
   * Hands control something to commit (a plays batch, a receipt) and resolves true once it is
   * committed in SQLite — only then may the screen be told (playsAck) — or false when it was
   * refused for good or not noticed in time (then it stays in the stream and is committed later).
   */
  commit(screenId: string, type: string, body: unknown): Promise<boolean> {
    const ref = randomUUID();
    const entry = JSON.stringify({ v: BUS_VERSION, gateway: this.id, ref, type, screenId, body });
    return new Promise<boolean>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#commits.delete(ref);
        resolve(false);
      }, this.#commitTimeoutMs);
      timer.unref?.();
      this.#commits.set(ref, { resolve, timer });
      this.conns.commands.xadd(this.keys.inbound, '*', 'm', entry).catch((err) => {
        clearTimeout(timer);
        this.#commits.delete(ref);
        reject(err);
      });
    });
  }

  /**
   * Hands control something to store that needs no answer (sightings, a command's result): it
   * waits in ioredis' queue while Redis is down, and is stored once control reads it.
   */
  send(screenId: string, type: string, body: unknown): void {
    if (!this.#running) return;
    const entry = JSON.stringify({ v: BUS_VERSION, gateway: this.id, ref: randomUUID(), type, screenId, body });
    this.conns.commands.xadd(this.keys.inbound, '*', 'm', entry).catch((err) => console.warn(`bus: handing over ${type} failed: ${String(err)}`));
  }

  readonly #onNotice = (channel: string, raw: string) => {
    if (channel !== this.keys.notices(this.id)) return;
    const notice = parseBus(Notice, raw, 'commit notice');
    if (!notice) return;
    const settle = (ref: string, committed: boolean) => {
      const pending = this.#commits.get(ref);
      if (!pending) return;
      this.#commits.delete(ref);
      clearTimeout(pending.timer);
      pending.resolve(committed);
    };
    for (const ref of notice.refs) settle(ref, true);
    for (const ref of notice.refused) settle(ref, false);
  };

  async #read(): Promise<void> {
    let failed = false;
    while (this.#running) {
      try {
        if (failed) {
          // Back after an error (Redis gone, restarted): what was missed is read from the snapshot.
          await this.#resync();
          failed = false;
        }
        const reply = (await this.conns.reader.xread('COUNT', 100, 'BLOCK', this.#blockMs, 'STREAMS', this.keys.announce, this.#lastId)) as
          | [string, [string, string[]][]][]
          | null;
        if (!reply) continue;
        for (const [, entries] of reply) for (const [id, fields] of entries) await this.#onEntry(id, fields);
      } catch (err) {
        if (!this.#running) return;
        if (!failed) console.warn(`bus: reading announcements failed, retrying: ${String(err)}`);
        failed = true;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  async #onEntry(id: string, fields: string[]): Promise<void> {
    this.#lastId = id;
    const raw = fieldOf(fields, 'm');
    if (raw === null) console.warn(`bus: skipped a malformed announce entry ${id} (no message)`);
    const entry = parseBus(Announce, raw, `announce entry ${id}`);
    if (!entry) return;
    if (entry.epoch !== this.#epoch || entry.seq !== this.#seq + 1) {
      if (entry.epoch === this.#epoch && entry.seq <= this.#seq) return; // already in the snapshot read
      await this.#resync();
      return;
    }
    const versions = [...new Set(Object.values(entry.audiences))].filter((v) => !this.#frames.has(v));
    if (!(await this.#fetchFrames(versions))) {
      await this.#resync();
      return;
    }
    for (const [key, version] of Object.entries(entry.audiences)) this.#audiences.set(key, version);
    for (const key of entry.gone) this.#audiences.delete(key);
    // An emergency moves every screen: 20,000 of them here, gone over without an entries array.
    for (const screen in entry.screens) {
      const audience = entry.screens[screen]!;
      if (audience === null) this.#screens.delete(screen);
      else this.#screens.set(screen, audience);
    }
    this.#seq = entry.seq;
    this.#revision = entry.revision;
    this.#dropUnused();
    this.#tell({
      revision: entry.revision, audiences: [...Object.keys(entry.audiences), ...entry.gone], screens: Object.keys(entry.screens), resync: false, announcedAt: entry.at,
    });
  }

  /** Reads the whole snapshot and the frames it names; keeps what it has when there is none. */
  async #resync(): Promise<void> {
    const [raw, id] = await this.conns.commands.hmget(this.keys.snapshot, 'state', 'id');
    if (raw == null || id == null) {
      // Nothing published in this Redis (yet): the next announce starts a new epoch, read then.
      this.#epoch = null;
      this.#seq = 0;
      this.#lastId = '0-0';
      return;
    }
    const snapshot = parseBus(Snapshot, raw, 'snapshot');
    if (!snapshot) return;
    const versions = [...new Set(Object.values(snapshot.audiences))].filter((v) => !this.#frames.has(v));
    if (!(await this.#fetchFrames(versions))) {
      // The snapshot names a frame no longer there: a newer announce is on its way; read it then.
      this.#epoch = null;
      return;
    }
    const before = new Map(this.#audiences);
    const screensBefore = new Map(this.#screens);
    this.#audiences.clear();
    this.#screens.clear();
    for (const [key, version] of Object.entries(snapshot.audiences)) this.#audiences.set(key, version);
    for (const screen in snapshot.screens) this.#screens.set(screen, snapshot.screens[screen]!);
    this.#epoch = snapshot.epoch;
    this.#seq = snapshot.seq;
    this.#revision = snapshot.revision;
    this.#lastId = id;
    this.#dropUnused();
    const audiences = [...new Set([...before.keys(), ...this.#audiences.keys()])].filter((k) => before.get(k) !== this.#audiences.get(k));
    const screens = [...new Set([...screensBefore.keys(), ...this.#screens.keys()])].filter((s) => screensBefore.get(s) !== this.#screens.get(s));
    this.#tell({ revision: snapshot.revision, audiences, screens, resync: true, announcedAt: null });
  }

  async #fetchFrames(versions: string[]): Promise<boolean> {
    if (!versions.length) return true;
    const frames = await this.conns.commands.mgetBuffer(...versions.map(this.keys.manifest));
    if (frames.some((f) => f === null)) return false;
    versions.forEach((v, i) => this.#frames.set(v, frames[i]!));
    return true;
  }

  #dropUnused(): void {
    const used = new Set(this.#audiences.values());
    for (const version of this.#frames.keys()) if (!used.has(version)) this.#frames.delete(version);
  }

  #tell(change: GatewayChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (err) {
        console.error('bus: a gateway listener failed', err);
      }
    }
  }
}

function fieldOf(fields: string[], name: string): string | null {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1] ?? null;
  return null;
}
