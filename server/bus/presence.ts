import type { Redis } from 'ioredis';
import { LiveOnBus, busKeys, type BusKeys } from './messages.ts';

/** Entries parsed per turn of the event loop when reading (20,000 screens after a fan-out all changed). */
const PARSED_PER_TURN = 2_000;

export interface PresenceView {
  /**
   * Screens connected to a live gateway: which one, and when last seen there (ms). An entry
   * whose stored text did not change since the last read keeps the same `live` object.
   */
  screens: Map<string, { gateway: string; lastSeenAt: number; live: LiveOnBus | null }>;
  gateways: string[];
  /** Gateways whose presence expired since the last read: they died (their screens went with them). */
  lost: string[];
}

/**
 * Screens' presence across gateways. Each gateway renews the whole list of its screens with a
 * TTL (a few renewal periods); a gateway that dies stops renewing, its key expires and control
 * notices it as lost. The fleet's own grace (60 s) then runs from the screens' last sighting.
 */
export class Presence {
  readonly keys: BusKeys;
  /** What the last read parsed, by gateway and screen: the stored text and what it gave. */
  #parsed = new Map<string, { raw: string; live: LiveOnBus | null }>();

  constructor(
    private readonly redis: Redis,
    private readonly options: { prefix?: string; ttlMs?: number; now?: () => number } = {},
  ) {
    this.keys = busKeys(options.prefix);
  }

  get ttlMs(): number {
    return this.options.ttlMs ?? 15_000;
  }

  #now(): number {
    return (this.options.now ?? Date.now)();
  }

  /**
   * A gateway's screens now, each with when it was last seen (or all the gateway knows of it,
   * for the fleet dashboard); replaces what it said before.
   */
  async renew(gateway: string, screens: Iterable<[string, number | string | LiveOnBus]>): Promise<void> {
    const key = this.keys.presence(gateway);
    const fields = fieldsOf(screens);
    const multi = this.redis.multi().del(key);
    if (fields.length) multi.hset(key, ...fields).pexpire(key, this.ttlMs);
    await multi.zadd(this.keys.gateways, this.#now() + this.ttlMs, gateway).exec();
  }

  /**
   * Between whole renewals: only the screens whose entry changed, and those that left; the rest
   * stay, their TTL renewed. Resolves false when the gateway's list had expired (it went
   * unrenewed too long, or Redis lost it): the next renewal must then be whole.
   */
  async update(gateway: string, changed: Iterable<[string, number | string | LiveOnBus]>, gone: readonly string[]): Promise<boolean> {
    const key = this.keys.presence(gateway);
    const fields = fieldsOf(changed);
    const multi = this.redis.multi().pexpire(key, this.ttlMs);
    if (fields.length) multi.hset(key, ...fields);
    if (gone.length) multi.hdel(key, ...gone);
    multi.pexpire(key, this.ttlMs).zadd(this.keys.gateways, this.#now() + this.ttlMs, gateway);
    const replies = await multi.exec();
    return replies?.[0]?.[1] === 1;
  }

  /** A gateway shutting down cleanly says so at once. */
  async leave(gateway: string): Promise<void> {
    await this.redis.multi().del(this.keys.presence(gateway)).zrem(this.keys.gateways, gateway).exec();
  }

  async read(): Promise<PresenceView> {
    const now = this.#now();
    const scored = await this.redis.zrange(this.keys.gateways, 0, -1, 'WITHSCORES');
    const gateways: string[] = [];
    const lost: string[] = [];
    for (let i = 0; i + 1 < scored.length; i += 2) (Number(scored[i + 1]) > now ? gateways : lost).push(scored[i]!);
    if (lost.length) await this.redis.zrem(this.keys.gateways, ...lost);
    const screens: PresenceView['screens'] = new Map();
    if (gateways.length) {
      const pipeline = this.redis.pipeline();
      for (const g of gateways) pipeline.hgetall(this.keys.presence(g));
      const replies = (await pipeline.exec()) ?? [];
      // Only entries whose text changed are parsed again, a share per turn: after a fan-out
      // every screen's entry changed (its acknowledged version), 20,000 of them at scale.
      const parsed = new Map<string, { raw: string; live: LiveOnBus | null }>();
      let fresh = 0;
      for (const [i, [err, hash]] of replies.entries()) {
        if (err) continue;
        for (const [id, seen] of Object.entries(hash as Record<string, string>)) {
          const at = `${gateways[i]}\n${id}`;
          let entry = this.#parsed.get(at);
          if (entry?.raw !== seen) {
            entry = { raw: seen, live: seen.startsWith('{') ? liveOf(seen) : null };
            if (++fresh % PARSED_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
          }
          parsed.set(at, entry);
          const { live } = entry;
          const lastSeenAt = live ? live.lastSeenAt : Number(seen);
          const known = screens.get(id);
          // A screen that moved is where it was seen last.
          if (Number.isFinite(lastSeenAt) && (!known || known.lastSeenAt < lastSeenAt)) screens.set(id, { gateway: gateways[i]!, lastSeenAt, live });
        }
      }
      this.#parsed = parsed;
    } else this.#parsed.clear();
    return { screens, gateways, lost };
  }
}

function fieldsOf(screens: Iterable<[string, number | string | LiveOnBus]>): (string | number)[] {
  const fields: (string | number)[] = [];
  for (const [id, seen] of screens) fields.push(id, typeof seen === 'object' ? JSON.stringify(seen) : seen);
  return fields;
}

function liveOf(raw: string): LiveOnBus | null {
  try {
    const parsed = LiveOnBus.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
