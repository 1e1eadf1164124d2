import './zod-config.ts';
import * as z from 'zod/mini';
import { Id, Theme } from './content.ts';
import { Manifest } from './manifest.ts';
import { ScreenSettings } from './screen.ts';
import { Instant } from './time.ts';

/**
 * The player WebSocket protocol (`/ws/player`). Every frame is one JSON object with a `type`.
 * Both sides `safeParse` every frame; a frame that does not parse closes the socket with
 * `CloseCode.badFrame`. Rules on manifest delivery: PROTOCOL.md.
 *
 * Version 2 added manifest patches ([P4]–[P6]): `hello.patches`, `patch` and `resync`.
 */
export const PROTOCOL_VERSION = 2;
/** The server accepts the current and the previous version, so a player update never strands a screen. */
export const SUPPORTED_PROTOCOLS: readonly number[] = [PROTOCOL_VERSION, 1];

export const CloseCode = {
  /** The frame did not parse: reconnect with backoff. */
  badFrame: 4000,
  /** Unknown token: forget it, show pairing. */
  unknownToken: 4001,
  /** Protocol version not supported: reload the page (a newer player), then reconnect. */
  unsupportedProtocol: 4002,
  /** Token revoked: forget it, show pairing. */
  tokenRevoked: 4003,
  /** Replaced by a newer connection of the same screen: stop. */
  replaced: 4004,
  /**
   * The screen was retired (`DELETE /api/screens/{id}`): its token is dead for good. Forget it,
   * show pairing with a line saying the screen was retired; never reconnect with that token.
   */
  retired: 4005,
  /** Too slow to read (send buffer over its bound): reconnect with backoff. */
  tooSlow: 4008,
  /**
   * Play events refused: a batch over PLAYS_BATCH_MAX, or more events than the screen's rate
   * allows. Nothing of the batch was stored: keep the queue, reconnect after a long backoff.
   */
  playsRefused: 4009,
  /**
   * Try again later (RFC 6455 registry): the server is shedding load, e.g. too many handshakes
   * at once after a restart. Reconnect with backoff, no sooner than the player's floor for it.
   */
  tryAgainLater: 1013,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

const Version = /* @__PURE__ */ z.string().check(z.maxLength(64));

/** Events per `plays` message at most. */
export const PLAYS_BATCH_MAX = 500;

export const PlayEvent = /* @__PURE__ */ z.strictObject({
  id: z.string().check(z.regex(/^[A-Za-z0-9-]{8,64}$/)),
  /** The screen that showed it; the server stores only events of the screen the socket belongs to. */
  screenId: z.optional(Id),
  itemId: Id,
  itemRevision: z.int().check(z.minimum(1)),
  playlistId: z.nullable(Id),
  scheduleId: z.nullable(Id),
  tier: z.enum(['fallback', 'normal', 'priority', 'emergency']),
  theme: Theme,
  startedAt: Instant,
  durationMs: z.int().check(z.minimum(0), z.maximum(86_400_000)),
  completed: z.boolean(),
});
export type PlayEvent = z.infer<typeof PlayEvent>;

const Viewport = /* @__PURE__ */ z.strictObject({ width: z.int().check(z.minimum(0), z.maximum(20_000)), height: z.int().check(z.minimum(0), z.maximum(20_000)) });
const Bytes = /* @__PURE__ */ z.number().check(z.minimum(0), z.maximum(2 ** 53));

/** Why a medium could not be cached: missing on the server, another HTTP error, bytes that do not match their sha256, no network, no room. */
export const MEDIA_ERRORS = ['not_found', 'http', 'hash_mismatch', 'network', 'storage'] as const;

/**
 * A player's media download: the manifest it is preparing (null once the applied one is
 * complete), files and bytes done of those needed, and the last failure until a retry succeeds.
 * While `version` is set the old manifest stays on air.
 */
export const MediaProgress = /* @__PURE__ */ z.strictObject({
  version: z.nullable(Version),
  files: z.int().check(z.minimum(0)),
  filesDone: z.int().check(z.minimum(0)),
  bytes: Bytes,
  bytesDone: Bytes,
  error: z.nullable(z.strictObject({ reason: z.enum(MEDIA_ERRORS), url: z.string().check(z.maxLength(200)), status: z.nullable(z.int().check(z.minimum(0), z.maximum(999))) })),
});
export type MediaProgress = z.infer<typeof MediaProgress>;

/** What a player can tell about its box, for the fleet dashboard; in `hello` and every heartbeat. */
export const DeviceReport = /* @__PURE__ */ z.strictObject({
  /** Without a secure context there is no service worker, so no offline cache (DESIGN.md). */
  secureContext: z.boolean(),
  /** Bytes in the player's own offline cache; null where it cannot have one. */
  cacheBytes: z.nullable(Bytes),
  /** What this origin stores and may store (`navigator.storage.estimate`), where exposed. */
  storage: z.nullable(z.strictObject({ usageBytes: Bytes, quotaBytes: Bytes })),
  /** The JS heap (`performance.memory`), where exposed. */
  memory: z.nullable(z.strictObject({ usedBytes: Bytes, limitBytes: Bytes })),
  /** Proof-of-play events waiting for the server, and those dropped because the queue was full. */
  plays: z.strictObject({ queued: z.int().check(z.minimum(0)), dropped: z.int().check(z.minimum(0)) }),
  /**
   * Whether the player can play from its own cache with no network: a secure context with a
   * service worker, Cache Storage and `crypto.subtle`. Optional: players before it left it out.
   */
  offlineCache: z.optional(z.boolean()),
  /** Media download for the manifest on its way in, and the last failure (DESIGN.md: heartbeat). */
  media: z.optional(z.nullable(MediaProgress)),
});
export type DeviceReport = z.infer<typeof DeviceReport>;

export const Hello = /* @__PURE__ */ z.strictObject({
  type: z.literal('hello'),
  protocol: z.int(),
  token: z.string().check(z.minLength(1), z.maxLength(200)),
  manifestVersion: z.nullable(Version),
  playerVersion: z.string().check(z.maxLength(40)),
  viewport: Viewport,
  device: z.optional(DeviceReport),
  /** The player can apply and check manifest patches (PROTOCOL.md [P4]); protocol 2 and later. */
  patches: z.optional(z.boolean()),
});

export const ClientMessage = /* @__PURE__ */ z.discriminatedUnion('type', [
  Hello,
  z.strictObject({ type: z.literal('ack'), version: Version }),
  z.strictObject({
    type: z.literal('heartbeat'),
    playing: z.nullable(z.strictObject({ itemId: Id, since: Instant })),
    manifestVersion: z.nullable(Version),
    uptimeMs: z.int().check(z.minimum(0)),
    viewport: z.optional(Viewport),
    device: z.optional(DeviceReport),
    /** Within its operating hours now (player-side, on corrected time). Optional: older players leave it out. */
    open: z.optional(z.boolean()),
  }),
  z.strictObject({ type: z.literal('plays'), events: z.array(PlayEvent).check(z.minLength(1), z.maxLength(PLAYS_BATCH_MAX)) }),
  /** The receipt of an emergency: when it first appeared on this screen (SCHEDULE.md [S1]). */
  z.strictObject({ type: z.literal('shown'), scheduleId: Id, at: Instant }),
  /** The answer to a `command`: done, or why not. */
  z.strictObject({ type: z.literal('commandResult'), id: Id, ok: z.boolean(), error: z.optional(z.string().check(z.maxLength(200))) }),
  /** A patch did not apply or its result did not hash to its version: send the whole manifest ([P5]). */
  z.strictObject({ type: z.literal('resync'), version: z.nullable(Version) }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/**
 * Remote actions an operator sends a screen: `reload` the page, `identify` (its name full-screen
 * for a few seconds), `clear_cache` (drop what it stored and fetch the manifest again).
 */
export const COMMAND_ACTIONS = ['reload', 'identify', 'clear_cache'] as const;
export const CommandAction = /* @__PURE__ */ z.enum(COMMAND_ACTIONS);
export type CommandAction = z.infer<typeof CommandAction>;

export const ServerMessage = /* @__PURE__ */ z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), protocol: z.int(), serverTime: Instant, heartbeatMs: z.int() }),
  z.object({ type: z.literal('screen'), screen: ScreenSettings }),
  z.object({ type: z.literal('manifest'), manifest: Manifest }),
  /**
   * The manifest as a patch from the version the screen acknowledged ([P4]). The patch itself
   * is checked against `ManifestPatch` where it is applied (patching.ts `patchedManifest`),
   * which a player loads with its first patch rather than at boot ([P5]).
   */
  z.object({ type: z.literal('patch'), patch: z.unknown() }),
  z.object({ type: z.literal('unchanged'), version: Version }),
  z.object({ type: z.literal('time'), serverTime: Instant }),
  /** Ids the server is done with, stored or refused: the player drops them from its queue. */
  z.object({ type: z.literal('playsAck'), ids: z.array(z.string()) }),
  z.object({ type: z.literal('command'), id: Id, action: CommandAction }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Parses one text frame; null when it is not JSON or not a valid message. Takes any zod schema (mini or classic). */
export function parseFrame<T extends z.core.$ZodType>(schema: T, data: unknown): z.infer<T> | null {
  if (typeof data !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const result = z.safeParse(schema, json);
  return result.success ? result.data : null;
}
