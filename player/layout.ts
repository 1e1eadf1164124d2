import '../playlists/zod-config.ts';
import * as z from 'zod/mini';
import { Canvas, ScreenTheme, type ScreenSettings, type TickerStrip, type ZonePlay } from '../playlists/player.ts';
import type { KeyValueStorage } from './store.ts';

/**
 * The part of a screen's layout that belongs to the box's video output rather than to its
 * registration: where the LED sending card copies from, and the theme. A player that is paired
 * again keeps it, so its pairing code shows where the board can see it.
 */
export const ScreenOutput = /* @__PURE__ */ z.object({ canvas: z.nullable(Canvas), theme: ScreenTheme });
export type ScreenOutput = z.infer<typeof ScreenOutput>;

export const WHOLE_OUTPUT: ScreenOutput = { canvas: null, theme: 'outdoor' };

/** Where the output is kept: localStorage, beside the token (tiny, and read before the first frame). */
export const OUTPUT_KEY = 'bangtin.output';

type Storage = Pick<KeyValueStorage, 'getItem' | 'setItem'>;

/** The output kept from the last screen this box was, or the whole viewport. */
export function loadOutput(storage: Storage | null): ScreenOutput {
  try {
    const parsed = ScreenOutput.safeParse(JSON.parse(storage?.getItem(OUTPUT_KEY) ?? 'null'));
    return parsed.success ? parsed.data : WHOLE_OUTPUT;
  } catch {
    return WHOLE_OUTPUT;
  }
}

/** Keeps the output; storage that refuses only costs the canvas of a future pairing screen. */
export function saveOutput(storage: Storage | null, output: ScreenOutput): void {
  try {
    storage?.setItem(OUTPUT_KEY, JSON.stringify(output));
  } catch {
    // quota or disabled storage
  }
}

export const outputOf = (screen: Pick<ScreenSettings, 'canvas' | 'theme'> | null): ScreenOutput =>
  screen ? { canvas: screen.canvas, theme: screen.theme } : WHOLE_OUTPUT;

/**
 * Inline styles, as objects for `inlineStyle` (inline-style.ts), which writes them through the
 * CSSOM: the player's Content-Security-Policy refuses a `style` attribute.
 */
export type Styles = Record<string, string>;

/**
 * Where the canvas sits in the page, in CSS px (DESIGN.md: canvas and zones): absolute at x, y
 * with its width and height, or the whole viewport. CSS px are the contract: on a box whose
 * devicePixelRatio is not 1 the rectangle covers that many more device pixels.
 */
export function canvasStyle(canvas: Canvas | null): Styles {
  if (!canvas) return { left: '0', top: '0', width: '100%', height: '100%' };
  return { left: `${canvas.x}px`, top: `${canvas.y}px`, width: `${canvas.width}px`, height: `${canvas.height}px` };
}

/**
 * The ticker strip on screen now, or null. The strip shows only when the layout has one and
 * something plays in the ticker zone; otherwise it collapses and the main zone takes the whole
 * canvas, so a screen never shows an empty strip. An emergency takes the whole canvas too.
 */
export function visibleStrip(strip: TickerStrip | null, main: ZonePlay | null, ticker: ZonePlay | null): TickerStrip | null {
  if (!strip || !ticker?.item) return null;
  if (main?.reason.tier === 'emergency') return null;
  return strip;
}

/**
 * Inline styles for the main zone and the strip inside the canvas. The strip never takes more
 * than half the canvas (the server refuses more; a viewport-sized canvas is only known here).
 */
export function zoneStyles(strip: TickerStrip | null): { main: Styles; strip: Styles } {
  if (!strip) return { main: { top: '0', height: '100%' }, strip: {} };
  const h = `min(${strip.heightPx}px, 50%)`;
  const rest = `calc(100% - ${h})`;
  return strip.position === 'top'
    ? { main: { top: h, height: rest }, strip: { top: '0', height: h } }
    : { main: { top: '0', height: rest }, strip: { bottom: '0', height: h } };
}
