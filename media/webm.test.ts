import { describe, expect, it } from 'vitest';
import { bufferSource, VideoProbeError } from './source.ts';
import { webm } from './test-fixtures.ts';
import { probeWebm } from './webm.ts';

const probe = (bytes: Buffer) => probeWebm(bufferSource(bytes));
const problem = (bytes: Buffer) => {
  try {
    probe(bytes);
  } catch (e) {
    if (e instanceof VideoProbeError) return e.code;
    throw e;
  }
  return null;
};

describe('probeWebm', () => {
  it('reads size, duration and codec from Info and Tracks', () => {
    expect(probe(webm({ width: 1280, height: 720, durationMs: 6_999.6 }))).toEqual({
      width: 1280,
      height: 720,
      durationMs: 7_000,
      codec: 'V_VP9',
    });
  });

  it('walks segments and clusters of unknown size, as live recorders write them', () => {
    expect(probe(webm({ live: true, clusters: 5 }))).toMatchObject({ durationMs: 7_000, width: 640 });
  });

  it('refuses a clip without a Duration (MediaRecorder output)', () => {
    expect(problem(webm({ durationMs: null }))).toBe('video_duration_unknown');
    expect(problem(webm({ durationMs: null, live: true }))).toBe('video_duration_unknown');
  });

  it('refuses a file cut off inside an element', () => {
    for (const live of [false, true]) {
      const whole = webm({ live });
      for (const at of [3, 30, 120, whole.length - 250, whole.length - 1]) {
        expect(problem(whole.subarray(0, at)), `live ${live}, cut at ${at}`).toBe('corrupt_video');
      }
    }
  });

  it('refuses Matroska that is not WebM, audio-only files and other codecs', () => {
    expect(problem(webm({ docType: 'matroska' }))).toBe('corrupt_video');
    expect(problem(webm({ trackType: 2 }))).toBe('no_video_track');
    expect(problem(webm({ codec: 'V_MPEG4/ISO/AVC' }))).toBe('unsupported_video_codec');
    expect(probe(webm({ codec: 'V_VP8' })).codec).toBe('V_VP8');
  });

  it('refuses garbage', () => {
    expect(problem(Buffer.from('not a webm file at all'))).toBe('corrupt_video');
    expect(problem(Buffer.alloc(0))).toBe('corrupt_video');
  });
});
