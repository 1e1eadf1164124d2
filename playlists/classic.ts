import './zod-config.ts';
import { z } from 'zod';
import type * as zm from 'zod/mini';
import * as m from './player.ts';
// Not re-exported by player.ts: the player loads it with its first patch (patching.ts), not at boot.
import * as patchSchemas from './manifest-patch.ts';
import * as w from './wards.ts';

/**
 * The schemas a screen and the server share are written once, with `zod/mini` (a player boots
 * on a small budget, and mini's functions tree-shake where classic zod's methods cannot). The
 * server's HTTP API builds on them with classic zod — `.extend()`, `.openapi()`, and the
 * OpenAPI document that @hono/zod-openapi generates — so `classic()` makes the classic twin of
 * a mini schema from the same definition: same checks, defaults and messages, nothing written
 * twice. `classic.test.ts` holds each twin to its original on the same fixtures.
 */

/**
 * The classic type of a mini schema: an object stays an object (`.extend`, `.shape`, `.pick`);
 * anything else keeps its input, output and optionality behind classic zod's methods.
 */
export type Classic<T> =
  T extends zm.ZodMiniObject<infer Shape, infer Config>
    ? z.ZodObject<{ -readonly [K in keyof Shape]: Classic<Shape[K]> }, Config>
    : T extends { _zod: infer Internals extends z.core.$ZodTypeInternals }
      ? z.ZodType<Internals['output'], Internals['input'], Internals>
      : never;

type Def = Record<string, unknown>;
type Constructor = new (def: Def) => z.ZodType;

/**
 * Mini's classes by name (ZodMiniString…) and their classic twins. A table, not a lookup on the
 * `z` namespace: that would keep all of zod in every bundle that imports this file. A schema of
 * a class not listed here fails loudly (classic.test.ts converts every shared schema).
 */
const classes: Record<string, Constructor> = {
  ZodMiniArray: z.ZodArray,
  ZodMiniBoolean: z.ZodBoolean,
  ZodMiniCatch: z.ZodCatch,
  ZodMiniDefault: z.ZodDefault,
  ZodMiniDiscriminatedUnion: z.ZodDiscriminatedUnion,
  ZodMiniEnum: z.ZodEnum,
  ZodMiniISODate: z.ZodISODate,
  ZodMiniISODateTime: z.ZodISODateTime,
  ZodMiniLiteral: z.ZodLiteral,
  ZodMiniNever: z.ZodNever,
  ZodMiniNullable: z.ZodNullable,
  ZodMiniNumber: z.ZodNumber,
  ZodMiniNumberFormat: z.ZodNumberFormat,
  ZodMiniObject: z.ZodObject,
  ZodMiniOptional: z.ZodOptional,
  ZodMiniPipe: z.ZodPipe,
  ZodMiniRecord: z.ZodRecord,
  ZodMiniString: z.ZodString,
  ZodMiniTransform: z.ZodTransform,
  ZodMiniUnion: z.ZodUnion,
  ZodMiniUnknown: z.ZodUnknown,
} as unknown as Record<string, Constructor>;
const made = new WeakMap<z.core.$ZodType, z.ZodType>();
/** Definition fields that hold one schema, and those that hold a list of them. */
const ONE = ['innerType', 'element', 'in', 'out', 'keyType', 'valueType', 'left', 'right', 'catchall', 'rest'];
const MANY = ['options', 'items'];

/** The classic twin of `schema` (made once per schema, so shared parts stay shared). */
export function classic<T extends z.core.$ZodType>(schema: T): Classic<T> {
  const known = made.get(schema);
  if (known) return known as Classic<T>;
  const name = (schema._zod as unknown as { constr: { name: string } }).constr.name;
  const Class = classes[name];
  if (!Class) throw new Error(`classic(): no classic zod schema for ${name}`);
  // Descriptors, not a spread: a default's value is a getter that hands out a fresh copy per parse.
  const def = Object.defineProperties({}, Object.getOwnPropertyDescriptors(schema._zod.def)) as Def;
  if (def.type === 'lazy') throw new Error('classic(): lazy schemas are not supported');
  if (def.type === 'object') {
    const shape = (schema._zod.def as unknown as { shape: Record<string, z.core.$ZodType> }).shape;
    const converted = Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, classic(value)]));
    Object.defineProperty(def, 'shape', { value: converted, enumerable: true, configurable: true, writable: true });
  }
  for (const key of ONE) if (def[key]) def[key] = classic(def[key] as z.core.$ZodType);
  for (const key of MANY) if (Array.isArray(def[key])) def[key] = (def[key] as z.core.$ZodType[]).map((s) => classic(s));
  const twin = new Class(def);
  made.set(schema, twin);
  return twin as Classic<T>;
}

// The classic twins of the shared schemas, under the same names, for the server and the admin
// page (`playlists/index.ts` exports these). The player imports `player.ts`: mini only.
export * from './player.ts';
export * from './wards.ts';

// time.ts
export const Instant = classic(m.Instant);
export const LocalDate = classic(m.LocalDate);
export const LocalTime = classic(m.LocalTime);

