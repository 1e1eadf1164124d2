import type { Redis } from 'ioredis';
import { BUS_VERSION, Inbound, busKeys, parseBus, type BusKeys } from './messages.ts';
import { StreamReader } from './stream-reader.ts';

/** Whether each entry was committed or refused for good (bad content: never to be retried). */
export type CommitOutcome = 'committed' | 'refused';

export interface ControlCommitsOptions {
  prefix?: string;
  group?: string;
  consumer?: string;
  count?: number;
  blockMs?: number;
  claimIdleMs?: number;
}

/**
 * Control's side of the bus, in: what gateways hand over to be committed (plays batches,
 * emergency receipts) is read by a consumer group, committed by `commit` (one SQLite
 * transaction per batch; it must be idempotent, as plays are stored once per id), acknowledged
 * in the stream only after that, and only then noticed to the gateway, which may then answer
 * the screen (playsAck). A crash anywhere in between hands the entry over again: nothing lost,
 * nothing stored twice.
 */
export class ControlCommits {
  readonly keys: BusKeys;
  readonly #reader: StreamReader;

  constructor(
    conns: { reader: Redis; commands: Redis },
    commit: (entries: Inbound[]) => CommitOutcome[],
    options: ControlCommitsOptions = {},
  ) {
    this.keys = busKeys(options.prefix);
    const commands = conns.commands;
    this.#reader = new StreamReader(conns.reader, {
      stream: this.keys.inbound,
      group: options.group ?? 'control',
      consumer: options.consumer ?? 'control',
      count: options.count,
      blockMs: options.blockMs,
      claimIdleMs: options.claimIdleMs,
      handle: async (entries) => {
        const parsed = entries.map((e) => parseBus(Inbound, e.message, `inbound entry ${e.id}`)).filter((m): m is Inbound => m !== null);
        if (!parsed.length) return;
        const outcomes = commit(parsed);
        const byGateway = new Map<string, { refs: string[]; refused: string[] }>();
        parsed.forEach((m, i) => {
          let notice = byGateway.get(m.gateway);
          if (!notice) byGateway.set(m.gateway, (notice = { refs: [], refused: [] }));
          (outcomes[i] === 'refused' ? notice.refused : notice.refs).push(m.ref);
        });
        // Noticed once acknowledged in the stream (StreamReader calls this then); a notice lost
        // on the way only delays the screen's playsAck: the player sends the batch again.
        return () => {
          const pipeline = commands.pipeline();
          for (const [gateway, notice] of byGateway) pipeline.publish(this.keys.notices(gateway), JSON.stringify({ v: BUS_VERSION, type: 'committed', ...notice }));
          void pipeline.exec().catch((err) => console.warn(`bus: sending commit notices failed: ${String(err)}`));
        };
      },
    });
  }

  start(): Promise<void> {
    return this.#reader.start();
  }

  stop(): Promise<void> {
    return this.#reader.stop();
  }
}
