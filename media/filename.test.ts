import { describe, expect, it } from 'vitest';
import { MediaError } from './errors.ts';
import { parseFilename } from './filename.ts';

const refused = (header: string) => {
  try {
    parseFilename(header);
  } catch (e) {
    return e instanceof MediaError ? e.code : String(e);
  }
  return 'accepted';
};

describe('parseFilename', () => {
  it('decodes percent-encoded UTF-8 and normalises to NFC', () => {
    expect(parseFilename(encodeURIComponent('Ảnh lễ tốt nghiệp.jpg'))).toBe('Ảnh lễ tốt nghiệp.jpg');
    expect(parseFilename(encodeURIComponent('Hoa\u0300.png'))).toBe('Hoà.png');
    expect(parseFilename('  ten%20anh.jpg ')).toBe('ten anh.jpg');
    expect(parseFilename('photo..final.jpg')).toBe('photo..final.jpg');
  });

  it('takes a missing name as none', () => {
    expect(parseFilename(undefined)).toBeNull();
    expect(parseFilename('')).toBeNull();
  });

  it.each([
    ['a parent path', encodeURIComponent('../../etc/passwd')],
    ['a parent path, unencoded', '../photo.jpg'],
    ['a Windows path', encodeURIComponent('..\\photo.jpg')],
    ['a slash', encodeURIComponent('a/b.jpg')],
    ['a dot-dot name', '..'],
    ['a NUL', encodeURIComponent('photo\u0000.jpg')],
    ['a newline', encodeURIComponent('photo\n.jpg')],
    ['a bidi override', encodeURIComponent('photo\u202Egpj.exe')],
    ['201 characters', encodeURIComponent('ả'.repeat(197) + '.jpg')],
    ['broken percent-encoding', '%E1%BA'],
    ['only spaces', '%20%20'],
  ])('refuses %s', (_what, header) => {
    expect(refused(header)).toBe('bad_filename');
  });

  it('accepts 200 characters', () => {
    expect(parseFilename(encodeURIComponent('ả'.repeat(196) + '.jpg'))).toHaveLength(200);
  });
});
