import type { Redis } from 'ioredis';
import { LiveOnBus, busKeys, type BusKeys } from './messages.ts';

export interface PresenceView {
  /** Screens connected to a live gateway: which one, and when last seen there (ms). */
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
  async renew(gateway: string, screens: Iterable<[string, number | LiveOnBus]>): Promise<void> {
    const key = this.keys.presence(gateway);
    const fields: (string | number)[] = [];
    for (const [id, seen] of screens) fields.push(id, typeof seen === 'number' ? seen : JSON.stringify(seen));
    const multi = this.redis.multi().del(key);
    if (fields.length) multi.hset(key, ...fields).pexpire(key, this.ttlMs);
    await multi.zadd(this.keys.gateways, this.#now() + this.ttlMs, gateway).exec();
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
      replies.forEach(([err, hash], i) => {
        if (err) return;
        for (const [id, seen] of Object.entries(hash as Record<string, string>)) {
          const live = seen.startsWith('{') ? liveOf(seen) : null;
          const lastSeenAt = live ? live.lastSeenAt : Number(seen);
          const known = screens.get(id);
          // A screen that moved is where it was seen last.
          if (Number.isFinite(lastSeenAt) && (!known || known.lastSeenAt < lastSeenAt)) screens.set(id, { gateway: gateways[i]!, lastSeenAt, live });
        }
      });
    }
    return { screens, gateways, lost };
  }
}

function liveOf(raw: string): LiveOnBus | null {
  try {
    const parsed = LiveOnBus.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
