import './zod-config.ts';
import * as z from 'zod/mini';
import { Id, text } from './content.ts';
import { LocationKind } from './screen.ts';
import { DAY_MS, Instant, LocalDate, LocalTime, UTC_OFFSET_MS } from './time.ts';
import { WardCode } from './wards.ts';

/**
 * A schedule puts a playlist on a target during a time rule at a tier (playlists/SCHEDULE.md).
 * Schedules are drafts like content and playlists; screens get the published ones inside
 * their manifest.
 */

/** normal < priority < emergency: the three priorities of Circular 39/2020 for grassroots bulletins. */
export const SCHEDULE_TIERS = ['normal', 'priority', 'emergency'] as const;
export const ScheduleTier = /* @__PURE__ */ z.enum(SCHEDULE_TIERS);
export type ScheduleTier = z.infer<typeof ScheduleTier>;

export const Zone = /* @__PURE__ */ z.enum(['main', 'ticker']);
export type Zone = z.infer<typeof Zone>;

const MAX_TARGET = 200;

/**
 * Which screens a schedule reaches ([S12]). Wards are named by their official code and match a
 * screen's `wardCode`. `all` reaches every screen. Otherwise a screen matches when it is named
 * in `screenIds`, OR when it passes every filter that is not empty among `wards`,
 * `locationKinds` and `tags` (any value within one filter; all filters together). So
 * "these two wards, and only parks" is `{ wards: [a, b], locationKinds: ['park'] }`.
 */
export const Target = /* @__PURE__ */ z
  .strictObject({
    all: z._default(z.boolean(), false),
    wards: z._default(z.array(WardCode).check(z.maxLength(MAX_TARGET)), []),
    locationKinds: z._default(z.array(LocationKind).check(z.maxLength(20)), []),
    tags: z._default(z.array(text(40)).check(z.maxLength(MAX_TARGET)), []),
    screenIds: z._default(z.array(Id).check(z.maxLength(MAX_TARGET)), []),
  })
  .check(
    z.superRefine((t, ctx) => {
      const filtered = t.wards.length + t.locationKinds.length + t.tags.length + t.screenIds.length > 0;
      if (t.all && filtered) ctx.addIssue({ code: 'custom', path: ['all'], message: 'all screens cannot be combined with filters' });
      if (!t.all && !filtered) ctx.addIssue({ code: 'custom', path: ['all'], message: 'the target names no screens' });
    }),
  );
export type Target = z.infer<typeof Target>;

/** A daily window, local time. `end` at or before `start` crosses midnight into the next day. */
export const DailyWindow = /* @__PURE__ */ z
  .strictObject({ start: LocalTime, end: LocalTime })
  .check(z.refine((w) => w.start !== w.end, { path: ['end'], message: 'a window cannot be empty (for all day, give no window)' }));
export type DailyWindow = z.infer<typeof DailyWindow>;

/**
 * When a schedule is active, in Asia/Ho_Chi_Minh. Dates: `startDate` inclusive, `endDate`
 * exclusive (null: open-ended). A window that crosses midnight belongs to the date and weekday
 * on which it starts. No windows: the whole day. `startsAt`/`endsAt` clip the rule to exact
 * instants (an emergency sent now with an end time).
 */
export const TimeRule = /* @__PURE__ */ z
  .strictObject({
    startDate: LocalDate,
    endDate: z._default(z.nullable(LocalDate), null),
    /** 0 = Sunday … 6 = Saturday; days the rule runs on. */
    weekdays: z._default(z.array(z.int().check(z.minimum(0), z.maximum(6))).check(z.minLength(1), z.maxLength(7)), [0, 1, 2, 3, 4, 5, 6]),
    windows: z._default(z.array(DailyWindow).check(z.maxLength(12)), []),
    startsAt: z.optional(Instant),
    endsAt: z.optional(Instant),
  })
  .check(z.superRefine((r, ctx) => {
    if (r.endDate !== null && r.endDate <= r.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'endDate must be after startDate (it is exclusive)' });
    }
    if (new Set(r.weekdays).size !== r.weekdays.length) ctx.addIssue({ code: 'custom', path: ['weekdays'], message: 'a weekday is listed twice' });
    if (r.startsAt && r.endsAt && Date.parse(r.startsAt) >= Date.parse(r.endsAt)) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'endsAt must be after startsAt' });
    }
    const spans = r.windows.map(windowMinutes);
    for (let i = 0; i < spans.length; i++) {
      for (let j = i + 1; j < spans.length; j++) {
        if (circularOverlap(spans[i]!, spans[j]!)) {
          ctx.addIssue({ code: 'custom', path: ['windows', j], message: `overlaps window ${i + 1}` });
        }
      }
    }
  }));
export type TimeRule = z.infer<typeof TimeRule>;

const scheduleShape = {
  name: text(120),
  playlistId: Id,
  tier: z._default(ScheduleTier, 'normal'),
  zone: z._default(Zone, 'main'),
  target: Target,
  time: TimeRule,
  /** The ward code of a ward's own local message: normal tier, that ward's screens only, within its share. */
  ownerWard: z._default(z.nullable(WardCode), null),
  /**
   * The event a broadcast alert names (a CAP alert's `event`), shown after KHẨN CẤP. A schedule
   * with one is an alert: a restore keeps it as it is now, as it does emergencies.
   */
  event: z.optional(text(80)),
};

