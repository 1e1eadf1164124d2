import { Redis } from 'ioredis';
import type { ManifestBuilder } from '../publishing/manifests.ts';
import type { Publisher } from '../publishing/publisher.ts';
import type { RevisionRepo } from '../repos/revisions.ts';
import type { ScreenRepo } from '../repos/screens.ts';
import type { Job, LocalTimeOfDay, Scheduler } from '../scheduler.ts';
import { ControlBus } from './control-bus.ts';
import { publishedState } from './published-state.ts';

export interface ControlOnBus {
  bus: ControlBus;
  /** False while Redis cannot be reached: what is published does not reach the gateways' screens. */
  readonly reachable: boolean;
  stop(): void;
}

/**
 * The control server's publishing onto the bus (BANGTIN_REDIS_URL set): every committed change
 * Publisher tells, and each day's new horizon, is announced to the gateways. Redis unreachable
 * at start does not stop control: ioredis keeps reconnecting and the announces go out then.
 */
export function publishOnBus(
  url: string,
  deps: { publisher: Pick<Publisher, 'onPublished'>; manifests: ManifestBuilder; screens: Pick<ScreenRepo, 'index'>; revisions: Pick<RevisionRepo, 'latestNumber'> },
  scheduler: Scheduler,
  /** When each day's new horizon is announced: the hub's manifest refresh time. */
  refreshAt: LocalTimeOfDay,
  options: { prefix?: string; checkMs?: number } = {},
): ControlOnBus {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  let down = false;
  redis.on('error', (err) => {
    if (!down) console.warn(`bus: Redis at ${url} unreachable, publishing does not reach gateways: ${err.message}`);
    down = true;
  });
  redis.on('ready', () => {
    if (down) console.log('bus: Redis reachable again');
    down = false;
  });
  const bus = new ControlBus(redis, () => publishedState(deps), options);
  const announce = () => void bus.announce().catch((err) => console.warn(`bus: announcing failed: ${String(err)}`));
  const unsubscribe = deps.publisher.onPublished(announce);
  const jobs: Job[] = [scheduler.daily('bus-manifest-refresh', refreshAt, announce)];
  void bus.start().catch((err) => console.warn(`bus: first announce failed: ${String(err)}`));
  return {
    bus,
    get reachable() {
      return !down;
    },
    stop() {
      unsubscribe();
      for (const job of jobs) job.cancel();
      bus.stop();
      redis.disconnect();
    },
  };
}
