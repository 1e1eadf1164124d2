import type { LiveOnBus } from '../bus/messages.ts';
import type { Presence } from '../bus/presence.ts';
import type { Hub } from '../hub/hub.ts';

/** Every this many renewals the whole list is written again (else only what changed). */
const WHOLE_EVERY = 6;
/** Screens gone over per turn of the event loop: after a fan-out every screen's entry changed (its ack). */
const BUILT_PER_TURN = 1_000;

/**
 * A gateway's presence (server/bus/presence.ts): the screens it holds, renewed with a TTL. A
 * renewal writes only the entries that changed since the last one (a screen came, acknowledged,
 * reported, answered a ping) and drops those that left; every WHOLE_EVERY renewals, after Redis
 * came back, and when the list had expired, it writes the whole list again. At 10,000 screens a
 * gateway, rewriting every entry every few seconds held its event loop for hundreds of ms.
 */
export class PresenceRenewal {
  readonly #held = new Set<string>();
  /** What was last written of each held screen: its last sighting then, and the entry's text. */
  readonly #sent = new Map<string, { lastSeenAt: number; text: string }>();
  #dirty = new Set<string>();
  readonly #gone = new Set<string>();
  #count = 0;
  #whole = true;
  /** A renewal is being written; one asked for meanwhile (quick or not) runs after it. */
  #running = false;
  #queued: { quick: boolean } | null = null;

  constructor(
    private readonly presence: Pick<Presence, 'renew' | 'update'>,
    private readonly gateway: string,
    private readonly hub: Pick<Hub, 'live' | 'glance'>,
  ) {}

  /**
   * What the hub tells of a screen (hub.watch): its entry is written at the next renewal. True
   * when the screen came or went, which is worth a renewal at once.
   */
  changed(screenId: string): boolean {
    const connected = this.hub.glance(screenId) !== undefined;
    this.#dirty.add(screenId);
    if (connected === this.#held.has(screenId)) return false;
    if (connected) {
      this.#held.add(screenId);
      this.#gone.delete(screenId);
    } else this.#leave(screenId);
    return true;
  }

  /** The next renewal writes the whole list (Redis came back, possibly empty). */
  wholeNext(): void {
    this.#whole = true;
  }

  get size(): number {
    return this.#held.size;
  }

  /**
   * Writes what changed (or everything); resolves once Redis has it. `quick`: only the screens
   * the hub told of (one came or went a moment ago), without going over every screen held for
   * the ones whose last sighting moved (a pong): with thousands connecting, a quick renewal
   * comes every 100 ms.
   */
  async renew(quick = false): Promise<void> {
    if (this.#running) {
      this.#queued = { quick: quick && (this.#queued?.quick ?? true) };
      return;
    }
    this.#running = true;
    try {
      await this.#renew(quick);
    } finally {
      this.#running = false;
    }
    const queued = this.#queued;
    this.#queued = null;
    if (queued) await this.renew(queued.quick);
  }

  async #renew(quick: boolean): Promise<void> {
    const whole = !quick && (this.#whole || ++this.#count % WHOLE_EVERY === 0);
    if (whole) this.#whole = false;
    const dirty = this.#dirty;
    this.#dirty = new Set();
    const entries: [string, string][] = [];
    let seenHere = 0;
    for (const screenId of quick ? [...dirty].filter((id) => this.#held.has(id)) : [...this.#held]) {
      if (++seenHere % BUILT_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      const seen = this.hub.glance(screenId);
      if (!seen) {
        this.#leave(screenId);
        continue;
      }
      const was = this.#sent.get(screenId);
      if (was && !dirty.has(screenId) && was.lastSeenAt === seen.lastSeenAt) {
        if (whole) entries.push([screenId, was.text]);
        continue;
      }
      const text = JSON.stringify(this.#entry(screenId));
      this.#sent.set(screenId, { lastSeenAt: seen.lastSeenAt, text });
      entries.push([screenId, text]);
    }
    const gone = [...this.#gone];
    this.#gone.clear();
    try {
      if (whole) await this.presence.renew(this.gateway, entries);
      else if (!(await this.presence.update(this.gateway, entries, gone))) this.#whole = true;
    } catch (err) {
      this.#whole = true;
      throw err;
    }
  }

  #leave(screenId: string): void {
    this.#held.delete(screenId);
    this.#sent.delete(screenId);
    this.#gone.add(screenId);
  }

  #entry(screenId: string): LiveOnBus | null {
    const live = this.hub.live(screenId);
    if (!live) return null;
    const { lastSeenAt, ackedVersion, playerVersion, viewport, report } = live;
    return { lastSeenAt, connectedAt: report.connectedAt, ackedVersion, playerVersion, viewport, device: report.device, playing: report.playing, uptimeMs: report.uptimeMs };
  }
}
