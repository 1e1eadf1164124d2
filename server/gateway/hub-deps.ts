import { toLocalIsoMs } from '../../playlists/index.ts';
import type { GatewayBus } from '../bus/gateway-bus.ts';
import type { Clock } from '../clock.ts';
import type { HubDeps } from '../hub/hub.ts';
import type { PlayerWrites } from '../hub/hub-writes.ts';
import type { BuiltManifest, ManifestView } from '../publishing/manifests.ts';
import type { GatewayDirectory } from './directory.ts';

/** The audience of a screen the published state does not name yet (paired a moment ago). */
const UNKNOWN_AUDIENCE = '';

/**
 * The embedded hub's dependencies, over the bus: the same Hub class serves screens on a gateway
 * (one protocol implementation), but reads screens from the directory control published, takes
 * manifests from the published state (the exact frame bytes control built), and hands plays,
 * receipts and sightings to control's stream. Checks on plays run on control, where the
 * database is (control-inbound.ts); `playsAck` goes out only once control committed them.
 */
export function gatewayHubDeps(clock: Clock, bus: GatewayBus, directory: GatewayDirectory): HubDeps {
  const view: ManifestView = {
    audienceOf: (screen) => bus.manifestFor(screen.id)?.audience ?? UNKNOWN_AUDIENCE,
    forAudience: (audience) => {
      const known = audience === UNKNOWN_AUDIENCE ? null : bus.manifestOf(audience);
      // Not announced yet: the screen keeps what it plays; the push after the announce sends it.
      // `manifest` is control's: a gateway only ever sends the frame.
      if (!known) return { version: '', frame: Buffer.from(JSON.stringify({ type: 'time', serverTime: toLocalIsoMs(clock.now()) })) } as unknown as BuiltManifest;
      return { version: known.version, frame: known.frame } as unknown as BuiltManifest;
    },
  };
  const writes: PlayerWrites = {
    plays(batch, ack, failed = () => {}) {
      bus.commit(batch.screenId, 'plays', { events: batch.events, receivedAt: batch.receivedAt }).then(
        (committed) => (committed ? ack() : failed()),
        () => failed(),
      );
    },
    receipt({ scheduleId, screenId, shownAt, receivedAt }) {
      bus.send(screenId, 'shown', { scheduleId, shownAt, receivedAt });
    },
    flush() {},
  };
  const onControl = () => {
    throw new Error('gateway: written on control, through the bus');
  };
  return {
    clock,
    screens: {
      byTokenHash: (hash) => directory.byTokenHash(hash),
      get: (id) => directory.get(id),
      recordSightings: (sightings) => {
        if (sightings.length) bus.send(sightings[0]!.id, 'sightings', { sightings });
      },
    },
    plays: { insertBatches: onControl },
    receipts: { recordMany: onControl },
    manifests: { view: () => view },
    // Every check needs the database: control runs them (control-inbound.ts).
    playGuard: {
      admit: () => true,
      check: (_screen, events) => [...events],
      forgetEnds: () => {},
      tally: () => undefined,
      refuseOversized: (screenId, count) => console.warn(`plays refused: screen ${screenId}: oversized ${count}`),
    },
    storage: {
      background(task, run) {
        try {
          run();
          return true;
        } catch (err) {
          console.warn(`${task} failed: ${String(err)}`);
          return false;
        }
      },
    },
    writes,
  };
}
