/** Shared by the bus tests: a Redis per file, and control/gateway pairs on it. */
import type { Published } from './control-bus.ts';
import { ControlBus } from './control-bus.ts';
import { GatewayBus, type GatewayChange } from './gateway-bus.ts';
import type { PublishedState } from './messages.ts';
import { redisConnections } from '../testing/redis.ts';

/** A published state a test edits by hand: audiences and their frames, screens. */
export class FakePublishing {
  revision = 1;
  readonly audiences = new Map<string, string>();
  readonly screens = new Map<string, string>();
  readonly frames = new Map<string, Buffer>();

  /** Sets an audience's manifest: `body` becomes its frame, version `v-<body hash-ish>`. */
  set(audience: string, version: string, body = `{"type":"manifest","version":"${version}"}`): void {
    this.audiences.set(audience, version);
    this.frames.set(version, Buffer.from(body));
  }

  published = (): Published => {
    const state: PublishedState = {
      revision: this.revision,
      audiences: Object.fromEntries(this.audiences),
      screens: Object.fromEntries(this.screens),
    };
    return { state, frame: (v) => this.frames.get(v)! };
  };
}

export function busTestKit(url: string, prefix = `t${Math.random().toString(36).slice(2, 8)}:`) {
  const conns = redisConnections(url);
  const gateways: GatewayBus[] = [];
  const controls: ControlBus[] = [];
  return {
    prefix,
    conns,
    control(publishing: FakePublishing | (() => Published), checkMs = 0): ControlBus {
      const source = publishing instanceof FakePublishing ? publishing.published : publishing;
      const control = new ControlBus(conns.open(), source, { prefix, checkMs });
      controls.push(control);
      return control;
    },
    async gateway(id?: string): Promise<{ bus: GatewayBus; changes: GatewayChange[]; next(): Promise<GatewayChange> }> {
      const bus = new GatewayBus({ commands: conns.open(), reader: conns.open(), subscriber: conns.open() }, { prefix, id, blockMs: 500 });
      const changes: GatewayChange[] = [];
      let waiting: ((c: GatewayChange) => void) | null = null;
      bus.onChange((c) => {
        changes.push(c);
        waiting?.(c);
        waiting = null;
      });
      gateways.push(bus);
      await bus.start();
      return { bus, changes, next: () => new Promise((resolve) => (waiting = resolve)) };
    },
    async close(): Promise<void> {
      for (const c of controls.splice(0)) c.stop();
      await Promise.all(gateways.splice(0).map((g) => g.stop()));
      conns.closeAll();
    },
  };
}

/** Waits until `check` holds, polling every 5 ms; throws after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