function checkSchedule(s: z.infer<z.ZodMiniObject<typeof scheduleShape>>, ctx: z.core.$RefinementCtx): void {
  if (s.tier === 'emergency' && s.zone !== 'main') {
    ctx.addIssue({ code: 'custom', path: ['zone'], message: 'an emergency takes the main zone' });
  }
  if (s.event !== undefined && (s.tier === 'normal' || s.ownerWard !== null)) {
    ctx.addIssue({ code: 'custom', path: ['event'], message: 'only a city emergency or priority alert names an event' });
  }
  if (s.ownerWard !== null) {
    if (s.tier !== 'normal') ctx.addIssue({ code: 'custom', path: ['tier'], message: 'a ward schedule is normal tier' });
    const other = s.target.wards.findIndex((w) => w !== s.ownerWard);
    if (other !== -1) ctx.addIssue({ code: 'custom', path: ['target', 'wards', other], message: 'a ward schedule targets only its own ward' });
  }
}

/** What an operator writes. */
export const ScheduleFields = /* @__PURE__ */ z.strictObject(scheduleShape).check(z.superRefine(checkSchedule));
export type ScheduleFields = z.infer<typeof ScheduleFields>;
export type ScheduleInput = z.input<typeof ScheduleFields>;

/** A schedule as stored and published. */
export const Schedule = /* @__PURE__ */ z.strictObject({ id: Id, ...scheduleShape }).check(z.superRefine(checkSchedule));
export type Schedule = z.infer<typeof Schedule>;

/**
 * The ward share rule (S4): one local item after every `everyCityItems` city items, and the
 * ward's local items never take more than `maxPercent` of the airtime.
 */
export const WardShare = /* @__PURE__ */ z.strictObject({
  everyCityItems: z.int().check(z.minimum(1), z.maximum(50)),
  maxPercent: z.int().check(z.minimum(0), z.maximum(100)),
});
export type WardShare = z.infer<typeof WardShare>;
export const DEFAULT_WARD_SHARE: WardShare = { everyCityItems: 3, maxPercent: 30 };

/** The city's setting: a default share and optional per-ward caps, by ward code. */
export const WardShareSetting = /* @__PURE__ */ z.extend(WardShare, {
  wards: z._default(z.record(WardCode, z.int().check(z.minimum(0), z.maximum(100))), {}),
});
export type WardShareSetting = z.infer<typeof WardShareSetting>;

/** The share that applies to one ward's screens. */
export function wardShareFor(setting: WardShareSetting, ward: string | null): WardShare {
  const own = ward === null ? undefined : setting.wards[ward];
  return { everyCityItems: setting.everyCityItems, maxPercent: own ?? setting.maxPercent };
}

/** What targeting reads from a screen. */
export interface TargetScreen {
  id: string;
  wardCode?: string | null;
  locationKind: z.infer<typeof LocationKind>;
  tags: string[];
}

/** Whether a schedule reaches a screen (see `Target`); a ward schedule reaches only its ward. */
export function targets(schedule: Pick<Schedule, 'target' | 'ownerWard'>, screen: TargetScreen): boolean {
  const ward = screen.wardCode ?? null;
  if (schedule.ownerWard !== null && ward !== schedule.ownerWard) return false;
  const t = schedule.target;
  if (t.all || t.screenIds.includes(screen.id)) return true;
  if (!t.wards.length && !t.locationKinds.length && !t.tags.length) return false;
  if (t.wards.length && (ward === null || !t.wards.includes(ward))) return false;
  if (t.locationKinds.length && !t.locationKinds.includes(screen.locationKind)) return false;
  if (t.tags.length && !t.tags.some((tag) => screen.tags.includes(tag))) return false;
  return true;
}

/** A window as minutes after the local midnight of its date; `end` may pass 1440. */
export function windowMinutes(w: DailyWindow): [number, number] {
  const start = minutesOf(w.start);
  let end = minutesOf(w.end);
  if (end <= start) end += 1440;
  return [start, end];
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Two windows overlap on some day (a window crossing midnight meets the next day's windows). */
function circularOverlap([a0, a1]: [number, number], [b0, b1]: [number, number]): boolean {
  for (const shift of [-1440, 0, 1440]) {
    if (a0 < b1 + shift && b0 + shift < a1) return true;
  }
  return false;
}

/** Local calendar day number (days since 1970-01-01 in Hanoi) of a `YYYY-MM-DD` date. */
export function dayNumberOf(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** The local day number containing an instant. */
export function dayNumberAt(ms: number): number {
  return Math.floor((ms + UTC_OFFSET_MS) / DAY_MS);
}

/** The instant at which a local day number starts. */
export function dayStart(day: number): number {
  return day * DAY_MS - UTC_OFFSET_MS;
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Whether any part of the rule can fall inside [from, until). */
export function mayRunBetween(rule: TimeRule, from: number, until: number): boolean {
  // A window starting on the day before `from` may still run into it.
  if (rule.endDate !== null && dayStart(dayNumberOf(rule.endDate)) + DAY_MS <= from) return false;
  if (dayStart(dayNumberOf(rule.startDate)) >= until) return false;
  if (rule.endsAt && Date.parse(rule.endsAt) <= from) return false;
  if (rule.startsAt && Date.parse(rule.startsAt) >= until) return false;
  return true;
}
