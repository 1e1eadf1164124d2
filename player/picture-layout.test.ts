import { describe, expect, it } from 'vitest';
import type { ContentFields } from '../playlists/index.ts';
import { MIN_FONT_PX, legibleAt, type Measure } from './legibility.ts';
import { MIN_PICTURE_PX, pictureLayout } from './picture-layout.ts';

/** About Be Vietnam Pro's average advance (as legibility.test.ts). */
const estimate: Measure = (text, weight) => text.length * (weight >= 700 ? 0.58 : 0.52);
const slogan = (text: string): ContentFields => ({ kind: 'slogan', theme: 1, durationMs: 30_000, text });
const fits = (item: ContentFields) => (w: number, h: number) => legibleAt(item, w, h, estimate)!.ok;

const SHORT = slogan('Mưa lớn: tránh ra đường');
const LONG = slogan('Cảnh báo khẩn cấp: mưa lớn kéo dài gây ngập sâu nhiều tuyến phố, người dân hạn chế ra đường và theo dõi thông báo');

describe('pictureLayout', () => {
  it('puts the picture beside the text on a landscape board, at most 40 % of the width, the text still legible', () => {
    const l = pictureLayout(1920, 1080, 3 / 2, fits(LONG));
    expect(l.picture).toBe('side');
    expect(l.pictureWidth).toBeLessThanOrEqual(1920 * 0.4);
    expect(l.pictureHeight).toBe(1080 - 2 * l.gap);
    expect(l.textWidth + l.pictureWidth + l.gap).toBe(1920);
    expect(legibleAt(LONG, l.textWidth, l.textHeight, estimate)!.fittedPx).toBeGreaterThanOrEqual(MIN_FONT_PX);
  });

  it('puts the picture above the text on a portrait board, no taller than its aspect needs', () => {
    const l = pictureLayout(1080, 1920, 16 / 9, fits(LONG));
    expect(l.picture).toBe('top');
    expect(l.pictureHeight).toBe(Math.floor((1080 - 2 * l.gap) / (16 / 9)));
    expect(l.textHeight + l.pictureHeight + l.gap).toBe(1920);
  });

  it('leaves the picture out on a 192×96 board when the text beside it would be illegible', () => {
    expect(fits(LONG)(192, 96)).toBe(false);
    expect(pictureLayout(192, 96, 3 / 2, fits(LONG)).picture).toBe('none');
    // A message short enough stays legible beside the picture, so the picture shows.
    const short = pictureLayout(192, 96, 3 / 2, fits(SHORT));
    expect(short.picture).toBe('side');
    expect(legibleAt(SHORT, short.textWidth, short.textHeight, estimate)!.ok).toBe(true);
  });

  it('gives the whole area to the text when nothing legible is left either way, or the picture would be a sliver', () => {
    const none = pictureLayout(192, 96, 3 / 2, () => false);
    expect(none).toEqual({ picture: 'none', pictureWidth: 0, pictureHeight: 0, textWidth: 192, textHeight: 96, gap: 0 });
    // A very tall picture on a short strip.
    expect(pictureLayout(384, 64, 1 / 4, () => true).picture).toBe('none');
    expect(MIN_PICTURE_PX).toBeGreaterThan(0);
  });
});