// media.ts
export const MediaId = classic(m.MediaId);
export type MediaId = m.MediaId;
export const MediaType = classic(m.MediaType);
export type MediaType = m.MediaType;
export const MediaFile = classic(m.MediaFile);
export type MediaFile = m.MediaFile;
export const MediaInfo = classic(m.MediaInfo);
export type MediaInfo = m.MediaInfo;

// content.ts
export const Id = classic(m.Id);
export const Theme = classic(m.Theme);
export const text = (max: number) => classic(m.text(max));
export const optionalText = (max: number) => classic(m.optionalText(max));
export const SloganFields = classic(m.SloganFields);
export const CountdownFields = classic(m.CountdownFields);
export const HttpUrl = classic(m.HttpUrl);
export const NoticeFields = classic(m.NoticeFields);
export const ClockFields = classic(m.ClockFields);
export const StoryFields = classic(m.StoryFields);
export const ImageFields = classic(m.ImageFields);
export const VideoFields = classic(m.VideoFields);
export const TickerFields = classic(m.TickerFields);
export const ContentFields = classic(m.ContentFields);
export type ContentFields = m.ContentFields;
export const ContentItem = classic(m.ContentItem);
export type ContentItem = m.ContentItem;
export const PublishedItem = classic(m.PublishedItem);
export type PublishedItem = m.PublishedItem;

// playlist.ts
export const PlaylistFields = classic(m.PlaylistFields);
export type PlaylistFields = m.PlaylistFields;
export const Playlist = classic(m.Playlist);
export type Playlist = m.Playlist;

// manifest.ts
export const ManifestBody = classic(m.ManifestBody);
export type ManifestBody = m.ManifestBody;
export const Manifest = classic(m.Manifest);
export type Manifest = m.Manifest;
export const ManifestPatch = classic(patchSchemas.ManifestPatch);
export type ManifestPatch = patchSchemas.ManifestPatch;

// schedule.ts
export const ScheduleTier = classic(m.ScheduleTier);
export type ScheduleTier = m.ScheduleTier;
export const Zone = classic(m.Zone);
export type Zone = m.Zone;
export const Target = classic(m.Target);
export type Target = m.Target;
export const DailyWindow = classic(m.DailyWindow);
export type DailyWindow = m.DailyWindow;
export const TimeRule = classic(m.TimeRule);
export type TimeRule = m.TimeRule;
export const ScheduleFields = classic(m.ScheduleFields);
export type ScheduleFields = m.ScheduleFields;
export const Schedule = classic(m.Schedule);
export type Schedule = m.Schedule;
export const WardShare = classic(m.WardShare);
export type WardShare = m.WardShare;
export const WardShareSetting = classic(m.WardShareSetting);
export type WardShareSetting = m.WardShareSetting;

// screen.ts
export const LocationKind = classic(m.LocationKind);
export const Canvas = classic(m.Canvas);
export type Canvas = m.Canvas;
export const TickerStrip = classic(m.TickerStrip);
export type TickerStrip = m.TickerStrip;
export const ScreenTheme = classic(m.ScreenTheme);
export type ScreenTheme = m.ScreenTheme;
export const ScreenSettings = classic(m.ScreenSettings);
export type ScreenSettings = m.ScreenSettings;
export const ScreenLayout = classic(m.ScreenLayout);
export type ScreenLayout = m.ScreenLayout;

// operating-hours.ts
export const IsoWeekday = classic(m.IsoWeekday);
export const HoursWindow = classic(m.HoursWindow);
export type HoursWindow = m.HoursWindow;
export const OutsideHours = classic(m.OutsideHours);
export type OutsideHours = m.OutsideHours;
export const OperatingHours = classic(m.OperatingHours);
export type OperatingHours = m.OperatingHours;
export const DailyReloadAt = classic(m.DailyReloadAt);
export const ScreenHours = classic(m.ScreenHours);
export type ScreenHours = m.ScreenHours;

// protocol.ts
export const PlayEvent = classic(m.PlayEvent);
export type PlayEvent = m.PlayEvent;
export const MediaProgress = classic(m.MediaProgress);
export type MediaProgress = m.MediaProgress;
export const DeviceReport = classic(m.DeviceReport);
export type DeviceReport = m.DeviceReport;
export const Hello = classic(m.Hello);
export const ClientMessage = classic(m.ClientMessage);
export type ClientMessage = m.ClientMessage;
export const CommandAction = classic(m.CommandAction);
export type CommandAction = m.CommandAction;
export const ServerMessage = classic(m.ServerMessage);
export type ServerMessage = m.ServerMessage;

// pairing.ts
export const PairingCode = classic(m.PairingCode);
export const PairingRequest = classic(m.PairingRequest);
export type PairingRequest = m.PairingRequest;
export const PairingStarted = classic(m.PairingStarted);
export type PairingStarted = m.PairingStarted;
export const PairingState = classic(m.PairingState);
export type PairingState = m.PairingState;

// wards.ts
export const WardKind = classic(w.WardKind);
export type WardKind = w.WardKind;
export const WardCode = classic(w.WardCode);
