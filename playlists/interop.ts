import './zod-config.ts';
import { z } from 'zod';
import { HttpUrl, Id, Instant, LocalDate, WardCode, text } from './classic.ts';

/**
 * bangtin and the public systems around it (issue 17): CAP alerts taken in, the keys CAP
 * sources post with and the feed a job polls; the secret calendar feeds; web portals. HTTP only,
 * so classic zod over the shared schemas' classic twins (classic.ts), as the OpenAPI document needs.
 */

const AlertTier = z.enum(['emergency', 'priority']);

/** What an alert did: put on air, changed or ended one, or listed only (`reason` says why). */
export const CapOutcomeKind = z.enum(['published', 'updated', 'ended', 'listed', 'duplicate']);

/** The answer to `POST /api/cap`. */
export const CapIngestResult = z.object({
  alertId: z.nullable(Id),
  outcome: CapOutcomeKind,
  tier: z.nullable(AlertTier),
  reason: z.nullable(z.string()),
  scheduleId: z.nullable(Id),
  revision: z.nullable(z.int()),
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
  event: z.nullable(z.string()),
  headline: z.nullable(z.string()),
  tier: z.nullable(AlertTier),
  outcome: z.string(),
  reason: z.nullable(z.string()),
  wards: z.array(z.string()),
  scheduleId: z.nullable(Id),
  /** Its schedule is still published. */
  onAir: z.boolean(),
  source: z.string(),
  receivedAt: Instant,
});
export type CapAlertEntry = z.infer<typeof CapAlertEntry>;
export const CapAlertList = z.object({ alerts: z.array(CapAlertEntry) });

const capKeyShape = {
  id: Id,
  name: z.string(),
  createdAt: Instant,
  revokedAt: z.nullable(Instant),
  lastUsedAt: z.nullable(Instant),
};
export const CapKeyEntry = z.object(capKeyShape);
export type CapKeyEntry = z.infer<typeof CapKeyEntry>;
export const CapKeyList = z.object({ keys: z.array(CapKeyEntry) });
export const CapKeyCreate = z.strictObject({ name: text(80) });
/** A new key: the secret is in this answer only (bangtin keeps its hash). */
export const CapKeyCreated = z.object({ ...capKeyShape, key: z.string() });

/** The CAP feed (one CAP alert, or an Atom feed of them) the job polls; null: none. */
export const CapFeedSetting = z.strictObject({ url: z.nullable(HttpUrl) });
export const CapFeedStatus = z.object({
  url: z.nullable(z.string()),
  lastPolledAt: z.nullable(Instant),
  lastOkAt: z.nullable(Instant),
  lastError: z.nullable(z.string()),
  /** Alerts the feed brought that were new. */
  alertsTaken: z.int(),
});
export type CapFeedStatus = z.infer<typeof CapFeedStatus>;

/** A user's secret calendar feed. */
export const CalendarFeedStatus = z.object({ active: z.boolean(), createdAt: z.nullable(Instant) });
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
