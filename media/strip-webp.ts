import { MAX_IMAGE_PARTS, MediaError, tooComplex } from './errors.ts';
import type { Stripped } from './strip-jpeg.ts';

const malformed = (why: string) => new MediaError(422, 'corrupt_image', `The image cannot be decoded (damaged or truncated): ${why}`);

const METADATA_CHUNKS = new Set(['EXIF', 'XMP ']);
/** VP8X header flags that announce the chunks removed here. */
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

/**
 * Removes the EXIF and XMP chunks from a WebP's RIFF container, then writes the new RIFF size
 * and clears the VP8X flags that announced them (a decoder may insist on finding a flagged
 * chunk). Chunks are padded to an even length; one that runs past the RIFF size is refused.
 * Bytes after the RIFF size are dropped. More than MAX_IMAGE_PARTS chunks are refused.
 */
export function stripWebp(input: Buffer): Stripped {
  if (input.length < 12 || input.toString('latin1', 0, 4) !== 'RIFF' || input.toString('latin1', 8, 12) !== 'WEBP') throw malformed('no RIFF/WEBP header');
  const riffEnd = 8 + input.readUInt32LE(4);
  if (riffEnd > input.length) throw malformed('the file is shorter than its RIFF size');
  const kept: Buffer[] = [];
  let hadExif = false;
  let at = 12;
  for (let parts = 1; at < riffEnd; parts++) {
    if (parts > MAX_IMAGE_PARTS) throw tooComplex('chunks', MAX_IMAGE_PARTS);
    if (at + 8 > riffEnd) throw malformed(`a chunk header at byte ${at} runs past the end`);
    const type = input.toString('latin1', at, at + 4);
    const size = input.readUInt32LE(at + 4);
    const end = at + 8 + size + (size & 1);
    if (end > riffEnd) throw malformed(`chunk ${JSON.stringify(type)} at byte ${at} runs past the end`);
    if (type === 'EXIF') hadExif = true;
    if (!METADATA_CHUNKS.has(type)) kept.push(Buffer.from(input.subarray(at, end)));
    at = end;
  }
  if (kept.length === 0) throw malformed('the WebP holds no chunks');
  const vp8x = kept.find((c) => c.toString('latin1', 0, 4) === 'VP8X');
  if (vp8x) {
    if (vp8x.length < 9) throw malformed('the VP8X chunk is too short');
    vp8x[8] = vp8x[8]! & ~(VP8X_EXIF | VP8X_XMP);
  }
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.write('WEBP', 8, 'latin1');
  const body = Buffer.concat(kept);
  header.writeUInt32LE(4 + body.length, 4);
  return { bytes: Buffer.concat([header, body]), hadExif };
}
