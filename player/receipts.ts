import { toLocalIso, type ClientMessage, type ZonePlay } from '../playlists/player.ts';

type Shown = Extract<ClientMessage, { type: 'shown' }>;

/**
 * Emergency receipts (DESIGN.md, "Applied, acknowledged, shown"): when an emergency first
 * appears on screen, the player tells the server once with `shown {scheduleId, at}`. A receipt
 * made while offline waits for the connection. (After a reload it may be sent again; the server
 * keeps the first.)
 */
export class Receipts {
  readonly #seen = new Set<string>();
  readonly #pending: Shown[] = [];

  constructor(
    private readonly send: (message: Shown) => boolean,
    private readonly now: () => number,
  ) {}

  /** Call whenever what is on screen changes. */
  showing(play: ZonePlay | null): void {
    const scheduleId = play?.reason.tier === 'emergency' ? play.reason.scheduleId : null;
    if (scheduleId === null || !play?.item || this.#seen.has(scheduleId)) return;
    this.#seen.add(scheduleId);
    this.#pending.push({ type: 'shown', scheduleId, at: toLocalIso(this.now()) });
    this.flush();
  }

  /** Sends what waits; call when the connection comes up. */
  flush(): void {
    while (this.#pending.length && this.send(this.#pending[0]!)) this.#pending.shift();
  }
}
