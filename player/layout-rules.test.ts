import { describe, expect, it } from 'vitest';
import { MIN_MODULE_PX, QUIET_MODULES, noticeLayout, qrCode, qrModulePx } from './notice-layout.ts';
import { pictureFor } from './media-elements.ts';
import { storyLayout } from './story-layout.ts';

describe('storyLayout', () => {
  it('leaves the photo out on a 192×96 board', () => {
    expect(storyLayout(192, 96, true)).toMatchObject({ photo: 'none' });
  });

  it('puts the photo beside the text in landscape, at most 40 % of the width', () => {
    const l = storyLayout(1920, 1080, true);
    expect(l).toMatchObject({ photo: 'side' });
    expect(l.photoWidth).toBeLessThanOrEqual(0.4 * 1920);
    expect(storyLayout(384, 192, true)).toMatchObject({ photo: 'side' });
  });

  it('puts the photo above the text in portrait', () => {
    const l = storyLayout(1080, 1920, true);
    expect(l).toMatchObject({ photo: 'top' });
    expect(l.photoHeight).toBeLessThanOrEqual(0.45 * 1920);
  });

  it('lays out text alone without a photo', () => {
    expect(storyLayout(1920, 1080, false)).toMatchObject({ photo: 'none', photoWidth: 0 });
  });
});

describe('QR code sizing', () => {
  it('uses whole px per module and refuses modules under 2 px', () => {
    expect(qrModulePx(300, 37)).toBe(8);
    expect(qrModulePx(73, 37)).toBe(0);
    expect(qrModulePx(74, 37)).toBe(2);
  });

  it('encodes the url locally into a standard-size code', () => {
    const size = qrCode('https://gdnn.hanoi.gov.vn/ho-tro').size;
    expect((size - 17) % 4).toBe(0);
    expect(size).toBeGreaterThanOrEqual(21);
  });

  it('hides the code on a 192×96 board, where modules would be under 2 px', () => {
    expect(noticeLayout(180, 84, 'https://gdnn.hanoi.gov.vn/ho-tro').qr).toBeNull();
  });

  it('puts the code beside the text in landscape and below it in portrait, with a quiet zone', () => {
    const url = 'https://gdnn.hanoi.gov.vn/ho-tro';
    const modules = qrCode(url).size + 2 * QUIET_MODULES;
    const wide = noticeLayout(1800, 960, url);
    expect(wide.qr).toMatchObject({ place: 'beside', modules });
    expect(wide.qr!.side).toBe(modules * wide.qr!.modulePx);
    expect(wide.text.width).toBeLessThan(1800 - wide.qr!.side);
    const tall = noticeLayout(1015, 1855, url);
    expect(tall.qr?.place).toBe('below');
    expect(tall.text.height).toBeLessThan(1855 - tall.qr!.side);
  });
});

describe('pictureFor (the file a photo or image shows, and the one decoded ahead)', () => {
  const file = (width: number, height: number, n: string) => ({
    url: `/media/${n.repeat(64)}.webp`, sha256: n.repeat(64), bytes: width * height, type: 'image/webp' as const, width, height,
  });
  const medium = {
    id: 'a'.repeat(64), kind: 'image' as const, type: 'image/jpeg' as const, bytes: 1, width: 1600, height: 1200, durationMs: null,
    files: [file(192, 144, 'b'), file(384, 288, 'c'), file(1600, 1200, 'd')],
  };
  const base = { theme: 7, durationMs: 5_000 };

  it('picks the smallest file that covers the zone, so a 192×96 board downloads little', () => {
    const image = { kind: 'image' as const, ...base, media: medium.id, fit: 'contain' as const };
    expect(pictureFor(image, [medium], 192, 96)).toBe(medium.files[0]!.url);
    expect(pictureFor(image, [medium], 384, 192)).toBe(medium.files[1]!.url);
    expect(pictureFor(image, [medium], 1920, 1080)).toBe(medium.files[2]!.url);
  });

  it('shows no photo where the story layout leaves it out, and none for a medium not in the manifest', () => {
    const story = { kind: 'story' as const, ...base, photo: medium.id, name: 'A', trade: 'B', school: 'C' };
    expect(pictureFor(story, [medium], 192, 96)).toBeNull();
    expect(pictureFor(story, [medium], 1920, 1080)).toBe(medium.files[2]!.url);
    expect(pictureFor(story, [], 1920, 1080)).toBeNull();
  });
});
