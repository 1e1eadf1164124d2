import { z } from 'zod';
import { Instant, LocalDate, LocalTime } from './time.ts';

/** Ids are made by the server; the shape is checked wherever one crosses a boundary. */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an id');

/**
 * The plan's seven content themes (DESIGN.md): 1 policy and law, 2 training support,
 * 3 streaming after school, 4 State–school–business, 5 innovation and digital,
 * 6 results of the scheme, 7 role models and reputable institutions.
 */
export const Theme = z.int().min(1).max(7);

/** User text: trimmed, Unicode NFC, at least one visible character. */
const VISIBLE = /[^\s\u200B-\u200D\u2060\uFEFF]/u;
export const text = (max: number) =>
  z.string().trim().normalize('NFC').min(1).max(max).regex(VISIBLE, 'must contain a visible character');
export const optionalText = (max: number) => z.string().trim().normalize('NFC').max(max).optional();

export const SLOGAN_MAX = 160;
export const MIN_DURATION_MS = 2_000;
export const MAX_DURATION_MS = 3_600_000;

const common = {
  theme: Theme,
  /** How long the item stays on screen in one pass of the rotation. */
  durationMs: z.int().min(MIN_DURATION_MS).max(MAX_DURATION_MS),
  validFrom: Instant.optional(),
  validUntil: Instant.optional(),
};

export const SloganFields = z.strictObject({
  kind: z.literal('slogan'),
  ...common,
  text: text(SLOGAN_MAX),
  /** An optional second, smaller line. */
  secondary: optionalText(SLOGAN_MAX),
});

export const CountdownFields = z.strictObject({
  kind: z.literal('countdown'),
  ...common,
  title: text(120),
  /** Local date of the event in Asia/Ho_Chi_Minh. */
  eventDate: LocalDate,
  eventTime: LocalTime.optional(),
  place: optionalText(120),
  /** Counts to the next occurrence of the day and month every year. */
  annual: z.boolean(),
  /** Days after the event day during which `afterText` shows; 0 hides it once the day ends. */
  afterDays: z.int().min(0).max(60),
  afterText: optionalText(160),
});

export const NOTICE_TITLE_MAX = 120;
export const NOTICE_BODY_MAX = 600;

/** A policy announcement: a title, a longer body, and an optional source line. */
export const NoticeFields = z.strictObject({
  kind: z.literal('notice'),
  ...common,
  title: text(NOTICE_TITLE_MAX),
  body: text(NOTICE_BODY_MAX),
  /** Where the policy comes from, e.g. the decision that sets it. */
  source: optionalText(160),
});

/** The date and time in Asia/Ho_Chi_Minh, with an optional caption: an idle fallback. */
export const ClockFields = z.strictObject({
  kind: z.literal('clock'),
  ...common,
  caption: optionalText(120),
});

/** What an operator writes: one member per kind, discriminated on `kind`. */
export const ContentFields = z.discriminatedUnion('kind', [SloganFields, CountdownFields, NoticeFields, ClockFields]);
export type ContentFields = z.infer<typeof ContentFields>;
export type ContentKind = ContentFields['kind'];

/** A content item as stored. */
export const ContentItem = z.discriminatedUnion('kind', [
  SloganFields.extend({ id: Id }),
  CountdownFields.extend({ id: Id }),
  NoticeFields.extend({ id: Id }),
  ClockFields.extend({ id: Id }),
]);
export type ContentItem = z.infer<typeof ContentItem>;

/** A published item carries the revision in which it last changed (for proof of play). */
const published = { id: Id, revision: z.int().min(1) };
export const PublishedItem = z.discriminatedUnion('kind', [
  SloganFields.extend(published),
  CountdownFields.extend(published),
  NoticeFields.extend(published),
  ClockFields.extend(published),
]);
export type PublishedItem = z.infer<typeof PublishedItem>;

export function validityOk(item: { validFrom?: string; validUntil?: string }): boolean {
  if (!item.validFrom || !item.validUntil) return true;
  return Date.parse(item.validFrom) < Date.parse(item.validUntil);
}
