/**
 * The parent's handle on one load-generator process (bench/load-generator.ts): commands go out
 * over IPC, answers are waited for by type.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ChildMessage, ParentMessage } from './generator-protocol.ts';
import { ROOT, cpuProfileArgs, exited, spawnNode } from './processes.ts';

export class Generator {
  readonly child: ChildProcess;
  readonly #inbox: ChildMessage[] = [];
  readonly #waiters: { type: ChildMessage['type']; accept: (m: ChildMessage) => boolean; resolve: (m: ChildMessage | null) => void }[] = [];
  progress = { connected: 0, failed: 0 };

  /** `script`: bench/load-generator.ts, or bench/storm-generator.ts for the reconnect storm. */
  constructor(readonly index: number, script = 'bench/load-generator.ts') {
    // BANGTIN_BENCH_GEN_CPU_PROF=DIR: each load generator writes a V8 CPU profile into DIR when it
    // closes (the simulated players share the machine's cores with the server).
    this.child = spawnNode([...cpuProfileArgs('BANGTIN_BENCH_GEN_CPU_PROF'), '--import', 'tsx', join(ROOT, script)], {}, true);
    this.child.on('message', (raw) => {
      const msg = raw as ChildMessage;
      if (msg.type === 'progress') {
        this.progress = { connected: msg.connected, failed: msg.failed };
        return;
      }
      const i = this.#waiters.findIndex((w) => w.type === msg.type);
      if (i < 0) this.#inbox.push(msg);
      else if (this.#waiters[i]!.accept(msg)) this.#waiters.splice(i, 1)[0]!.resolve(msg);
      // else: a stale message (e.g. a late result of an earlier round): dropped.
    });
    this.child.once('exit', () => {
      for (const w of this.#waiters.splice(0)) w.resolve(null);
    });
  }

  send(msg: ParentMessage): void {
    if (this.child.connected) this.child.send(msg);
  }

  /** The next message of `type`, or null when the budget runs out or the process is gone. */
  next<T extends ChildMessage['type']>(type: T, timeoutMs: number): Promise<Extract<ChildMessage, { type: T }> | null> {
    return this.nextOf(type, () => true, timeoutMs);
  }

  /** Like `next`, for the next message of `type` that `accept` takes; others of that type are dropped. */
  nextOf<T extends ChildMessage['type']>(
    type: T,
    accept: (m: Extract<ChildMessage, { type: T }>) => boolean,
    timeoutMs: number,
  ): Promise<Extract<ChildMessage, { type: T }> | null> {
    const wanted = (m: ChildMessage): m is Extract<ChildMessage, { type: T }> => m.type === type;
    for (let i = this.#inbox.findIndex(wanted); i >= 0; i = this.#inbox.findIndex(wanted)) {
      const m = this.#inbox.splice(i, 1)[0] as Extract<ChildMessage, { type: T }>;
      if (accept(m)) return Promise.resolve(m);
    }
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter = {
        type,
        accept: (m: ChildMessage) => accept(m as Extract<ChildMessage, { type: T }>),
        resolve: (m: ChildMessage | null) => {
          clearTimeout(timer);
          resolve(m as Extract<ChildMessage, { type: T }> | null);
        },
      };
      const timer = setTimeout(() => {
        const at = this.#waiters.indexOf(waiter);
        if (at >= 0) this.#waiters.splice(at, 1);
        resolve(null);
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  async close(): Promise<void> {
    this.send({ cmd: 'close' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited(this.child);
    clearTimeout(timer);
  }
}
