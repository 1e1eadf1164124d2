import { describe, expect, it } from 'vitest';
import { probeMp4 } from './mp4.ts';
import { bufferSource, VideoProbeError } from './source.ts';
import { box, mp4 } from './test-fixtures.ts';

const probe = (bytes: Buffer) => probeMp4(bufferSource(bytes));
const problem = (bytes: Buffer) => {
  try {
    probe(bytes);
  } catch (e) {
    if (e instanceof VideoProbeError) return e.code;
    throw e;
  }
  return null;
};

describe('probeMp4', () => {
  it('reads size, duration and codec from mvhd, tkhd and stsd', () => {
    expect(probe(mp4({ width: 1920, height: 1080, duration: 90_000, timescale: 12_800 }))).toEqual({
      width: 1920,
      height: 1080,
      durationMs: 7031,
      codec: 'avc1',
    });
  });

  it('reads 64-bit (version 1) headers', () => {
    expect(probe(mp4({ v1: true, duration: 6_500 }))).toMatchObject({ width: 640, height: 360, durationMs: 6_500 });
  });

  it('finds moov after mdat', () => {
    expect(probe(mp4({ moovLast: true }))).toMatchObject({ durationMs: 7_000 });
  });

  it('swaps the sides of a clip turned a quarter turn (portrait phone video)', () => {
    expect(probe(mp4({ width: 1920, height: 1080, quarterTurn: true }))).toMatchObject({ width: 1080, height: 1920 });
  });

  it('refuses a clip without a duration', () => {
    expect(problem(mp4({ duration: 0 }))).toBe('video_duration_unknown');
  });

  it('refuses a file cut off anywhere', () => {
    const whole = mp4({ mdatBytes: 4096 });
    for (const at of [10, 40, 200, whole.length - 4096, whole.length - 1]) {
      expect(problem(whole.subarray(0, at)), `cut at ${at}`).toBe('corrupt_video');
    }
    const cameraStyle = mp4({ moovLast: true });
    expect(problem(cameraStyle.subarray(0, cameraStyle.length - 20))).toBe('corrupt_video');
  });

  it('refuses a file without moov or without media data', () => {
    const ftyp = box('ftyp', Buffer.from('isom0000'));
    expect(problem(Buffer.concat([ftyp, box('mdat', Buffer.alloc(100))]))).toBe('corrupt_video');
    const whole = mp4();
    const withoutMdat = whole.subarray(0, whole.length - 2048 - 8);
    expect(problem(withoutMdat)).toBe('corrupt_video');
  });

  it('refuses audio-only files and codecs other than H.264', () => {
    expect(problem(mp4({ handler: 'soun', width: 0, height: 0 }))).toBe('no_video_track');
    expect(problem(mp4({ codec: 'hvc1' }))).toBe('unsupported_video_codec');
  });

  it('refuses a box with an impossible size', () => {
    const bytes = Buffer.from(mp4());
    bytes.writeUInt32BE(3, 0);
    expect(problem(bytes)).toBe('corrupt_video');
  });
});
