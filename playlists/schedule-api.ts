import './zod-config.ts';
import { z } from 'zod';
import { Id, Instant, LocalDate, LocationKind, MediaId, Schedule, ScheduleTier, text, WardCode, WardShareSetting } from './classic.ts';
import { DraftState, ScreenStatus } from './api.ts';
import { RULE_REFS, type RuleCode } from './rotation.ts';
import { TIMELINE_FLAGS } from './timeline.ts';

/** Schedules, the timeline and emergencies as the API carries them. */

export const ScheduleEntry = z.object({ schedule: Schedule, state: DraftState, updatedAt: Instant });
export type ScheduleEntry = z.infer<typeof ScheduleEntry>;
export const ScheduleList = z.object({ schedules: z.array(ScheduleEntry), wardShare: WardShareSetting });
export type ScheduleList = z.infer<typeof ScheduleList>;

export const TierOrFallback = z.enum(['fallback', 'normal', 'priority', 'emergency']);
export const RuleCodeSchema = z.enum(Object.keys(RULE_REFS) as [RuleCode, ...RuleCode[]]);

export const TimelineReason = z.object({
  tier: TierOrFallback,
  scheduleId: Id.nullable(),
  rule: RuleCodeSchema,
  /** The SCHEDULE.md rule the code cites, e.g. `S2`. */
  ruleRef: z.string(),
  /** While the fallback plays ([S7]): the screen's own playlist, or the city default. */
  fallback: z.enum(['screen', 'city_default']).optional(),
});
export type TimelineReason = z.infer<typeof TimelineReason>;

export const TimelineHour = z.object({
  start: Instant,
  end: Instant,
  first: z.object({ itemId: Id.nullable(), since: Instant, reason: TimelineReason }),
  plays: z.array(
    z.object({ tier: TierOrFallback, scheduleId: Id.nullable(), playlistId: Id.nullable(), rule: RuleCodeSchema, ruleRef: z.string(), airtimeMs: z.int() }),
  ),
  flags: z.array(z.enum(TIMELINE_FLAGS)),
});
export type TimelineHour = z.infer<typeof TimelineHour>;

/** Names for what the timeline refers to by id. */
const Labels = {
  schedules: z.array(z.object({ id: Id, name: z.string(), tier: ScheduleTier, playlistId: Id, ownerWard: WardCode.nullable() })),
  playlists: z.array(z.object({ id: Id, name: z.string() })),
  items: z.array(z.object({ id: Id, label: z.string() })),
};

/**
 * Which fallback playlist plays when no schedule does ([S7]): the screen's own, or the city
 * default — also when the screen names one that is not published yet (`screenPlaylistId` set,
 * `source` city_default).
 */
export const FallbackChoice = z.object({
  source: z.enum(['screen', 'city_default']),
  playlistId: Id.nullable(),
  /** The screen's own setting, published or not; null: it has none. */
  screenPlaylistId: Id.nullable(),
});
export type FallbackChoice = z.infer<typeof FallbackChoice>;

export const TimelineScreen = z.object({ id: Id, name: z.string(), wardCode: WardCode.nullable(), locationKind: LocationKind });

export const Timeline = z.object({
  screen: TimelineScreen,
  date: LocalDate,
  days: z.int(),
  /** Which fallback plays when no schedule does, and why. */
  fallback: FallbackChoice,
  hours: z.array(TimelineHour),
  ...Labels,
});
export type Timeline = z.infer<typeof Timeline>;


/** `PUT /api/screens/{id}/fallback`: a playlist id, or null for the city default. */
export const ScreenFallbackInput = z.strictObject({ playlistId: Id.nullable() });
/** The screen as stored, and the fallback it plays from the published revision. */
export const ScreenFallbackResult = z.object({ screen: ScreenStatus, fallback: FallbackChoice });

/** Screens of a ward or a location kind that get the same manifest, and their one timeline. */
export const TimelineGroup = z.object({
  screens: z.array(TimelineScreen),
  fallback: FallbackChoice,
  hours: z.array(TimelineHour),
  ...Labels,
});
export type TimelineGroup = z.infer<typeof TimelineGroup>;

/** `GET /api/timeline?ward=…` or `?locationKind=…`: one timeline per group of alike screens. */
export const TimelineGroups = z.object({
  ward: WardCode.nullable(),
  locationKind: LocationKind.nullable(),
  date: LocalDate,
  days: z.int(),
  groups: z.array(TimelineGroup),
});
export type TimelineGroups = z.infer<typeof TimelineGroups>;

/** What a screen shows at one instant, and why. */
export const PlayingAt = z.object({
  screen: TimelineScreen,
  at: Instant,
  itemId: Id.nullable(),
  playlistId: Id.nullable(),
  since: Instant,
  until: Instant,
  next: z.object({ itemId: Id.nullable(), at: Instant }),
  reason: TimelineReason,
  ...Labels,
});
export type PlayingAt = z.infer<typeof PlayingAt>;

/** A city operator's emergency message: to all screens or chosen wards, until `endsAt` or cancel. */
export const EmergencyCreate = z.strictObject({
  text: text(160),
  endsAt: Instant.optional(),
  /** Empty: every screen. */
  wards: z.array(WardCode).max(200).default([]),
  /** An image of the media library shown beside or above the text, once loaded (never waited for). */
  imageMediaId: MediaId.optional(),
});
export type EmergencyCreate = z.infer<typeof EmergencyCreate>;

export const EmergencySent = z.object({ scheduleId: Id, revision: z.int().min(1) });

/** An emergency as published, with each targeted screen's receipt. */
export const EmergencyStatus = z.object({
  scheduleId: Id,
  text: z.string(),
  startsAt: Instant,
  endsAt: Instant.nullable(),
  /** Running now (started, not ended). */
  active: z.boolean(),
  wards: z.array(WardCode),
  imageMediaId: MediaId.nullable().default(null),
  screens: z.array(z.object({ id: Id, name: z.string(), connected: z.boolean(), shownAt: Instant.nullable() })),
});
export type EmergencyStatus = z.infer<typeof EmergencyStatus>;
export const EmergencyList = z.object({ emergencies: z.array(EmergencyStatus) });
