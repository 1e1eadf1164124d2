import sharp from 'sharp';
import { IMAGE_MAX_PIXELS } from '../playlists/index.ts';
import { MediaError } from './errors.ts';

/** Widths made for smaller screens: a 192×96 LED module up to a 4K board. */
export const DERIVATIVE_WIDTHS = [192, 384, 768, 1280, 1920, 3840] as const;
/**
 * Pixels beyond this are refused from the header, before anything is decoded (issue 11: a
 * 573 KB progressive 10000×10000 JPEG cost 2 GB). 50 MP takes a 4K frame (8.3 MP), camera
 * photos (24 MP; 45 MP full-frame) and 48–50 MP phones at full resolution (8160×6120), whose
 * progressive decode peaks near 0.4 GB in the image worker (bench/media-memory.ts); decoding
 * needs memory in proportion to the pixels, and the largest copy is 3840 wide anyway.
 */
export const MAX_IMAGE_PIXELS = IMAGE_MAX_PIXELS;
export const WEBP_QUALITY = 80;
/** libwebp effort: at 1920 px and wider, effort 2 halves the encoding time for nearly the same size. */
const effortFor = (width: number) => (width >= 1920 ? 2 : 4);

export interface Picture {
  bytes: Buffer;
  width: number;
  height: number;
}

const corrupt = (e: unknown) =>
  new MediaError(422, 'corrupt_image', `The image cannot be decoded (damaged or truncated): ${e instanceof Error ? e.message : String(e)}`);

// Every decode fails on a libvips warning too: a truncated JPEG only warns.
const open = (input: string | Buffer) => sharp(input, { failOn: 'warning', limitInputPixels: MAX_IMAGE_PIXELS, sequentialRead: true });

/** The size a browser shows (EXIF orientation applied), read from the header. */
export async function probeImage(input: string | Buffer): Promise<{ width: number; height: number }> {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input, { failOn: 'warning', limitInputPixels: false }).metadata();
  } catch (e) {
    throw corrupt(e);
  }
  const { width, height } = meta.autoOrient ?? meta;
  if (!width || !height) throw new MediaError(422, 'corrupt_image', 'The image has no size');
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new MediaError(422, 'image_too_large', `The image has ${width}×${height} pixels; at most ${MAX_IMAGE_PIXELS / 1e6} megapixels are accepted (e.g. 8160×6120)`);
  }
  return { width, height };
}

/**
 * WebP copies at each of DERIVATIVE_WIDTHS narrower than the original (upright, sRGB, no
 * metadata). Every copy decodes the whole original, so a damaged file fails here even when
 * its header read fine; an original too narrow for any copy is decoded once to check it.
 */
export async function makeDerivatives(input: string | Buffer, width: number): Promise<Picture[]> {
  const widths = DERIVATIVE_WIDTHS.filter((w) => w < width);
  try {
    if (widths.length === 0) {
      await open(input).rotate().raw().toBuffer();
      return [];
    }
    // One at a time: each copy decodes the original, and a decode is the memory that counts.
    const copies: Picture[] = [];
    for (const w of widths) {
      const { data, info } = await open(input).rotate().resize({ width: w }).webp({ quality: WEBP_QUALITY, effort: effortFor(w) }).toBuffer({ resolveWithObject: true });
      copies.push({ bytes: data, width: info.width, height: info.height });
    }
    return copies;
  } catch (e) {
    if (e instanceof Error && /pixel limit/i.test(e.message)) {
      throw new MediaError(422, 'image_too_large', `At most ${MAX_IMAGE_PIXELS / 1e6} megapixels are accepted`);
    }
    throw corrupt(e);
  }
}
