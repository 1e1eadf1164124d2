import type { ClientMessage } from '../../playlists/index.ts';

type Ack = Extract<ClientMessage, { type: 'ack' }>;

/** Versions whose ack frame is kept; a push brings one or a few (one per audience). */
const KEPT = 64;

const acks = new Map<string, { text: string; msg: Ack }>();

/**
 * The `ack` frame for `version` exactly as the player writes it (JSON.stringify of
 * `{type, version}`), and the message it parses to. After a push 10,000 screens each send the
 * ack of the version they were sent: the hub recognises that frame by comparing it with this
 * text, and takes this message, without JSON.parse and the schema (which would accept exactly
 * it) — any other frame, an ack written differently included, is parsed as always.
 */
export function ackFrameOf(version: string): { readonly text: string; readonly msg: Ack } {
  let ack = acks.get(version);
  if (!ack) {
    if (acks.size >= KEPT) acks.clear();
    const msg: Ack = Object.freeze({ type: 'ack', version });
    acks.set(version, (ack = { text: JSON.stringify(msg), msg }));
  }
  return ack;
}
