import { describe, expect, it } from 'vitest';
import { bufferSource, VideoProbeError } from './source.ts';
import { webm } from './test-fixtures.ts';
import { probeWebm, webmLimits } from './webm.ts';

const probe = (bytes: Buffer) => probeWebm(bufferSource(bytes, webmLimits(bytes.length)));
const problem = async (bytes: Buffer, source = bufferSource(bytes, webmLimits(bytes.length))) => {
  try {
    await probeWebm(source);
  } catch (e) {
    if (e instanceof VideoProbeError) return e.code;
    throw e;
  }
  return null;
};

describe('probeWebm', () => {
  it('reads size, duration and codec from Info and Tracks', async () => {
    expect(await probe(webm({ width: 1280, height: 720, durationMs: 6_999.6 }))).toEqual({
      width: 1280,
      height: 720,
      durationMs: 7_000,
      codec: 'V_VP9',
    });
  });

  it('walks segments and clusters of unknown size, as live recorders write them', async () => {
    expect(await probe(webm({ live: true, clusters: 5 }))).toMatchObject({ durationMs: 7_000, width: 640 });
  });

  it('refuses a clip without a Duration (MediaRecorder output)', async () => {
    expect(await problem(webm({ durationMs: null }))).toBe('video_duration_unknown');
    expect(await problem(webm({ durationMs: null, live: true }))).toBe('video_duration_unknown');
  });

  it('refuses a file cut off inside an element', async () => {
    for (const live of [false, true]) {
      const whole = webm({ live });
      for (const at of [3, 30, 120, whole.length - 250, whole.length - 1]) {
        expect(await problem(whole.subarray(0, at)), `live ${live}, cut at ${at}`).toBe('corrupt_video');
      }
    }
  });

  it('refuses Matroska that is not WebM, audio-only files and other codecs', async () => {
    expect(await problem(webm({ docType: 'matroska' }))).toBe('corrupt_video');
    expect(await problem(webm({ trackType: 2 }))).toBe('no_video_track');
    expect(await problem(webm({ codec: 'V_MPEG4/ISO/AVC' }))).toBe('unsupported_video_codec');
    expect((await probe(webm({ codec: 'V_VP8' }))).codec).toBe('V_VP8');
  });

  it('refuses garbage', async () => {
    expect(await problem(Buffer.from('not a webm file at all'))).toBe('corrupt_video');
    expect(await problem(Buffer.alloc(0))).toBe('corrupt_video');
  });

  it('refuses a file of more elements than its budget (media_too_complex)', async () => {
    // Two-byte Void elements inside a cluster of unknown size: each one is walked.
    const clip = webm({ live: true, clusters: 1 });
    const flood = Buffer.concat([clip, Buffer.alloc(2_000, Buffer.from([0xec, 0x80]))]);
    expect(await problem(flood, bufferSource(flood, { steps: 500, bytes: Infinity }))).toBe('media_too_complex');
    expect(await problem(clip, bufferSource(clip, { steps: 500, bytes: Infinity }))).toBe(null);
    expect(await probe(flood)).toMatchObject({ durationMs: 7_000 });
  });
});

