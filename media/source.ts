import type { FileHandle } from 'node:fs/promises';

/**
 * Random access to a file's bytes, so the video parsers read box and element headers where
 * they are without loading a 200 MB clip. Reads are asynchronous: a parser walking a file
 * hands the event loop back at every read that goes to the disk, so /healthz, heartbeats and
 * emergencies are answered while a clip is probed (issue 11). `read` returns fewer bytes than
 * asked at the end.
 *
 * A source is also the parser's budget: `step` counts each box or element walked and the
 * source counts the bytes it reads, and either past its limit refuses the file
 * (`media_too_complex`): a file of millions of tiny boxes is an attack, not a clip.
 */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Counts one box or element walked; throws past the limit. */
  step(): void;
}

export interface ProbeLimits {
  /** Boxes or elements walked, every walk counted (a parent's children walked twice count twice). */
  steps: number;
  /** Bytes read from the source, read-ahead included. */
  bytes: number;
}

/** Small reads fetch this much, so walking consecutive small boxes is one disk read per 4 KB. */
const READ_AHEAD = 4096;

class Budget {
  #steps = 0;
  #bytes = 0;
  constructor(
    private readonly limits: ProbeLimits,
    private readonly what: string,
  ) {}

  step(): void {
    if (++this.#steps > this.limits.steps) {
      throw new VideoProbeError('media_too_complex', `The file is built of more than ${this.limits.steps.toLocaleString('en')} ${this.what}, which no camera or editor writes; export or remux it again (e.g. ffmpeg -c copy)`);
    }
  }

  read(n: number): void {
    this.#bytes += n;
    if (this.#bytes > this.limits.bytes) {
      throw new VideoProbeError('media_too_complex', `Reading the file's structure took more than ${Math.round(this.limits.bytes / 1024 / 1024)} MB; export or remux it again (e.g. ffmpeg -c copy)`);
    }
  }
}

export function bufferSource(bytes: Uint8Array, limits: ProbeLimits = { steps: Infinity, bytes: Infinity }, what = 'boxes'): ByteSource {
  const budget = new Budget(limits, what);
  return {
    size: bytes.length,
    read: async (offset, length) => {
      const out = bytes.subarray(Math.min(offset, bytes.length), Math.min(offset + length, bytes.length));
      budget.read(out.length);
      return out;
    },
    step: () => budget.step(),
  };
}

/** Reads an open file; the caller owns (and closes) it. */
export function fileSource(file: FileHandle, size: number, limits: ProbeLimits, what = 'boxes'): ByteSource {
  const budget = new Budget(limits, what);
  let ahead = Buffer.alloc(0);
  let aheadAt = 0;
  return {
    size,
    step: () => budget.step(),
    async read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      if (offset >= aheadAt && offset + n <= aheadAt + ahead.length) return ahead.subarray(offset - aheadAt, offset - aheadAt + n);
      const out = Buffer.alloc(Math.max(0, Math.min(Math.max(n, READ_AHEAD), size - offset)));
      let done = 0;
      while (done < out.length) {
        const { bytesRead } = await file.read(out, done, out.length - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      budget.read(done);
      if (n < READ_AHEAD) {
        ahead = out.subarray(0, done);
        aheadAt = offset;
      }
      return out.subarray(0, Math.min(n, done));
    },
  };
}

/** What a video parser found, or why it refused the file. */
export interface VideoProbe {
  width: number;
  height: number;
  durationMs: number;
  /** The video track's codec, e.g. `avc1` or `V_VP9`. */
  codec: string;
}

export type VideoProblem = 'corrupt_video' | 'video_duration_unknown' | 'no_video_track' | 'unsupported_video_codec' | 'media_too_complex';

export class VideoProbeError extends Error {
  constructor(
    readonly code: VideoProblem,
    message: string,
  ) {
    super(message);
    this.name = 'VideoProbeError';
  }
}

export const corrupt = (why: string) => new VideoProbeError('corrupt_video', `The video file is damaged or truncated: ${why}`);
