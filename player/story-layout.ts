import { SCREEN_PADDING } from './legibility-limits.ts';

/**
 * How a role-model story uses its area. Landscape: the photo (3:4, cropped to fill) beside the
 * text, at most 40 % of the width. Portrait: the photo above the text, full width, at most 45 %
 * of the height. The photo is left out when it would leave the text less than 160 px wide
 * (landscape) or 96 px high (portrait) — on a 192×96 board the name and trade matter more than
 * a 60 px face. Which lines show together, and which take turns, is fit-plan.ts's business.
 */
export interface StoryLayout {
  photo: 'side' | 'top' | 'none';
  /** The photo's box in px (0×0 without a photo). */
  photoWidth: number;
  photoHeight: number;
  /** Space between photo and text, px. */
  gap: number;
}

export const MIN_TEXT_WIDTH = 160;
export const MIN_TEXT_HEIGHT = 96;

export function storyLayout(width: number, height: number, hasPhoto: boolean): StoryLayout {
  const pad = Math.round(width * SCREEN_PADDING);
  const innerW = width - 2 * pad;
  const innerH = height - 2 * pad;
  const gap = pad;
  const none: StoryLayout = { photo: 'none', photoWidth: 0, photoHeight: 0, gap: 0 };
  if (!hasPhoto || innerW <= 0 || innerH <= 0) return none;
  if (width >= height) {
    const photoWidth = Math.round(Math.min(innerW * 0.4, innerH * 0.75));
    if (innerW - photoWidth - gap < MIN_TEXT_WIDTH) return none;
    return { photo: 'side', photoWidth, photoHeight: innerH, gap };
  }
  const photoHeight = Math.round(Math.min(innerH * 0.45, innerW * (4 / 3)));
  if (innerH - photoHeight - gap < MIN_TEXT_HEIGHT) return none;
  return { photo: 'top', photoWidth: innerW, photoHeight, gap };
}

/** The box left for a story's text beside or below its photo (the QR code, if any, takes its share of it). */
export function storyTextBox(width: number, height: number, layout: StoryLayout): { width: number; height: number } {
  const pad = Math.round(width * SCREEN_PADDING);
  const inner = { width: width - 2 * pad, height: height - 2 * pad };
  if (layout.photo === 'side') return { width: inner.width - layout.photoWidth - layout.gap, height: inner.height };
  if (layout.photo === 'top') return { width: inner.width, height: inner.height - layout.photoHeight - layout.gap };
  return inner;
}
