import type { PlayerSocket } from '../hub/socket.ts';

/** Pings sent per turn of the event loop (as the fan-out's chunk, hub/options.ts). */
export const PINGS_PER_TURN = 500;

/**
 * Spreads the hub's pings over turns of the event loop. The hub's sweep pings every socket in
 * one turn (Hub.sweep, server/hub/hub.ts): each ping is a write of its own, and at 10,000
 * screens a gateway that held its loop 0.5–1.2 s every 30 s (bench, 2 gateways at load ~12),
 * once right in an emergency's fan-out. Sockets it wraps queue their pings, sent
 * PINGS_PER_TURN a turn; a ping late by a few ms changes nothing for a 30 s sweep.
 */
export class PingPacer {
  #queue: PlayerSocket[] = [];
  #next = 0;
  #scheduled: ReturnType<typeof setImmediate> | null = null;

  constructor(private readonly perTurn = PINGS_PER_TURN) {}

  /** `socket` with its pings paced; everything else goes straight to it. */
  wrap(socket: PlayerSocket): PlayerSocket {
    return {
      send: (data) => socket.send(data),
      close: (code, reason) => socket.close(code, reason),
      terminate: () => socket.terminate(),
      ping: () => this.#ping(socket),
      get bufferedAmount() {
        return socket.bufferedAmount;
      },
    };
  }

  /** Pings waiting. */
  get pending(): number {
    return this.#queue.length - this.#next;
  }

  /** Drops what waits (the gateway stops). */
  stop(): void {
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = null;
    this.#queue = [];
    this.#next = 0;
  }

  #ping(socket: PlayerSocket): void {
    this.#queue.push(socket);
    this.#scheduled ??= setImmediate(this.#drain);
  }

  readonly #drain = () => {
    this.#scheduled = null;
    const end = Math.min(this.#queue.length, this.#next + this.perTurn);
    for (; this.#next < end; this.#next++) {
      try {
        this.#queue[this.#next]!.ping();
      } catch {
        // A socket that closed meanwhile: the hub's next sweep forgets it.
      }
    }
    if (this.#next < this.#queue.length) this.#scheduled = setImmediate(this.#drain);
    else {
      this.#queue = [];
      this.#next = 0;
    }
  };
}
