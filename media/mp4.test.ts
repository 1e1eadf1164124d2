import { describe, expect, it } from 'vitest';
import { mp4Limits, probeMp4 } from './mp4.ts';
import { bufferSource, VideoProbeError } from './source.ts';
import { box, mp4 } from './test-fixtures.ts';

const probe = (bytes: Buffer) => probeMp4(bufferSource(bytes, mp4Limits(bytes.length)));
const problem = async (bytes: Buffer, source = bufferSource(bytes, mp4Limits(bytes.length))) => {
  try {
    await probeMp4(source);
  } catch (e) {
    if (e instanceof VideoProbeError) return e.code;
    throw e;
  }
  return null;
};

describe('probeMp4', () => {
  it('reads size, duration and codec from mvhd, tkhd and stsd', async () => {
    expect(await probe(mp4({ width: 1920, height: 1080, duration: 90_000, timescale: 12_800 }))).toEqual({
      width: 1920,
      height: 1080,
      durationMs: 7031,
      codec: 'avc1',
    });
  });

  it('reads 64-bit (version 1) headers', async () => {
    expect(await probe(mp4({ v1: true, duration: 6_500 }))).toMatchObject({ width: 640, height: 360, durationMs: 6_500 });
  });

  it('finds moov after mdat', async () => {
    expect(await probe(mp4({ moovLast: true }))).toMatchObject({ durationMs: 7_000 });
  });

  it('swaps the sides of a clip turned a quarter turn (portrait phone video)', async () => {
    expect(await probe(mp4({ width: 1920, height: 1080, quarterTurn: true }))).toMatchObject({ width: 1080, height: 1920 });
  });

  it('refuses a clip without a duration', async () => {
    expect(await problem(mp4({ duration: 0 }))).toBe('video_duration_unknown');
  });

  it('refuses a file cut off anywhere', async () => {
    const whole = mp4({ mdatBytes: 4096 });
    for (const at of [10, 40, 200, whole.length - 4096, whole.length - 1]) {
      expect(await problem(whole.subarray(0, at)), `cut at ${at}`).toBe('corrupt_video');
    }
    const cameraStyle = mp4({ moovLast: true });
    expect(await problem(cameraStyle.subarray(0, cameraStyle.length - 20))).toBe('corrupt_video');
  });

  it('refuses a file without moov or without media data', async () => {
    const ftyp = box('ftyp', Buffer.from('isom0000'));
    expect(await problem(Buffer.concat([ftyp, box('mdat', Buffer.alloc(100))]))).toBe('corrupt_video');
    const whole = mp4();
    const withoutMdat = whole.subarray(0, whole.length - 2048 - 8);
    expect(await problem(withoutMdat)).toBe('corrupt_video');
  });

  it('refuses audio-only files and codecs other than H.264', async () => {
    expect(await problem(mp4({ handler: 'soun', width: 0, height: 0 }))).toBe('no_video_track');
    expect(await problem(mp4({ codec: 'hvc1' }))).toBe('unsupported_video_codec');
  });

  it('refuses a box with an impossible size', async () => {
    const bytes = Buffer.from(mp4());
    bytes.writeUInt32BE(3, 0);
    expect(await problem(bytes)).toBe('corrupt_video');
  });

  it('refuses a file of more boxes than its budget (media_too_complex), however valid the rest', async () => {
    const clip = mp4();
    const flood = Buffer.concat([clip, ...Array.from({ length: 1_000 }, () => box('free'))]);
    expect(await problem(flood, bufferSource(flood, { steps: 500, bytes: Infinity }))).toBe('media_too_complex');
    // The same budget takes the clip itself, and the real limit takes the flood.
    expect(await problem(clip, bufferSource(clip, { steps: 500, bytes: Infinity }))).toBe(null);
    expect(await probe(flood)).toMatchObject({ durationMs: 7_000 });
  });

  it('counts every walk of the index against the budget, and the bytes read', async () => {
    // 600 boxes at the start of moov: walked once for mvhd and again for the tracks, 1,200 steps.
    const clip = mp4();
    const moovAt = clip.indexOf('moov') - 4;
    const moovSize = clip.readUInt32BE(moovAt);
    const padding = Buffer.concat(Array.from({ length: 600 }, () => box('free')));
    const fat = Buffer.concat([clip.subarray(0, moovAt + 8), padding, clip.subarray(moovAt + 8)]);
    fat.writeUInt32BE(moovSize + padding.length, moovAt);
    expect(await probe(fat)).toMatchObject({ durationMs: 7_000 });
    expect(await problem(fat, bufferSource(fat, { steps: 1_000, bytes: Infinity }))).toBe('media_too_complex');
    expect(await problem(clip, bufferSource(clip, { steps: Infinity, bytes: 100 }))).toBe('media_too_complex');
  });
});
