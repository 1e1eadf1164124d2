import './zod-config.ts';
import * as z from 'zod/mini';
import { Id, optionalText, text } from './content.ts';
import { DEFAULT_DAILY_RELOAD_AT, DailyReloadAt, OperatingHours } from './operating-hours.ts';

export const LOCATION_KINDS = [
  'park',
  'station',
  'street',
  'public_transport',
  'ward_office',
  'school',
  'bulletin_board',
] as const;
export const LocationKind = /* @__PURE__ */ z.enum(LOCATION_KINDS);

/**
 * The rectangle of the video output an LED sending card copies, in CSS pixels at
 * devicePixelRatio 1 (DESIGN.md: canvas and zones). Null: the whole viewport.
 */
export const Canvas = /* @__PURE__ */ z.object({
  x: z.int().check(z.minimum(0), z.maximum(7680)),
  y: z.int().check(z.minimum(0), z.maximum(4320)),
  width: z.int().check(z.minimum(32), z.maximum(7680)),
  height: z.int().check(z.minimum(16), z.maximum(4320)),
});
export type Canvas = z.infer<typeof Canvas>;

/** An optional ticker strip beside the main zone. */
export const TickerStrip = /* @__PURE__ */ z.object({
  position: z.enum(['top', 'bottom']),
  heightPx: z.int().check(z.minimum(8), z.maximum(400)),
});
export type TickerStrip = z.infer<typeof TickerStrip>;

/** `outdoor`: high contrast on black, for LEDs; `indoor`: a light theme for boards indoors. */
export const ScreenTheme = /* @__PURE__ */ z.enum(['outdoor', 'indoor']);
export type ScreenTheme = z.infer<typeof ScreenTheme>;

/** A screen's own settings, sent to the player in the `screen` message. */
export const ScreenSettings = /* @__PURE__ */ z.object({
  id: Id,
  name: text(120),
  ward: z.nullable(optionalText(120)),
  locationKind: LocationKind,
  tags: z.array(text(40)).check(z.maxLength(20)),
  canvas: z._default(z.nullable(Canvas), null),
  ticker: z._default(z.nullable(TickerStrip), null),
  theme: z._default(ScreenTheme, 'outdoor'),
  /** Operating hours (operating-hours.ts); null: always on. */
  hours: z._default(z.nullable(OperatingHours), null),
  /** The quiet hour of the daily page reload; null: never. */
  dailyReloadAt: z._default(DailyReloadAt, DEFAULT_DAILY_RELOAD_AT),
});
export type ScreenSettings = z.infer<typeof ScreenSettings>;

/** Largest output the canvas may reach into: 8K. Keeps a typo (19200) from passing. */
export const MAX_OUTPUT = { width: 7680, height: 4320 } as const;

/** A strip taller than this share of the canvas would leave the main zone unreadable. */
const MAX_STRIP_SHARE = 0.5;

/**
 * A screen's layout as an operator sets it (`PUT /api/screens/{id}/layout`): the canvas stays
 * inside an 8K output, and a ticker strip leaves at least half the canvas to the main zone.
 */
export const ScreenLayout = /* @__PURE__ */ z
  .strictObject({
    canvas: z.nullable(Canvas),
    ticker: z.nullable(TickerStrip),
    theme: ScreenTheme,
  })
  .check(z.superRefine((layout, ctx) => {
    const { canvas, ticker } = layout;
    if (canvas && canvas.x + canvas.width > MAX_OUTPUT.width) {
      ctx.addIssue({ code: 'custom', path: ['canvas', 'width'], message: `x + width must be at most ${MAX_OUTPUT.width}` });
    }
    if (canvas && canvas.y + canvas.height > MAX_OUTPUT.height) {
      ctx.addIssue({ code: 'custom', path: ['canvas', 'height'], message: `y + height must be at most ${MAX_OUTPUT.height}` });
    }
    // Without a canvas the viewport's height is unknown here; the player enforces the share.
    if (canvas && ticker && ticker.heightPx > canvas.height * MAX_STRIP_SHARE) {
      ctx.addIssue({ code: 'custom', path: ['ticker', 'heightPx'], message: 'the ticker strip may take at most half the canvas height' });
    }
  }));
export type ScreenLayout = z.infer<typeof ScreenLayout>;

/** The layout a screen has until an operator sets one: whole viewport, no strip, outdoor. */
export const DEFAULT_LAYOUT: ScreenLayout = { canvas: null, ticker: null, theme: 'outdoor' };

/** A screen's settings as written, layout fields optional (they default). */
export type ScreenSettingsInput = z.input<typeof ScreenSettings>;

/**
 * The settings the player receives, from anything that carries them (a stored record with more
 * fields, a new screen without a layout yet): extra fields dropped, layout defaults filled.
 */
export function screenSettings(s: ScreenSettingsInput): ScreenSettings {
  return {
    id: s.id,
    name: s.name,
    ward: s.ward ?? null,
    locationKind: s.locationKind,
    tags: s.tags,
    canvas: s.canvas ?? DEFAULT_LAYOUT.canvas,
    ticker: s.ticker ?? DEFAULT_LAYOUT.ticker,
    theme: s.theme ?? DEFAULT_LAYOUT.theme,
    hours: s.hours ?? null,
    dailyReloadAt: s.dailyReloadAt === undefined ? DEFAULT_DAILY_RELOAD_AT : s.dailyReloadAt,
  };
}

/** The layout part of a screen's settings. */
export const layoutOf = (s: Pick<ScreenSettings, 'canvas' | 'ticker' | 'theme'>): ScreenLayout => ({ canvas: s.canvas, ticker: s.ticker, theme: s.theme });
