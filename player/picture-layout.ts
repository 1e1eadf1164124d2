import { SCREEN_PADDING } from './legibility-limits.ts';

/**
 * How a slogan with a picture (an emergency's) shares its area. Landscape: the picture on the
 * left, at most 40 % of the width; portrait: on top, at most 40 % of the height; either way no
 * larger than the picture itself needs at its aspect ratio, and set off by the text renderers'
 * padding. The text is what matters: the picture is left out whenever the text beside it would
 * not be legible (legibility.ts, `textFits`) — on a 192×96 board a long message gets the whole
 * board — or when it would be a sliver under `MIN_PICTURE_PX`.
 */
export interface PictureLayout {
  picture: 'side' | 'top' | 'none';
  /** The picture's box in px (0×0 without one). */
  pictureWidth: number;
  pictureHeight: number;
  /** The text's box in px: the area less the picture and the gap. */
  textWidth: number;
  textHeight: number;
  /** The margin around the picture, px. */
  gap: number;
}

export const PICTURE_SHARE = 0.4;
export const MIN_PICTURE_PX = 32;

/**
 * `aspect` is the picture's width / height; `textFits(w, h)` says whether the text is legible in
 * a box of w×h px.
 */
export function pictureLayout(width: number, height: number, aspect: number, textFits: (width: number, height: number) => boolean): PictureLayout {
  const none: PictureLayout = { picture: 'none', pictureWidth: 0, pictureHeight: 0, textWidth: width, textHeight: height, gap: 0 };
  const gap = Math.round(width * SCREEN_PADDING);
  if (width <= 0 || height <= 0 || !(aspect > 0)) return none;
  let layout: PictureLayout;
  if (width >= height) {
    const pictureHeight = height - 2 * gap;
    const pictureWidth = Math.floor(Math.min(width * PICTURE_SHARE, pictureHeight * aspect));
    layout = { picture: 'side', pictureWidth, pictureHeight, textWidth: width - gap - pictureWidth, textHeight: height, gap };
  } else {
    const pictureWidth = width - 2 * gap;
    const pictureHeight = Math.floor(Math.min(height * PICTURE_SHARE, pictureWidth / aspect));
    layout = { picture: 'top', pictureWidth, pictureHeight, textWidth: width, textHeight: height - gap - pictureHeight, gap };
  }
  if (Math.min(layout.pictureWidth, layout.pictureHeight) < MIN_PICTURE_PX) return none;
  return textFits(layout.textWidth, layout.textHeight) ? layout : none;
}
