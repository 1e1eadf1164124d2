/**
 * What crosses the bus (README.md beside this file). Every entry and every channel message is
 * one JSON string with a `v` (BUS_VERSION) and a `type`, parsed with these schemas on arrival:
 * a malformed one is logged and skipped, never trusted and never fatal.
 */
import { z } from 'zod';
import { CommandAction, DeviceReport, PLAYS_BATCH_MAX, PlayEvent, ScreenSettings } from '../../playlists/index.ts';

export const BUS_VERSION = 1;

/** Emergency receipts per inbound `receipts` entry, at most. */
export const RECEIPTS_PER_ENTRY = 1_000;

/** Wall-clock ms with sub-ms resolution: announces are stamped with it (`at`), for the Redis hop's figure. */
export const wallNow = () => performance.timeOrigin + performance.now();

/** Redis key names, all under one prefix so several installations can share a Redis. */
export function busKeys(prefix = 'bangtin:') {
  return {
    /** Control → gateways: one entry per announced change of the published state. */
    announce: `${prefix}announce`,
    /** The full published state the latest announce entry left, and that entry's stream id. */
    snapshot: `${prefix}snapshot`,
    /** This Redis' lifetime: made by the first announce after Redis started empty. */
    epoch: `${prefix}epoch`,
    seq: `${prefix}seq`,
    /** A manifest frame (the exact bytes screens get), by its content-hash version. */
    manifest: (version: string) => `${prefix}manifest:${version}`,
    /** Gateways → control: what must be committed to SQLite (plays, receipts), read by a consumer group. */
    inbound: `${prefix}inbound`,
    /** Control → one gateway: which of its inbound entries are committed. */
    notices: (gateway: string) => `${prefix}notices:${gateway}`,
    /** Gateways alive, scored by when their presence expires. */
    gateways: `${prefix}gateways`,
    /** One gateway's screens: screen id → what it knows of the screen (LiveOnBus, JSON). */
    presence: (gateway: string) => `${prefix}presence:${gateway}`,
    /** Every screen as gateways serve it: screen id → DirectoryEntry (its token's hash, never the token). */
    directory: `${prefix}directory`,
    /** Control → every gateway: screens whose entry changed, remote commands (ControlMessage). */
    control: `${prefix}control`,
  };
}
export type BusKeys = ReturnType<typeof busKeys>;

const Version = z.string().min(1).max(128);
const Id = z.string().min(1).max(128);

/** Audience keys are up to this long (the published state's `audiences` and `screens`). */
const AUDIENCE_KEY_MAX = 4096;

/**
 * A string → string record checked by one loop rather than z.record: an emergency moves every
 * screen to another audience, so its announce (and the snapshot) names 20,000 screens, and
 * z.record parsed and copied each entry: ~40 ms a gateway for 20,000 screens on an idle
 * machine, 50–700 ms of its event loop at the bench's load (one loop here: ~8 ms idle).
 * The same bounds as the z.record it stands for.
 */
function stringRecord<V extends string | null>(keys: { min: number; max: number }, values: { min: number; max: number; nullable?: boolean }) {
  return z.custom<Record<string, V>>(
    (value) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      for (const key in value) {
        if (!Object.hasOwn(value, key) || key.length < keys.min || key.length > keys.max) return false;
        const v = (value as Record<string, unknown>)[key];
        if (v === null ? !values.nullable : typeof v !== 'string' || v.length < values.min || v.length > values.max) return false;
      }
      return true;
    },
    { message: `expected a record of keys of ${keys.min}–${keys.max} characters to strings of ${values.min}–${values.max}${values.nullable ? ' or null' : ''}` },
  );
}
/** Audience key → manifest version. */
const AudienceVersions = stringRecord<string>({ min: 0, max: AUDIENCE_KEY_MAX }, { min: 1, max: 128 });
/** Screen id → audience key (null in an announce: the screen is gone). */
const ScreenAudiences = stringRecord<string>({ min: 1, max: 128 }, { min: 0, max: AUDIENCE_KEY_MAX });
const ScreenMoves = stringRecord<string | null>({ min: 1, max: 128 }, { min: 0, max: AUDIENCE_KEY_MAX, nullable: true });

/** What gateways need to serve screens: each audience's manifest version, each screen's audience. */
export const PublishedState = z.object({
  revision: z.number().int().nonnegative(),
  audiences: AudienceVersions,
  screens: ScreenAudiences,
});
export type PublishedState = z.infer<typeof PublishedState>;

/** The snapshot's state field, as written beside each announce entry. */
export const Snapshot = PublishedState.extend({ v: z.literal(BUS_VERSION), epoch: Id, seq: z.number().int().positive() });
export type Snapshot = z.infer<typeof Snapshot>;

