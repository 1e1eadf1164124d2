import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { MediaType } from '../playlists/index.ts';
import { MediaError } from './errors.ts';
import { MAX_IMAGE_PIXELS } from './images.ts';
import { stripJpeg, type Stripped } from './strip-jpeg.ts';
import { stripPng } from './strip-png.ts';
import { stripWebp } from './strip-webp.ts';

/** Quality of the one re-encode a sideways photo gets (its orientation tag goes with the EXIF). */
export const UPRIGHT_QUALITY = 90;

const corrupt = (e: unknown) =>
  new MediaError(422, 'corrupt_image', `The image cannot be decoded (damaged or truncated): ${e instanceof Error ? e.message : String(e)}`);

const STRIPPERS: Partial<Record<MediaType, (input: Buffer) => Stripped>> = {
  'image/jpeg': stripJpeg,
  'image/png': stripPng,
  'image/webp': stripWebp,
};

/**
 * An image without the metadata phones and cameras write (GPS position, device serials,
 * times, comments, editing software): originals are served publicly. JPEG loses its metadata
 * segments, PNG and WebP their metadata chunks, all losslessly. An image whose EXIF says it is
 * stored rotated or mirrored is instead re-encoded once upright (JPEG at quality 90, PNG
 * losslessly, WebP at quality 90), keeping its ICC profile, since without the tag it would show
 * sideways. Malformed files are refused (422 `corrupt_image`). Videos are not touched.
 */
export async function stripMetadata(input: Buffer, type: MediaType): Promise<Buffer> {
  const strip = STRIPPERS[type];
  if (!strip) return input;
  const { bytes, hadExif } = strip(input);
  if (!hadExif || (await orientationOf(input)) === 1) return bytes;
  return upright(input, type);
}

/**
 * Strips the image stored at `path` in place and answers the hash and size of what is
 * stored now: content addressing names the stripped bytes, so two uploads of one photo with
 * different EXIF are one medium.
 */
export async function stripFile(path: string, type: MediaType): Promise<{ sha256: string; bytes: number }> {
  const input = await readFile(path);
  const output = await stripMetadata(input, type);
  if (output !== input && !output.equals(input)) await writeFile(path, output);
  return { sha256: createHash('sha256').update(output).digest('hex'), bytes: output.length };
}

async function orientationOf(input: Buffer): Promise<number> {
  try {
    return (await sharp(input, { failOn: 'warning', limitInputPixels: false }).metadata()).orientation ?? 1;
  } catch (e) {
    throw corrupt(e);
  }
}

async function upright(input: Buffer, type: MediaType): Promise<Buffer> {
  try {
    const turned = sharp(input, { failOn: 'warning', limitInputPixels: MAX_IMAGE_PIXELS }).rotate().keepIccProfile();
    if (type === 'image/png') return await turned.png().toBuffer();
    if (type === 'image/webp') return await turned.webp({ quality: UPRIGHT_QUALITY }).toBuffer();
    return await turned.jpeg({ quality: UPRIGHT_QUALITY }).toBuffer();
  } catch (e) {
    if (e instanceof Error && /pixel limit/i.test(e.message)) {
      throw new MediaError(422, 'image_too_large', `At most ${MAX_IMAGE_PIXELS / 1e6} megapixels are accepted`);
    }
    throw corrupt(e);
  }
}
