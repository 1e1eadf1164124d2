import { MediaError } from './errors.ts';

export const FILENAME_MAX = 200;
/** Percent-encoding triples the length of non-ASCII names; anything longer is not a name. */
const HEADER_MAX = FILENAME_MAX * 12;

// C0 and C1 controls, DEL, and the bidirectional overrides that make "gpj.exe" read "exe.jpg".
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

const bad = (why: string) => new MediaError(400, 'bad_filename', `Refused file name: ${why}`);

/**
 * The original file name, sent percent-encoded (UTF-8) in `X-Filename`, as metadata only:
 * files are stored under their hash, never under this name. Absent → null. A name with a
 * path in it, control characters or more than 200 characters is refused, not repaired, so
 * the operator sees what was wrong.
 */
export function parseFilename(header: string | undefined): string | null {
  if (header === undefined || header === '') return null;
  if (header.length > HEADER_MAX) throw bad(`longer than ${FILENAME_MAX} characters`);
  let name: string;
  try {
    name = decodeURIComponent(header);
  } catch {
    throw bad('not valid percent-encoded UTF-8');
  }
  name = name.normalize('NFC');
  if (CONTROL.test(name)) throw bad('contains control characters');
  if (/[/\\]/.test(name)) throw bad('contains a path separator (/ or \\)');
  name = name.trim();
  if (name === '' || name === '.' || name === '..') throw bad('empty');
  if ([...name].length > FILENAME_MAX) throw bad(`longer than ${FILENAME_MAX} characters`);
  return name;
}
