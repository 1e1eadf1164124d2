import { toLocalIsoMs, type Manifest } from '../../playlists/index.ts';
import type { GatewayBus } from '../bus/gateway-bus.ts';
import { RECEIPTS_PER_ENTRY } from '../bus/messages.ts';
import type { Clock } from '../clock.ts';
import type { HubDeps } from '../hub/hub.ts';
import type { PlayerWrites } from '../hub/hub-writes.ts';
import type { BuiltManifest, ManifestView } from '../publishing/manifests.ts';
import type { GatewayDirectory } from './directory.ts';

/** How long emergency receipts gather before they go to control in one entry (ms). */
const RECEIPTS_GATHER_MS = 20;

type Receipt = { screenId: string; scheduleId: string; shownAt: number; receivedAt: number };

/** The audience of a screen the published state does not name yet (paired a moment ago). */
const UNKNOWN_AUDIENCE = '';

/**
 * Stands for a manifest the gateway cannot read (a frame that is not a `manifest` frame): its
 * format matches none, so no patch is made from or to it (diffManifest) and screens get the frame.
 */
const UNREADABLE = { format: Number.NaN } as unknown as Manifest;

/**
 * The frames of the published state as the hub's fan-out takes them (BuiltManifest), one object
 * per frame, so the fan-out's patches (server/hub/deltas.ts, PROTOCOL.md [P4]) work here as on the
 * embedded hub: each (base, version) diffed and serialised once per gateway. The manifest is
 * read from control's frame — the very bytes screens got — only when a patch needs it.
 */
function builtManifests() {
  const built = new WeakMap<Buffer, BuiltManifest>();
  return (version: string, frame: Buffer): BuiltManifest => {
    let known = built.get(frame);
    if (!known) {
      let manifest: Manifest | undefined;
      known = {
        version,
        frame,
        get manifest() {
          return (manifest ??= manifestIn(frame, version));
        },
      };
      built.set(frame, known);
    }
    return known;
  };
}

function manifestIn(frame: Buffer, version: string): Manifest {
  try {
    const manifest = (JSON.parse(frame.toString()) as { manifest?: Manifest }).manifest;
    if (manifest && typeof manifest === 'object' && manifest.version === version) return manifest;
  } catch {
    // not JSON: below
  }
  console.warn(`gateway: the frame of version ${version} holds no manifest; screens get it whole`);
  return UNREADABLE;
}

/**
 * The embedded hub's dependencies, over the bus: the same Hub class serves screens on a gateway
 * (one protocol implementation), but reads screens from the directory control published, takes
 * manifests from the published state (the exact frame bytes control built; a screen that
 * acknowledged the last version it was sent gets a patch made here, as on the embedded hub), and
 * hands plays, receipts and sightings to control's stream. Checks on plays run on control, where the
 * database is (control-inbound.ts); `playsAck` goes out only once control committed them.
 */
export function gatewayHubDeps(clock: Clock, bus: GatewayBus, directory: GatewayDirectory): HubDeps {
  const builtOf = builtManifests();
  const view: ManifestView = {
    audienceOf: (screen) => bus.manifestFor(screen.id)?.audience ?? UNKNOWN_AUDIENCE,
    forAudience: (audience) => {
      const known = audience === UNKNOWN_AUDIENCE ? null : bus.manifestOf(audience);
      // Not announced yet: the screen keeps what it plays; the push after the announce sends it.
      if (!known) return { version: '', frame: Buffer.from(JSON.stringify({ type: 'time', serverTime: toLocalIsoMs(clock.now()) })), manifest: UNREADABLE };
      return builtOf(known.version, known.frame);
    },
  };
  // Emergency receipts go to control gathered for a moment: after an emergency every screen
  // sends `shown` at once, and one stream entry each held the gateway's loop for seconds at 10,000.
  const receipts: Receipt[] = [];
  let gathering: ReturnType<typeof setTimeout> | null = null;
  const sendReceipts = () => {
    if (gathering) clearTimeout(gathering);
    gathering = null;
    for (let i = 0; i < receipts.length; i += RECEIPTS_PER_ENTRY) {
      const chunk = receipts.slice(i, i + RECEIPTS_PER_ENTRY);
      bus.send(chunk[0]!.screenId, 'receipts', { receipts: chunk });
    }
    receipts.length = 0;
  };
  const writes: PlayerWrites = {
    plays(batch, ack, failed = () => {}) {
      bus.commit(batch.screenId, 'plays', { events: batch.events, receivedAt: batch.receivedAt }).then(
        (committed) => (committed ? ack() : failed()),
        () => failed(),
      );
    },
    receipt({ scheduleId, screenId, shownAt, receivedAt }) {
      receipts.push({ screenId, scheduleId, shownAt, receivedAt });
      gathering ??= setTimeout(sendReceipts, RECEIPTS_GATHER_MS);
    },
    flush: sendReceipts,
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
