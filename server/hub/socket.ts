import type { WebSocket } from 'ws';

/** The little the hub needs from a socket; tests give it an in-memory one. */
export interface PlayerSocket {
  /** Sends one text frame. */
  send(data: string | Buffer): void;
  close(code: number, reason: string): void;
  /** Drops the connection without a closing handshake (dead peers). */
  terminate(): void;
  ping(): void;
  /** Bytes queued but not yet written to the network. */
  readonly bufferedAmount: number;
}

/** One options object for every send: frames are JSON text, also when given as a Buffer. */
const TEXT_FRAME = { binary: false } as const;

/**
 * A `ws` socket as the hub sees it. A class rather than an object of arrow functions: one small
 * object per connection, its methods shared by all (per-connection closures cost ~300 bytes
 * each once named, and 10,000 sockets hold them for hours: bench/socket-heap.ts).
 */
class WsPlayerSocket implements PlayerSocket {
  constructor(private readonly raw: WebSocket) {}

  send(data: string | Buffer): void {
    this.raw.send(data, TEXT_FRAME);
  }

  close(code: number, reason: string): void {
    this.raw.close(code, reason);
  }

  terminate(): void {
    this.raw.terminate();
  }

  ping(): void {
    this.raw.ping();
  }

  get bufferedAmount(): number {
    return this.raw.bufferedAmount;
  }
}

export function wsPlayerSocket(raw: WebSocket): PlayerSocket {
  return new WsPlayerSocket(raw);
}
