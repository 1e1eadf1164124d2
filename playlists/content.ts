import { z } from 'zod';
import { MediaId } from './media.ts';
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
  /** An optional picture from the media library beside or above the text (an emergency's). */
  image: MediaId.optional(),
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

/** An absolute http(s) address, at most 300 characters (a QR code must stay scannable). */
export const HttpUrl = z
  .string()
  .trim()
  .max(300)
  .regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, 'expected an http(s) address');

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
  /** A portal address shown as a QR code drawn by the player itself (no remote QR service). */
  qrUrl: HttpUrl.optional(),
});

/** The date and time in Asia/Ho_Chi_Minh, with an optional caption: an idle fallback. */
export const ClockFields = z.strictObject({
  kind: z.literal('clock'),
  ...common,
  caption: optionalText(120),
});

/** A role model: a graduate, their trade, school and what came of it. */
export const StoryFields = z.strictObject({
  kind: z.literal('story'),
  ...common,
  /** An image from the media library. */
  photo: MediaId.optional(),
  name: text(80),
  trade: text(80),
  school: text(120),
  /** Employer or outcome, e.g. "maintenance technician at a factory". */
  outcome: optionalText(160),
  quote: optionalText(240),
  /** An optional address shown as a QR code, like a notice's (counted per screen: issue 14). */
  qrUrl: HttpUrl.optional(),
});

/** A picture from the media library, letterboxed (`contain`) or filling the zone (`cover`). */
export const ImageFields = z.strictObject({
  kind: z.literal('image'),
  ...common,
  media: MediaId,
  fit: z.enum(['contain', 'cover']),
  caption: optionalText(160),
});

/**
 * A clip from the media library, muted and inline. With `playToEnd` the item lasts as long as
 * the clip (its probed duration, DESIGN.md: the resolver) and `durationMs` is ignored.
 */
export const VideoFields = z.strictObject({
  kind: z.literal('video'),
  ...common,
  media: MediaId,
  playToEnd: z.boolean(),
});

export const TICKER_TEXT_MAX = 500;
export const TICKER_MIN_SPEED = 20;
export const TICKER_MAX_SPEED = 400;

/** Text that scrolls right to left, for narrow strips; moves in whole-pixel steps. */
export const TickerFields = z.strictObject({
  kind: z.literal('ticker'),
  ...common,
  text: text(TICKER_TEXT_MAX),
  /** Scrolling speed in CSS pixels per second. */
  speedPxPerSec: z.int().min(TICKER_MIN_SPEED).max(TICKER_MAX_SPEED),
});

/** What an operator writes: one member per kind, discriminated on `kind`. */
export const ContentFields = z.discriminatedUnion('kind', [
  SloganFields,
  CountdownFields,
  NoticeFields,
  ClockFields,
  StoryFields,
  ImageFields,
  VideoFields,
  TickerFields,
]);
export type ContentFields = z.infer<typeof ContentFields>;
export type ContentKind = ContentFields['kind'];

/** A content item as stored. */
const stored = { id: Id };
export const ContentItem = z.discriminatedUnion('kind', [
  SloganFields.extend(stored),
  CountdownFields.extend(stored),
  NoticeFields.extend(stored),
  ClockFields.extend(stored),
  StoryFields.extend(stored),
  ImageFields.extend(stored),
  VideoFields.extend(stored),
  TickerFields.extend(stored),
]);
export type ContentItem = z.infer<typeof ContentItem>;

/** A published item carries the revision in which it last changed (for proof of play). */
const published = { id: Id, revision: z.int().min(1) };
export const PublishedItem = z.discriminatedUnion('kind', [
  SloganFields.extend(published),
  CountdownFields.extend(published),
  NoticeFields.extend(published),
  ClockFields.extend(published),
  StoryFields.extend(published),
  ImageFields.extend(published),
  VideoFields.extend(published),
  TickerFields.extend(published),
]);
export type PublishedItem = z.infer<typeof PublishedItem>;

/** The media an item refers to (photo, image, clip). */
export function mediaOf(item: ContentFields): string[] {
  if (item.kind === 'image' || item.kind === 'video') return [item.media];
  if (item.kind === 'story' && item.photo) return [item.photo];
  if (item.kind === 'slogan' && item.image) return [item.image];
  return [];
}

export function validityOk(item: { validFrom?: string; validUntil?: string }): boolean {
  if (!item.validFrom || !item.validUntil) return true;
  return Date.parse(item.validFrom) < Date.parse(item.validUntil);
}
