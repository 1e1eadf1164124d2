import { MAX_IMAGE_PARTS, MediaError, tooComplex } from './errors.ts';

const malformed = (why: string) => new MediaError(422, 'corrupt_image', `The image cannot be decoded (damaged or truncated): ${why}`);

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP13 = 0xed;
const COM = 0xfe;
const ICC_SIGNATURE = Buffer.from('ICC_PROFILE\0', 'latin1');

/** Markers that stand alone, without a length: TEM and RST0–RST7. */
const standalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);

export interface Stripped {
  bytes: Buffer;
  /** Whether the file held EXIF (which may say the picture is stored sideways). */
  hadExif: boolean;
}

/** True for segments that carry who, where and when: EXIF and XMP (APP1), IPTC (APP13), comments, and APP2 other than an ICC profile (e.g. MPF). */
function isMetadata(marker: number, payload: Buffer): boolean {
  if (marker === APP1 || marker === APP13 || marker === COM) return true;
  if (marker === APP2) return !payload.subarray(0, ICC_SIGNATURE.length).equals(ICC_SIGNATURE);
  return false;
}

/**
 * Removes metadata segments from a JPEG without touching the compressed picture: the
 * segments before, between and after the scans are walked by their lengths, entropy-coded
 * data is copied as it is, and anything after EOI (phones append depth maps and motion clips,
 * each with its own EXIF) is dropped. APP0/JFIF, the APP2 ICC profile and APP14/Adobe stay,
 * so colours decode the same. A structure that does not add up is refused, and so is one of
 * more than MAX_IMAGE_PARTS segments.
 */
export function stripJpeg(input: Buffer): Stripped {
  if (input.length < 4 || input[0] !== 0xff || input[1] !== SOI) throw malformed('no JPEG start marker');
  const kept: Buffer[] = [input.subarray(0, 2)];
  let hadExif = false;
  let at = 2;
  for (let parts = 1; ; parts++) {
    if (parts > MAX_IMAGE_PARTS) throw tooComplex('segments', MAX_IMAGE_PARTS);
    if (at >= input.length) throw malformed('the file ends before its end marker');
    if (input[at] !== 0xff) throw malformed(`expected a marker at byte ${at}`);
    while (input[at] === 0xff && at + 1 < input.length && input[at + 1] === 0xff) at += 1; // fill bytes
    if (at + 1 >= input.length) throw malformed('the file ends inside a marker');
    const marker = input[at + 1]!;
    if (marker === EOI) {
      kept.push(input.subarray(at, at + 2));
      return { bytes: Buffer.concat(kept), hadExif };
    }
    if (marker === SOI || marker === 0x00) throw malformed(`unexpected marker 0x${marker.toString(16)} at byte ${at}`);
    if (standalone(marker)) {
      kept.push(input.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (at + 4 > input.length) throw malformed('the file ends inside a segment header');
    const length = input.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > input.length) throw malformed(`segment 0x${marker.toString(16)} at byte ${at} runs past the end`);
    const payload = input.subarray(at + 4, end);
    if (marker === APP1 && payload.subarray(0, 6).toString('latin1') === 'Exif\0\0') hadExif = true;
    if (!isMetadata(marker, payload)) kept.push(input.subarray(at, end));
    at = end;
    if (marker === SOS) {
      const dataEnd = scanEnd(input, at);
      kept.push(input.subarray(at, dataEnd));
      at = dataEnd;
    }
  }
}

/** Where the entropy-coded data that starts at `from` ends: the next marker that is not a stuffed 0xFF00 or a restart marker. */
function scanEnd(input: Buffer, from: number): number {
  let at = from;
  for (;;) {
    at = input.indexOf(0xff, at);
    if (at < 0 || at + 1 >= input.length) throw malformed('the file ends inside the picture data');
    const next = input[at + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) at += 2;
    else if (next === 0xff) at += 1;
    else return at;
  }
}
