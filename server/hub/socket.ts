import type { Duplex } from 'node:stream';
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
  /** Runs `sends` with the frames they send written together, in one system call (absent: one by one). */
  batch?(sends: () => void): void;
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
    // The answer to a hello is three frames (welcome, screen, manifest or unchanged): corked,
    // they leave in one writev rather than three, which counts when 10,000 screens come back
    // at once (bench/reconnect-storm.ts). `ws` keeps its TCP socket as `_socket`.
    batch: (sends) => {
      const tcp = (raw as unknown as { _socket?: Duplex | null })._socket;
      tcp?.cork();
      try {
        sends();
      } finally {
        tcp?.uncork();
      }
    },
  };
}
