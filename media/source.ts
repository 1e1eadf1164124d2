import { fstatSync, readSync } from 'node:fs';

/**
 * Random access to a file's bytes, so the video parsers read box and element headers where
 * they are without loading a 200 MB clip. `read` returns fewer bytes than asked at the end.
 */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Uint8Array;
}

export function bufferSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => bytes.subarray(Math.min(offset, bytes.length), Math.min(offset + length, bytes.length)),
  };
}

/** Reads an open file descriptor; the caller owns (and closes) it. */
export function fileSource(fd: number): ByteSource {
  const size = fstatSync(fd).size;
  return {
    size,
    read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const out = Buffer.alloc(n);
      let done = 0;
      while (done < n) {
        const got = readSync(fd, out, done, n - done, offset + done);
        if (got === 0) break;
        done += got;
      }
      return out.subarray(0, done);
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

export type VideoProblem = 'corrupt_video' | 'video_duration_unknown' | 'no_video_track' | 'unsupported_video_codec';

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
