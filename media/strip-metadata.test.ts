import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDerivatives } from './images.ts';
import { MediaLibrary } from './library.ts';
import { MEDIA_MIGRATION } from './migration.ts';
import { stripMetadata } from './strip-metadata.ts';

const options = { name: 'graduate.jpg', ownerWard: null, uploadedBy: null, now: 1_700_000_000_000 };
const GPS = { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 4/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 51/1 2/1' };

/** A picture with detail in it (so a re-encode would show in the pixels). */
const photo = (width = 320, height = 160) =>
  sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#0a4"/><circle cx="30%" cy="50%" r="25%" fill="#fe2"/><text x="55%" y="60%" font-size="40" fill="#fff">GDNN</text></svg>`));

/** Tag ids in IFD0 of an EXIF block (`Exif\0\0` + TIFF). 0x8825 points to the GPS IFD. */
function ifd0Tags(exif: Buffer): number[] {
  const tiff = exif.subarray(6);
  const le = tiff[0] === 0x49;
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const ifd = le ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4);
  return Array.from({ length: u16(ifd) }, (_, i) => u16(ifd + 2 + 12 * i));
}

const raw = (bytes: Buffer) => sharp(bytes).raw().toBuffer();

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

describe('stripMetadata', () => {
  it('removes EXIF with GPS, XMP and comments from a JPEG and leaves its pixels as they were', async () => {
    const tagged = await photo().withExif({ IFD0: { Make: 'PhoneCo', Model: 'X1' }, IFD3: GPS }).withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>').jpeg().toBuffer();
    const commented = Buffer.concat([tagged.subarray(0, 2), Buffer.from([0xff, 0xfe, 0x00, 0x07]), Buffer.from('Lan A'), tagged.subarray(2)]);
    const before = await sharp(commented).metadata();
    expect(ifd0Tags(before.exif!)).toContain(0x8825);
    expect(before.xmp).toBeDefined();

    const stripped = await stripMetadata(commented, 'image/jpeg');
    const after = await sharp(stripped).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.comments ?? []).toEqual([]);
    expect(stripped.includes('PhoneCo')).toBe(false);
    expect(await raw(stripped)).toEqual(await raw(commented));
  });

  it('keeps the ICC profile of a JPEG', async () => {
    const p3 = await photo().withIccProfile('p3').withExif({ IFD3: GPS }).jpeg().toBuffer();
    const stripped = await stripMetadata(p3, 'image/jpeg');
    expect((await sharp(stripped).metadata()).icc).toEqual((await sharp(p3).metadata()).icc);
    expect((await sharp(stripped).metadata()).exif).toBeUndefined();
  });

  it('stores a JPEG marked as turned a quarter upright, without its metadata', async () => {
    const sideways = await photo(320, 160).withExif({ IFD3: GPS }).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect((await sharp(sideways).metadata()).orientation).toBe(6);
    const stored = await stripMetadata(sideways, 'image/jpeg');
    const meta = await sharp(stored).metadata();
    expect([meta.width, meta.height]).toEqual([160, 320]);
    expect(meta.orientation ?? 1).toBe(1);
    expect(meta.exif).toBeUndefined();
    // The picture turned: the yellow circle at the left of the landscape is now at the top.
    const { data, info } = await sharp(stored).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect(at(80, 96)[2]).toBeLessThan(100); // yellow: little blue
    expect(at(80, 280)[0]).toBeLessThan(100); // green: little red
  });

  it('stores a PNG marked as turned a quarter upright, losslessly', async () => {
    const sideways = await photo(320, 160).withExif({ IFD3: GPS }).withMetadata({ orientation: 6 }).png().toBuffer();
    expect((await sharp(sideways).metadata()).orientation).toBe(6);
    const stored = await stripMetadata(sideways, 'image/png');
    const meta = await sharp(stored).metadata();
    expect([meta.width, meta.height, meta.exif]).toEqual([160, 320, undefined]);
    expect(await raw(stored)).toEqual(await sharp(sideways).rotate().raw().toBuffer());
  });

  it('drops text, EXIF and time chunks from a PNG and keeps the rest', async () => {
    const png = await photo().withExif({ IFD3: GPS }).png().toBuffer();
    const iend = png.length - 12;
    const tagged = Buffer.concat([png.subarray(0, 33), pngChunk('tEXt', Buffer.from('Author\0Nguyen Van A')), pngChunk('tIME', Buffer.from([7, 233, 5, 11, 8, 0, 0])), png.subarray(33, iend), png.subarray(iend)]);
    expect((await sharp(tagged).metadata()).exif).toBeDefined();
    const stripped = await stripMetadata(tagged, 'image/png');
    expect(stripped.includes('Nguyen')).toBe(false);
    expect(stripped.includes('tIME')).toBe(false);
    expect((await sharp(stripped).metadata()).exif).toBeUndefined();
    expect(await raw(stripped)).toEqual(await raw(tagged));
  });

  it('drops the EXIF and XMP chunks from a WebP and clears their flags', async () => {
    const webp = await photo().withExif({ IFD3: GPS }).withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>').webp({ lossless: true }).toBuffer();
    expect((await sharp(webp).metadata()).exif).toBeDefined();
    const stripped = await stripMetadata(webp, 'image/webp');
    expect(stripped.readUInt32LE(4)).toBe(stripped.length - 8);
    expect(stripped.toString('latin1', 12, 16)).toBe('VP8X');
    expect(stripped[20]! & 0x0c).toBe(0);
    const meta = await sharp(stripped).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(await raw(stripped)).toEqual(await raw(webp));
  });

  it('makes resized copies without metadata even from a photo that has some', async () => {
    const tagged = await photo(900, 450).withExif({ IFD3: GPS }).jpeg().toBuffer();
    const copies = await makeDerivatives(tagged, 900);
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect((await sharp(copy.bytes).metadata()).exif).toBeUndefined();
  });

  it('refuses segments and chunks that run past the end', async () => {
    const jpeg = await photo().jpeg().toBuffer();
    const cut = Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xe1, 0xff, 0xf0]), Buffer.from('Exif\0\0')]);
    await expect(stripMetadata(cut, 'image/jpeg')).rejects.toMatchObject({ status: 422, code: 'corrupt_image' });
    const png = await photo().png().toBuffer();
    await expect(stripMetadata(png.subarray(0, png.length - 20), 'image/png')).rejects.toMatchObject({ code: 'corrupt_image' });
    const webp = await photo().webp().toBuffer();
    const long = Buffer.from(webp);
    long.writeUInt32LE(webp.length * 2, 16);
    await expect(stripMetadata(long, 'image/webp')).rejects.toMatchObject({ code: 'corrupt_image' });
  });
});

