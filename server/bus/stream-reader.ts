import type { Redis } from 'ioredis';

export interface StreamEntry {
  id: string;
  /** The entry's `m` field (null when it has none). */
  message: string | null;
}

export type AfterAck = (() => void) | void;

export interface StreamReaderOptions {
  stream: string;
  group: string;
  consumer: string;
  /**
   * Handles a batch; the entries are acknowledged (XACK) only after it resolves, so a crash
   * before leaves them pending, to be handled again (the handler must be idempotent). What it
   * answers is called once they are acknowledged.
   */
  handle(entries: StreamEntry[]): Promise<AfterAck> | AfterAck;
  count?: number;
  blockMs?: number;
  /** Entries pending this long with another consumer (one that died) are claimed (XAUTOCLAIM). */
  claimIdleMs?: number;
}

/**
 * Reads a stream as one consumer of a group: first its own pending entries (after a restart),
 * then stale ones other consumers left (XAUTOCLAIM), then new ones. A group that vanished
 * (Redis restarted empty) is made again from the start of the stream.
 */
export class StreamReader {
  #running = false;
  #loop: Promise<void> | null = null;
  #lastClaim = 0;

  constructor(
    private readonly redis: Redis,
    private readonly options: StreamReaderOptions,
  ) {}

  async start(): Promise<void> {
    await this.#ensureGroup();
    this.#running = true;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.redis.disconnect();
    await this.#loop?.catch(() => undefined);
  }

  async #ensureGroup(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.options.stream, this.options.group, '0', 'MKSTREAM');
    } catch (err) {
      if (!String(err).includes('BUSYGROUP')) throw err;
    }
  }

  async #run(): Promise<void> {
    const { stream, group, consumer } = this.options;
    const count = this.options.count ?? 500;
    const claimIdleMs = this.options.claimIdleMs ?? 30_000;
    // Its own pending entries first: handled before a crash, perhaps, but never acknowledged.
    let own = true;
    let failed = false;
    while (this.#running) {
      try {
        if (failed) {
          await this.#ensureGroup();
          own = true;
          failed = false;
        }
        if (own) {
          const pending = await this.#readGroup(['COUNT', count, 'STREAMS', stream, '0']);
          if (pending.length) await this.#handle(pending);
          else own = false;
          continue;
        }
        if (Date.now() - this.#lastClaim >= Math.min(claimIdleMs, 5000)) {
          this.#lastClaim = Date.now();
          const [, claimed] = (await this.redis.xautoclaim(stream, group, consumer, claimIdleMs, '0-0', 'COUNT', count)) as [string, [string, string[]][]];
          const entries = toEntries(claimed);
          if (entries.length) {
            await this.#handle(entries);
            continue;
          }
        }
        const fresh = await this.#readGroup(['COUNT', count, 'BLOCK', this.options.blockMs ?? 1000, 'STREAMS', stream, '>']);
        if (fresh.length) await this.#handle(fresh);
      } catch (err) {
        if (!this.#running) return;
        if (!failed) console.warn(`bus: reading ${stream} failed, retrying: ${String(err)}`);
        failed = true;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  async #readGroup(args: (string | number)[]): Promise<StreamEntry[]> {
    const { group, consumer } = this.options;
    const reply = (await this.redis.call('XREADGROUP', 'GROUP', group, consumer, ...args)) as [string, [string, string[] | null][]][] | null;
    return reply ? toEntries(reply[0]![1]) : [];
  }

  async #handle(entries: StreamEntry[]): Promise<void> {
    const after = await this.options.handle(entries);
    await this.redis.xack(this.options.stream, this.options.group, ...entries.map((e) => e.id));
    after?.();
  }
}

/** Deleted entries come back from XAUTOCLAIM/XREADGROUP with null fields: handled as malformed. */
function toEntries(raw: [string, string[] | null][]): StreamEntry[] {
  return raw.map(([id, fields]) => {
    let message: string | null = null;
    for (let i = 0; fields && i + 1 < fields.length; i += 2) if (fields[i] === 'm') message = fields[i + 1]!;
    return { id, message };
  });
}
