import './zod-config.ts';
import * as z from 'zod/mini';
import { MediaId } from './media.ts';
import { Instant, LocalDate, LocalTime } from './time.ts';

/** Ids are made by the server; the shape is checked wherever one crosses a boundary. */
export const Id = /* @__PURE__ */ z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an id'));

/**
 * The plan's seven content themes (DESIGN.md): 1 policy and law, 2 training support,
 * 3 streaming after school, 4 State–school–business, 5 innovation and digital,
 * 6 results of the scheme, 7 role models and reputable institutions.
 */
export const Theme = /* @__PURE__ */ z.int().check(z.minimum(1), z.maximum(7));

/** User text: trimmed, Unicode NFC, at least one visible character. */
const VISIBLE = /[^\s\u200B-\u200D\u2060\uFEFF]/u;
export const text = (max: number) =>
  z.string().check(z.trim(), z.normalize('NFC'), z.minLength(1), z.maxLength(max), z.regex(VISIBLE, 'must contain a visible character'));
export const optionalText = (max: number) => z.optional(z.string().check(z.trim(), z.normalize('NFC'), z.maxLength(max)));

export const SLOGAN_MAX = 160;
export const MIN_DURATION_MS = 2_000;
export const MAX_DURATION_MS = 3_600_000;

const common = {
  theme: Theme,
  /** How long the item stays on screen in one pass of the rotation. */
  durationMs: z.int().check(z.minimum(MIN_DURATION_MS), z.maximum(MAX_DURATION_MS)),
  validFrom: z.optional(Instant),
  validUntil: z.optional(Instant),
};

export const SloganFields = /* @__PURE__ */ z.strictObject({
  kind: z.literal('slogan'),
  ...common,
  text: text(SLOGAN_MAX),
  /** An optional second, smaller line. */
  secondary: optionalText(SLOGAN_MAX),
  /** An optional picture from the media library beside or above the text (an emergency's). */
  image: z.optional(MediaId),
});

export const CountdownFields = /* @__PURE__ */ z.strictObject({
  kind: z.literal('countdown'),
  ...common,
  title: text(120),
  /** Local date of the event in Asia/Ho_Chi_Minh. */
  eventDate: LocalDate,
  eventTime: z.optional(LocalTime),
  place: optionalText(120),
  /** Counts to the next occurrence of the day and month every year. */
  annual: z.boolean(),
  /** Days after the event day during which `afterText` shows; 0 hides it once the day ends. */
  afterDays: z.int().check(z.minimum(0), z.maximum(60)),
  afterText: optionalText(160),
});

/** An absolute http(s) address, at most 300 characters (a QR code must stay scannable). */
export const HttpUrl = /* @__PURE__ */ z.string().check(z.trim(), z.maxLength(300), z.regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, 'expected an http(s) address'));

export const NOTICE_TITLE_MAX = 120;
export const NOTICE_BODY_MAX = 600;

/** A policy announcement: a title, a longer body, and an optional source line. */
export const NoticeFields = /* @__PURE__ */ z.strictObject({
  kind: z.literal('notice'),
  ...common,
  title: text(NOTICE_TITLE_MAX),
  body: text(NOTICE_BODY_MAX),
  /** Where the policy comes from, e.g. the decision that sets it. */
  source: optionalText(160),
  /** A portal address shown as a QR code drawn by the player itself (no remote QR service). */
  qrUrl: z.optional(HttpUrl),
});

/** The date and time in Asia/Ho_Chi_Minh, with an optional caption: an idle fallback. */
export const ClockFields = /* @__PURE__ */ z.strictObject({
  kind: z.literal('clock'),
  ...common,
  caption: optionalText(120),
});

/** A role model: a graduate, their trade, school and what came of it. */
export const StoryFields = /* @__PURE__ */ z.strictObject({
  kind: z.literal('story'),
  ...common,
  /** An image from the media library. */
  photo: z.optional(MediaId),
  name: text(80),
  trade: text(80),
  school: text(120),
  /** Employer or outcome, e.g. "maintenance technician at a factory". */
  outcome: optionalText(160),
  quote: optionalText(240),
  /** An optional address shown as a QR code, like a notice's (counted per screen: issue 14). */
  qrUrl: z.optional(HttpUrl),
});

/** A picture from the media library, letterboxed (`contain`) or filling the zone (`cover`). */
export const ImageFields = /* @__PURE__ */ z.strictObject({
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
export const VideoFields = /* @__PURE__ */ z.strictObject({
  kind: z.literal('video'),
  ...common,
  media: MediaId,
  playToEnd: z.boolean(),
});

export const TICKER_TEXT_MAX = 500;
export const TICKER_MIN_SPEED = 20;
export const TICKER_MAX_SPEED = 400;

/** Text that scrolls right to left, for narrow strips; moves in whole-pixel steps. */
export const TickerFields = /* @__PURE__ */ z.strictObject({
  kind: z.literal('ticker'),
  ...common,
  text: text(TICKER_TEXT_MAX),
  /** Scrolling speed in CSS pixels per second. */
  speedPxPerSec: z.int().check(z.minimum(TICKER_MIN_SPEED), z.maximum(TICKER_MAX_SPEED)),
});

/** What an operator writes: one member per kind, discriminated on `kind`. */
export const ContentFields = /* @__PURE__ */ z.discriminatedUnion('kind', [
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
export const ContentItem = /* @__PURE__ */ z.discriminatedUnion('kind', [
  z.extend(SloganFields, stored),
  z.extend(CountdownFields, stored),
  z.extend(NoticeFields, stored),
  z.extend(ClockFields, stored),
  z.extend(StoryFields, stored),
  z.extend(ImageFields, stored),
  z.extend(VideoFields, stored),
  z.extend(TickerFields, stored),
]);
export type ContentItem = z.infer<typeof ContentItem>;

/** A published item carries the revision in which it last changed (for proof of play). */
const published = { id: Id, revision: z.int().check(z.minimum(1)) };
export const PublishedItem = /* @__PURE__ */ z.discriminatedUnion('kind', [
  z.extend(SloganFields, published),
  z.extend(CountdownFields, published),
  z.extend(NoticeFields, published),
  z.extend(ClockFields, published),
  z.extend(StoryFields, published),
  z.extend(ImageFields, published),
  z.extend(VideoFields, published),
  z.extend(TickerFields, published),
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