describe('MediaLibrary with metadata', () => {
  let dir: string;
  let library: MediaLibrary;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bangtin-strip-'));
    const db = new Database(':memory:');
    db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY) STRICT;');
    db.exec(MEDIA_MIGRATION);
    library = new MediaLibrary(db, dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores and resizes a photo without its GPS position, named by the stored bytes', async () => {
    const tagged = await photo(900, 450).withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: GPS }).jpeg().toBuffer();
    const { record } = await library.ingestBytes(tagged, options);
    expect(record.info.files.length).toBeGreaterThan(1);
    for (const file of record.info.files) {
      const bytes = readFileSync(join(dir, file.url.slice(7)));
      expect(bytes.length).toBe(file.bytes);
      expect((await sharp(bytes).metadata()).exif).toBeUndefined();
      expect(bytes.includes('PhoneCo')).toBe(false);
    }
    const original = record.info.files.find((f) => f.type === 'image/jpeg')!;
    expect(original.sha256).toBe(record.info.id);
    expect(record.info.bytes).toBeLessThan(tagged.length);
  });

  it('keeps one file for two uploads of a photo that differ only in EXIF', async () => {
    const plain = await photo(500, 250).jpeg().toBuffer();
    const withApp1 = async (exif: Record<string, Record<string, string>>) => {
      const tagged = await photo(500, 250).withExif(exif).jpeg().toBuffer();
      const at = tagged.indexOf(Buffer.from([0xff, 0xe1]));
      const app1 = tagged.subarray(at, at + 2 + tagged.readUInt16BE(at + 2));
      return Buffer.concat([plain.subarray(0, 2), app1, plain.subarray(2)]);
    };
    const first = await library.ingestBytes(await withApp1({ IFD3: GPS }), options);
    const second = await library.ingestBytes(await withApp1({ IFD0: { Make: 'OtherPhone' } }), options);
    expect(second.created).toBe(false);
    expect(second.record.info.id).toBe(first.record.info.id);
    expect(readdirSync(dir).filter((n) => n.endsWith('.jpg'))).toEqual([`${first.record.info.id}.jpg`]);
    expect(readFileSync(join(dir, `${first.record.info.id}.jpg`))).toEqual(plain);
  });

  it('refuses a JPEG with a broken segment and writes nothing', async () => {
    const jpeg = await photo().jpeg().toBuffer();
    const broken = Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xe1, 0x00, 0x01]), jpeg.subarray(2)]);
    await expect(library.ingestBytes(broken, options)).rejects.toMatchObject({ status: 422, code: 'corrupt_image' });
    expect(readdirSync(dir)).toEqual([]);
  });
});
