import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DERIVATIVE_WIDTHS, MAX_IMAGE_PIXELS } from '../../media/index.ts';
import type { MediaEntry } from '../../playlists/index.ts';
import { createTestApp, dumpDb, errorOf, signIn, type TestApp } from '../testing/helpers.ts';
import { mediaDir, upload } from '../testing/media.ts';

/** A progressive JPEG of flat colour: small on disk, yet decoding it needs memory for every pixel. */
const progressive = (width: number, height: number, r = 40) =>
  sharp({ create: { width, height, channels: 3, background: { r, g: 90, b: 160 } }, limitInputPixels: false }).jpeg({ progressive: true, quality: 80 }).toBuffer();

/**
 * Issue 11, item 3: what a picture may cost. The pixel limit takes a 4K frame and camera
 * photos up to 50 MP (a 24 MP camera, a 48–50 MP phone at full resolution) and refuses more
 * before decoding; accepted pictures still get every WebP copy.
 */
describe('picture sizes', () => {
  let t: TestApp;
  let cookie: string;
  let dir: ReturnType<typeof mediaDir>;
  let before: { db: ReturnType<typeof dumpDb>; files: string[] };
  beforeAll(async () => {
    dir = mediaDir();
    t = await createTestApp({ mediaDir: dir.dir, seed: false });
    cookie = await signIn(t);
  });
  afterAll(() => dir.dispose());
  beforeEach(() => {
    before = { db: dumpDb(t.db), files: dir.names() };
  });

  it('sets the limit at 50 megapixels', () => {
    expect(MAX_IMAGE_PIXELS).toBe(50_000_000);
  });

  it.each([
    ['the 10000×10000 progressive JPEG of the issue', 10_000, 10_000],
    ['a picture just over 50 megapixels', 7_072, 7_072],
  ])('refuses %s (422 image_too_large), keeping nothing', async (_what, width, height) => {
    const res = await upload(t, await progressive(width, height), { cookie, name: 'lon.jpg' });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('image_too_large');
    expect(error.message).toContain('50 megapixels');
    expect(dumpDb(t.db)).toEqual(before.db);
    expect(dir.names()).toEqual(before.files);
  });

  it.each([
    ['a 4K frame', 3_840, 2_160, DERIVATIVE_WIDTHS.filter((w) => w < 3_840)],
    ['a 24 MP camera photo', 6_000, 4_000, DERIVATIVE_WIDTHS],
    ['a 50 MP phone photo at full resolution', 8_160, 6_120, DERIVATIVE_WIDTHS],
  ])('takes %s with its WebP copies', async (_what, width, height, widths) => {
    const res = await upload(t, await progressive(width, height, width % 200), { cookie, name: 'anh.jpg' });
    expect(res.status).toBe(201);
    const entry = (await res.json()) as MediaEntry;
    expect([entry.width, entry.height]).toEqual([width, height]);
    const copies = entry.files.filter((f) => f.type === 'image/webp');
    expect(copies.map((f) => f.width)).toEqual([...widths]);
    for (const copy of copies) {
      expect(copy.height).toBe(Math.round((height * copy.width) / width));
      const stored = await sharp(`${dir.dir}/${copy.sha256}.webp`).metadata();
      expect([stored.format, stored.width, stored.height]).toEqual(['webp', copy.width, copy.height]);
    }
  }, 60_000);
});
