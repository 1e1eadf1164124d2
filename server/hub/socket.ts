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

export function wsPlayerSocket(raw: WebSocket): PlayerSocket {
  return {
    send: (data) => raw.send(data, { binary: false }),
    close: (code, reason) => raw.close(code, reason),
    terminate: () => raw.terminate(),
    ping: () => raw.ping(),
    get bufferedAmount() {
      return raw.bufferedAmount;
    },
  };
}
