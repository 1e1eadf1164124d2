import { MIN_FONT_PX } from './legibility.ts';

/**
 * The ticker's motion as pure arithmetic, so it can be checked without a browser. When its slot
 * starts the text already shows, one em inside the left edge (`tickerStart`: a ticker entering
 * at the right edge would leave its box blank for its first frames, and a short slot would end
 * before its first words crossed), and moves left at `speed` px/s in whole pixels,
 * computed from the player's corrected clock (never accumulated frame by frame, so it cannot
 * drift); copies of the text follow each other `period` px apart (text width + gap, a whole
 * number) for a seamless loop.
 */

/** Line box of the ticker's text in em: room for stacked Vietnamese marks (Ệ, Ỗ). */
export const TICKER_LINE_EM = 1.3;
/** A ticker shows about this many characters across its width, at most. */
const WIDTH_PER_FONT_PX = 8;
/** The gap between copies, in em. */
export const TICKER_GAP_EM = 2;

/** Where the text starts when its slot does (whole px from the box's left edge): one em in. */
export function tickerStart(boxWidth: number, fontPx: number): number {
  return Math.max(0, Math.min(Math.round(boxWidth), Math.round(fontPx)));
}

/**
 * The x of the strip of copies (whole px, relative to the box's left edge) after `elapsedMs`:
 * the first copy starts at `startX` and moves left; once copies have left the box the strip
 * jumps right by whole periods, which looks the same because the copies are identical.
 */
export function tickerX(elapsedMs: number, speedPxPerSec: number, startX: number, period: number): number {
  const travelled = Math.round((Math.max(0, elapsedMs) * speedPxPerSec) / 1000);
  const x = Math.round(startX) - travelled;
  if (period <= 0 || x > -period) return x;
  return x + Math.floor(-x / period) * period;
}

/** Copies needed so the strip always covers the box from `x` to its right edge. */
export function tickerCopies(boxWidth: number, period: number): number {
  return period > 0 ? Math.ceil(boxWidth / period) + 1 : 1;
}

/**
 * Font size (whole px) of a ticker in a `width`×`height` box: as tall as the box allows, but no
 * taller than lets about a dozen characters show at once (a ticker filling a 1080 px main zone
 * would show three letters), and never below the legible minimum unless the box is lower.
 */
export function tickerFontPx(width: number, height: number): number {
  const byHeight = height / TICKER_LINE_EM;
  return Math.max(1, Math.floor(Math.min(byHeight, Math.max(MIN_FONT_PX, width / WIDTH_PER_FONT_PX))));
}

/**
 * Time (whole ms) from the start of a slot until a text `textWidth` px wide, moving at `speed`
 * px/s across a box `boxWidth` px wide, has been read whole once: it starts one em in
 * (`tickerStart`) and its last character has crossed the box to the left edge, so every word
 * was on screen as long as any other.
 */
export function tickerReadMs(textWidth: number, boxWidth: number, speedPxPerSec: number, fontPx: number): number {
  const travel = tickerStart(boxWidth, fontPx) + Math.max(0, textWidth);
  return Math.ceil((travel * 1000) / Math.max(1, speedPxPerSec));
}

/** Characters per second a reader follows comfortably, and the most a ticker moves comfortably. */
const READ_CHARS_PER_SEC = 5;
const MAX_CHARS_PER_SEC = 10;
const AVG_CHAR_EM = 0.55;

/** The fastest comfortable pace (px/s, whole) of text `fontPx` high: the editor warns beyond it. */
export function comfortableSpeed(fontPx: number): number {
  return Math.round(MAX_CHARS_PER_SEC * AVG_CHAR_EM * fontPx);
}

/**
 * Speed (px/s, whole) of a ticker that stands in for text too small to read: no slower than a
 * comfortable reading pace, and fast enough that the text is read whole (`tickerReadMs`) within
 * the item's duration — past its last word before the slot ends, faster than comfortable if the
 * slot is too short (the editor says by how much the slot falls short: fit-warnings.ts).
 */
export function fallbackSpeed(textWidth: number, boxWidth: number, durationMs: number, fontPx: number): number {
  const travel = tickerStart(boxWidth, fontPx) + Math.max(0, textWidth);
  const needed = Math.ceil((travel * 1000) / Math.max(1, durationMs));
  const slow = READ_CHARS_PER_SEC * AVG_CHAR_EM * fontPx;
  return Math.max(Math.round(slow), needed);
}
