import { MAX_IMAGE_PARTS, MediaError, tooComplex } from './errors.ts';
import type { Stripped } from './strip-jpeg.ts';

const malformed = (why: string) => new MediaError(422, 'corrupt_image', `The image cannot be decoded (damaged or truncated): ${why}`);

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Text (author, software, camera notes), EXIF and the last-modified time. iCCP, sRGB, gAMA and the like stay: they change how colours look. */
const METADATA_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

/**
 * Removes metadata chunks from a PNG. Each chunk carries its own CRC, so whole chunks can be
 * dropped and the rest copied as they are; anything after IEND is dropped too. A chunk that
 * runs past the end, or a file without IHDR first and IEND last, is refused, and so is one of
 * more than MAX_IMAGE_PARTS chunks.
 */
export function stripPng(input: Buffer): Stripped {
  if (input.length < SIGNATURE.length || !input.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw malformed('no PNG signature');
  const kept: Buffer[] = [input.subarray(0, SIGNATURE.length)];
  let at = SIGNATURE.length;
  let first = true;
  let hadExif = false;
  for (let parts = 1; ; parts++) {
    if (parts > MAX_IMAGE_PARTS) throw tooComplex('chunks', MAX_IMAGE_PARTS);
    if (at + 12 > input.length) throw malformed('the file ends before IEND');
    const length = input.readUInt32BE(at);
    const type = input.subarray(at + 4, at + 8).toString('latin1');
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > input.length) throw malformed(`chunk ${JSON.stringify(type)} at byte ${at} runs past the end`);
    if (first && type !== 'IHDR') throw malformed('the first chunk is not IHDR');
    first = false;
    if (type === 'eXIf') hadExif = true;
    if (!METADATA_CHUNKS.has(type)) kept.push(input.subarray(at, end));
    at = end;
    if (type === 'IEND') return { bytes: Buffer.concat(kept), hadExif };
  }
}
