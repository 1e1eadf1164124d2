import { Redis } from 'ioredis';
import type { Services } from '../services.ts';
import type { LocalTimeOfDay, Scheduler } from '../scheduler.ts';
import { ControlCommits } from './commits.ts';
import { publishOnBus, type ControlOnBus } from './control.ts';
import type { ControlHub, ControlHubBus } from './control-hub.ts';
import { inboundCommitter } from './control-inbound.ts';
import { Presence } from './presence.ts';
import { ScreenDirectory } from './screen-directory.ts';

export interface ControlServerBus {
  onBus: ControlOnBus;
  /** What ControlHub is built with. */
  hubBus: ControlHubBus;
  /** Starts what needs the hub: the inbound stream (plays, receipts, sightings, command results) and presence. */
  attach(hub: ControlHub): Promise<void>;
  stop(): Promise<void>;
}

export interface ControlServerOptions {
  prefix?: string;
  checkMs?: number;
  presenceMs?: number;
  blockMs?: number;
}

/**
 * Everything the control server does on the bus (BANGTIN_REDIS_URL set): announces what
 * publishing commits (control.ts), keeps the screen directory (token hashes and settings) in
 * Redis, reads the gateways' inbound stream into SQLite (commits.ts, control-inbound.ts) and
 * their presence (control-hub.ts). Four connections: announces, commands, the blocking read.
 */
export function controlServerBus(url: string, services: Services, scheduler: Scheduler, refreshAt: LocalTimeOfDay, options: ControlServerOptions = {}): ControlServerBus {
  const onBus = publishOnBus(url, services, scheduler, refreshAt, { prefix: options.prefix, checkMs: options.checkMs });
  const open = () => {
    const redis = new Redis(url, { maxRetriesPerRequest: null });
    // The announcing connection logs Redis going and coming (control.ts); these stay quiet.
    redis.on('error', () => undefined);
    return redis;
  };
  const commands = open();
  const reader = open();
  const directory = new ScreenDirectory(commands, services, { prefix: options.prefix, checkMs: options.checkMs });
  const presence = new Presence(commands, { prefix: options.prefix });
  // A screen paired or created is written to the directory at once (within the turn), and its
  // audience announced, so its player is served by whichever gateway it reaches.
  const unInserted = services.screens.onInserted((id) => directory.touch(id));
  const unAdded = directory.onAdded(() => void onBus.bus.announce().catch((err) => console.warn(`bus: announcing failed: ${String(err)}`)));
  let commits: ControlCommits | null = null;
  let hub: ControlHub | null = null;
  const hubBus: ControlHubBus = { redis: commands, presence, directory, prefix: options.prefix, presenceMs: options.presenceMs };
  return {
    onBus,
    hubBus,
    async attach(attached) {
      hub = attached;
      commits = new ControlCommits(
        { reader, commands },
        inboundCommitter(services, (screenId, result) => hub?.commandResult(screenId, result)),
        { prefix: options.prefix, blockMs: options.blockMs },
      );
      hub.startPresence();
      await Promise.all([
        directory.start().catch((err) => console.warn(`bus: writing the screen directory failed: ${String(err)}`)),
        commits.start(),
      ]);
    },
    async stop() {
      unInserted();
      unAdded();
      hub?.stopPresence();
      directory.stop();
      onBus.stop();
      reader.disconnect();
      await commits?.stop();
      commands.disconnect();
    },
  };
}
