import { z } from 'zod';
import { HttpUrl, Id, text } from './content.ts';
import { Instant, LocalDate } from './time.ts';
import { WardCode } from './wards.ts';

/**
 * bangtin and the public systems around it (issue 17): CAP alerts taken in, the keys CAP
 * sources post with and the feed a job polls; the secret calendar feeds; web portals.
 */

const AlertTier = z.enum(['emergency', 'priority']);

/** What an alert did: put on air, changed or ended one, or listed only (`reason` says why). */
export const CapOutcomeKind = z.enum(['published', 'updated', 'ended', 'listed', 'duplicate']);

/** The answer to `POST /api/cap`. */
export const CapIngestResult = z.object({
  alertId: Id.nullable(),
  outcome: CapOutcomeKind,
  tier: AlertTier.nullable(),
  reason: z.string().nullable(),
  scheduleId: Id.nullable(),
  revision: z.int().nullable(),
});
export type CapIngestResult = z.infer<typeof CapIngestResult>;

/** A CAP alert taken in, for the admin page (Test and Exercise alerts are marked by `status`). */
export const CapAlertEntry = z.object({
  id: Id,
  sender: z.string(),
  identifier: z.string(),
  sent: z.string(),
  status: z.string(),
  msgType: z.string(),
  scope: z.string(),
  event: z.string().nullable(),
  headline: z.string().nullable(),
  tier: AlertTier.nullable(),
  outcome: z.string(),
  reason: z.string().nullable(),
  wards: z.array(z.string()),
  scheduleId: Id.nullable(),
  /** Its schedule is still published. */
  onAir: z.boolean(),
  source: z.string(),
  receivedAt: Instant,
});
export type CapAlertEntry = z.infer<typeof CapAlertEntry>;
export const CapAlertList = z.object({ alerts: z.array(CapAlertEntry) });

export const CapKeyEntry = z.object({
  id: Id,
  name: z.string(),
  createdAt: Instant,
  revokedAt: Instant.nullable(),
  lastUsedAt: Instant.nullable(),
});
export type CapKeyEntry = z.infer<typeof CapKeyEntry>;
export const CapKeyList = z.object({ keys: z.array(CapKeyEntry) });
export const CapKeyCreate = z.strictObject({ name: text(80) });
/** A new key: the secret is in this answer only (bangtin keeps its hash). */
export const CapKeyCreated = CapKeyEntry.extend({ key: z.string() });

/** The CAP feed (one CAP alert, or an Atom feed of them) the job polls; null: none. */
export const CapFeedSetting = z.strictObject({ url: HttpUrl.nullable() });
export const CapFeedStatus = z.object({
  url: z.string().nullable(),
  lastPolledAt: Instant.nullable(),
  lastOkAt: Instant.nullable(),
  lastError: z.string().nullable(),
  /** Alerts the feed brought that were new. */
  alertsTaken: z.int(),
});
export type CapFeedStatus = z.infer<typeof CapFeedStatus>;

/** A user's secret calendar feed. */
export const CalendarFeedStatus = z.object({ active: z.boolean(), createdAt: Instant.nullable() });
/** A new feed: its address holds the secret, shown in this answer only. */
export const CalendarFeedIssued = z.object({ path: z.string(), createdAt: Instant });

/** What a web portal may embed: `city`, or a ward's code. */
export const PortalAudience = z.union([z.literal('city'), WardCode]);
export type PortalAudience = z.infer<typeof PortalAudience>;

/** The embed's settings, for the admin page's snippet. */
export const EmbedInfo = z.object({
  /** Origins allowed to frame `/embed/` (BANGTIN_EMBED_ORIGINS). */
  origins: z.array(z.string()),
});

export const PortalViewRow = z.object({ day: LocalDate, audience: z.string(), views: z.int() });
export const PortalViews = z.object({ rows: z.array(PortalViewRow), total: z.int() });
