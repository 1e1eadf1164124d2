import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { BUS_VERSION, busKeys, wallNow, type BusKeys, type PublishedState } from './messages.ts';

/** What control announces: the published state, and the frame of each version it names. */
export interface Published {
  state: PublishedState;
  frame(version: string): Buffer | string;
}

/**
 * Writes the announce entry, the snapshot beside it and new manifest frames in one step, so a
 * gateway never sees an entry whose snapshot or frames are not there. When the caller's epoch is
 * not Redis' (Redis restarted empty, or the caller's first announce) nothing is written and
 * 'stale' comes back: the caller then announces everything.
 * KEYS: announce, snapshot, epoch, seq, then `ARGV[6]` frames to set, then frames to delete.
 * ARGV: candidate epoch, caller's epoch ('*': a full announce), maxlen, entry body, state body,
 * frame count, frames.
 */
const ANNOUNCE_LUA = `
local epoch = redis.call('GET', KEYS[3])
if not epoch then
  epoch = ARGV[1]
  redis.call('SET', KEYS[3], epoch)
  redis.call('SET', KEYS[4], 0)
end
if ARGV[2] ~= '*' and ARGV[2] ~= epoch then return {'stale', epoch} end
local seq = redis.call('INCR', KEYS[4])
local head = '{"epoch":' .. cjson.encode(epoch) .. ',"seq":' .. seq .. ','
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', 'm', head .. ARGV[4])
redis.call('HSET', KEYS[2], 'state', head .. ARGV[5], 'id', id)
local n = tonumber(ARGV[6])
for i = 1, n do redis.call('SET', KEYS[4 + i], ARGV[6 + i]) end
for i = 5 + n, #KEYS do redis.call('DEL', KEYS[i]) end
return {'ok', epoch, tostring(seq), id}
`;

export interface ControlBusOptions {
  prefix?: string;
  /** Announce entries kept in the stream (approximately); older ones are read from the snapshot. */
  maxLen?: number;
  /** How often control checks that Redis still holds its state (a flush, a restart it missed). */
  checkMs?: number;
  now?: () => number;
}

/**
 * Control's side of the bus, out: announces each committed change of the published state
 * (Publisher's "published", after its transaction committed, so a gateway never pushes what
 * may roll back), and re-seeds Redis from SQLite's state at once when Redis comes back empty.
 */
export class ControlBus {
  readonly keys: BusKeys;
  #epoch: string | null = null;
  #last: PublishedState | null = null;
  /** Versions whose frames are in Redis (this epoch). */
  #stored = new Set<string>();
  #lastWrite: { epoch: string; seq: number; id: string } | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #timer: ReturnType<typeof setInterval> | null = null;
  readonly #maxLen: number;
  readonly #now: () => number;
  readonly #onReady = () => void this.resync().catch((err) => console.warn(`bus: re-seeding failed: ${String(err)}`));

  constructor(
    private readonly redis: Redis,
    private readonly source: () => Published,
    private readonly options: ControlBusOptions = {},
  ) {
    this.keys = busKeys(options.prefix);
    this.#maxLen = options.maxLen ?? 1000;
    this.#now = options.now ?? wallNow;
  }

  /** Seeds Redis and keeps it seeded: after every reconnect, and every `checkMs`. */
  async start(): Promise<void> {
    this.redis.on('ready', this.#onReady);
    if (this.options.checkMs !== 0) {
      this.#timer = setInterval(this.#onReady, this.options.checkMs ?? 5000);
      this.#timer.unref?.();
    }
    await this.announce();
  }

  stop(): void {
    this.redis.off('ready', this.#onReady);
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /**
   * Announces the state as it is now (call it after each committed change). Announces run one
   * after another in call order; each resolves once Redis has it.
   */
  announce(full = false): Promise<{ epoch: string; seq: number; id: string }> {
    const run = this.#queue.then(() => this.#announce(full));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Announces everything again when Redis' epoch is not the one control wrote (it lost its data). */
  async resync(): Promise<boolean> {
    const epoch = await this.redis.get(this.keys.epoch);
    if (epoch !== null && epoch === this.#epoch) return false;
    await this.announce(true);
    return true;
  }

  async #announce(full: boolean): Promise<{ epoch: string; seq: number; id: string }> {
    const published = this.source();
    const first = full ? null : await this.#write(published, this.#epoch !== null && this.#last !== null);
    if (first) return first;
    // Redis is not where control left it: everything again, as the base of a new epoch.
    this.#last = null;
    this.#stored.clear();
    const written = await this.#write(published, false);
    if (!written) throw new Error('bus: announce refused twice');
    return written;
  }

  async #write(published: Published, asDelta: boolean): Promise<{ epoch: string; seq: number; id: string } | null> {
    const { state } = published;
    const last = asDelta ? this.#last : null;
    const audiences: Record<string, string> = {};
    for (const [key, version] of Object.entries(state.audiences)) if (last?.audiences[key] !== version) audiences[key] = version;
    const gone = last ? Object.keys(last.audiences).filter((key) => !(key in state.audiences)) : [];
    const screens: Record<string, string | null> = {};
    for (const [id, audience] of Object.entries(state.screens)) if (last?.screens[id] !== audience) screens[id] = audience;
    if (last) for (const id of Object.keys(last.screens)) if (!(id in state.screens)) screens[id] = null;

    // Nothing changed (a change that rolled back still tells "published"): nothing to announce.
    if (last && this.#lastWrite && last.revision === state.revision && !gone.length && !Object.keys(audiences).length && !Object.keys(screens).length) {
      return this.#lastWrite;
    }
    const current = new Set(Object.values(state.audiences));
    const fresh = [...current].filter((v) => !asDelta || !this.#stored.has(v));
    const dropped = asDelta ? [...this.#stored].filter((v) => !current.has(v)) : [];
    const entry = JSON.stringify({ v: BUS_VERSION, type: 'published', revision: state.revision, audiences, gone, screens, at: this.#now() });
    const snapshot = JSON.stringify({ v: BUS_VERSION, ...state });
    const keys = [this.keys.announce, this.keys.snapshot, this.keys.epoch, this.keys.seq, ...fresh.map(this.keys.manifest), ...dropped.map(this.keys.manifest)];
    const args = [randomUUID(), asDelta ? this.#epoch! : '*', this.#maxLen, entry.slice(1), snapshot.slice(1), fresh.length, ...fresh.map((v) => published.frame(v))];
    const reply = (await this.redis.eval(ANNOUNCE_LUA, keys.length, ...keys, ...args)) as string[];
    if (reply[0] === 'stale') return null;
    this.#epoch = reply[1]!;
    this.#last = state;
    for (const v of fresh) this.#stored.add(v);
    for (const v of dropped) this.#stored.delete(v);
    this.#lastWrite = { epoch: reply[1]!, seq: Number(reply[2]), id: reply[3]! };
    return this.#lastWrite;
  }
}