/**
 * An announce entry: what changed since entry `seq - 1` of the same epoch. A gateway applies it
 * only when it holds exactly that one; otherwise it reads the snapshot (resync, not trust).
 */
export const Announce = z.object({
  v: z.literal(BUS_VERSION),
  type: z.literal('published'),
  epoch: Id,
  seq: z.number().int().positive(),
  revision: z.number().int().nonnegative(),
  /** Audiences added or whose version changed. */
  audiences: AudienceVersions,
  /** Audiences no screen has any more. */
  gone: z.array(z.string().max(4096)),
  /** Screens added or moved (their audience), or removed (null). */
  screens: ScreenMoves,
  /** When control announced it (ms), for the latency figures. */
  at: z.number(),
});
export type Announce = z.infer<typeof Announce>;

/** Gateway → control: one thing to commit. `ref` lets the gateway match the notice. */
export const Inbound = z.object({
  v: z.literal(BUS_VERSION),
  gateway: Id,
  ref: Id,
  type: z.string().min(1).max(32),
  screenId: Id,
  body: z.unknown(),
});
export type Inbound = z.infer<typeof Inbound>;

/** Control → a gateway: these refs are committed (or refused for good, and will never be). */
export const Notice = z.object({
  v: z.literal(BUS_VERSION),
  type: z.literal('committed'),
  refs: z.array(Id),
  refused: z.array(Id).default([]),
});
export type Notice = z.infer<typeof Notice>;

/**
 * What a gateway needs to know of a screen: the hash of its token (a revoked or rotated token
 * no longer hashes to it), the settings it sends the player, and what its audience reads.
 */
export const DirectoryEntry = z.object({
  tokenHash: z.string().min(1).max(256),
  screen: ScreenSettings,
  wardCode: z.string().max(128).nullable(),
  fallbackPlaylistId: z.string().max(128).nullable(),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;

/** Control → gateways, on the `control` channel. */
export const ControlMessage = z.discriminatedUnion('type', [
  /**
   * These screens' entries changed (null: the screen is gone); the entries are in the message.
   * `retired`: those of the gone screens that were retired, whose players are closed with 4005
   * (CloseCode.retired) rather than as a revoked token (4003).
   */
  z.object({ v: z.literal(BUS_VERSION), type: z.literal('screens'), entries: z.record(Id, DirectoryEntry.nullable()), retired: z.array(Id).optional() }),
  /** A remote action for a screen; the gateway holding it sends it. */
  z.object({ v: z.literal(BUS_VERSION), type: z.literal('command'), screenId: Id, id: Id, action: CommandAction }),
]);
export type ControlMessage = z.infer<typeof ControlMessage>;

/** What a gateway tells of one of its screens in its presence (the fleet dashboard's live view). */
export const LiveOnBus = z.object({
  lastSeenAt: z.number(),
  connectedAt: z.number(),
  ackedVersion: z.string().max(128).nullable(),
  playerVersion: z.string().max(128).nullable(),
  viewport: z.object({ width: z.number(), height: z.number() }).nullable(),
  device: DeviceReport.nullable(),
  playing: z.object({ itemId: z.string(), since: z.string() }).nullable(),
  uptimeMs: z.number().nullable(),
});
export type LiveOnBus = z.infer<typeof LiveOnBus>;

/** The bodies of inbound entries, by type (commits.ts checks each against its type). */
export const InboundBodies = {
  plays: z.object({ events: z.array(PlayEvent).max(PLAYS_BATCH_MAX), receivedAt: z.number() }),
  shown: z.object({ scheduleId: Id, shownAt: z.number(), receivedAt: z.number() }),
  /** Emergency receipts of many screens gathered for a moment (20,000 `shown` at once after an emergency). */
  receipts: z.object({ receipts: z.array(z.object({ screenId: Id, scheduleId: Id, shownAt: z.number(), receivedAt: z.number() })).max(RECEIPTS_PER_ENTRY) }),
  sightings: z.object({ sightings: z.array(z.object({
    id: Id, lastSeenAt: z.number(), manifestVersion: z.string().max(128).nullable(), playerVersion: z.string().max(128).nullable(),
    viewport: z.object({ width: z.number(), height: z.number() }).nullable(), health: DeviceReport.nullable().optional(),
  })) }),
  commandResult: z.object({ type: z.literal('commandResult'), id: Id, ok: z.boolean(), error: z.string().max(200).optional() }),
};

/** Parses one bus JSON string; null (and a log line) for anything malformed. */
export function parseBus<T>(schema: z.ZodType<T>, raw: string | null | undefined, where: string): T | null {
  if (raw == null) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    console.warn(`bus: skipped a malformed ${where} (not JSON)`);
    return null;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    console.warn(`bus: skipped a malformed ${where}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return null;
  }
  return parsed.data;
}
