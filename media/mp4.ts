import { VideoProbeError, corrupt, type ByteSource, type ProbeLimits, type VideoProbe } from './source.ts';

/**
 * Reads an MP4's size and length from its boxes (ISO/IEC 14496-12): `moov/mvhd` for the
 * duration (or `moov/mvex/mehd` for a fragmented file), and the video track's `tkhd` for the
 * presentation size, swapped when its matrix turns the picture a quarter turn. Every top-level
 * box must end inside the file, so a cut-off upload is refused rather than half played. Only
 * box headers and the few small index boxes it needs are read, and every box walked counts
 * against the source's budget (`mp4Limits`).
 */

/** The codecs a Chromium 90 player decodes in MP4 everywhere: H.264. */
export const MP4_CODECS = ['avc1', 'avc3'];
/** A `moov` larger than this is not a clip for a bulletin board. */
const MAX_MOOV_BYTES = 64 * 1024 * 1024;
/** The index boxes read whole (mvhd, mehd, tkhd, hdlr, stsd) are a few hundred bytes in real files. */
const MAX_PAYLOAD_BYTES = 1024 * 1024;

/**
 * A clip's top level is a handful of boxes (ftyp, moov, mdat, free), or two per fragment
 * when fragmented: 100,000 boxes is a fragment per frame for 27 minutes at 30 fps. The bytes
 * read are the headers (4 KB at a time), the small index boxes, and no more than the file.
 */
export const mp4Limits = (size: number): ProbeLimits => ({ steps: 100_000, bytes: size + 32 * 1024 * 1024 });

interface Box {
  type: string;
  /** Offset of the payload (after the header). */
  data: number;
  /** Offset just past the box. */
  end: number;
}

const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
const u64 = (b: Uint8Array, at: number) => u32(b, at) * 2 ** 32 + u32(b, at + 4);
const i32 = (b: Uint8Array, at: number) => u32(b, at) | 0;
const fourcc = (b: Uint8Array, at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);

/** The boxes between `start` and `end`; throws when one does not fit. */
async function* boxes(src: ByteSource, start: number, end: number): AsyncGenerator<Box> {
  let at = start;
  while (at < end) {
    src.step();
    if (end - at < 8) throw corrupt(`${end - at} stray bytes at offset ${at}`);
    const head = await src.read(at, 16);
    let size = u32(head, 0);
    const type = fourcc(head, 4);
    let data = at + 8;
    if (size === 1) {
      if (head.length < 16) throw corrupt(`box '${type}' header cut off`);
      size = u64(head, 8);
      data = at + 16;
    } else if (size === 0) size = end - at;
    if (size < data - at) throw corrupt(`box '${type}' has an impossible size ${size}`);
    if (at + size > end) throw corrupt(`box '${type}' at offset ${at} runs past the end`);
    yield { type, data, end: at + size };
    at += size;
  }
}

const child = async (src: ByteSource, parent: Box, type: string) => {
  for await (const box of boxes(src, parent.data, parent.end)) if (box.type === type) return box;
  return undefined;
};

const payload = async (src: ByteSource, box: Box, min: number): Promise<Uint8Array> => {
  if (box.end - box.data > MAX_PAYLOAD_BYTES) throw corrupt(`box '${box.type}' is unreasonably large`);
  const bytes = await src.read(box.data, box.end - box.data);
  if (bytes.length < min) throw corrupt(`box '${box.type}' is too short`);
  return bytes;
};

interface Track {
  handler: string;
  codec: string | null;
  width: number;
  height: number;
}

async function readTrack(src: ByteSource, trak: Box): Promise<Track> {
  const tkhdBox = await child(src, trak, 'tkhd');
  if (!tkhdBox) throw corrupt('a track has no tkhd');
  const tkhd = await payload(src, tkhdBox, 84);
  const v1 = tkhd[0] === 1;
  if (v1 && tkhd.length < 96) throw corrupt("box 'tkhd' is too short");
  const matrix = v1 ? 52 : 40;
  let width = Math.round(u32(tkhd, matrix + 36) / 65536);
  let height = Math.round(u32(tkhd, matrix + 40) / 65536);
  // A quarter turn (a = d = 0): the picture shows with its sides swapped (phone videos).
  if (i32(tkhd, matrix) === 0 && i32(tkhd, matrix + 16) === 0 && i32(tkhd, matrix + 4) !== 0) [width, height] = [height, width];

  let handler = '';
  let codec: string | null = null;
  const mdia = await child(src, trak, 'mdia');
  if (mdia) {
    const hdlr = await child(src, mdia, 'hdlr');
    if (hdlr) handler = fourcc(await payload(src, hdlr, 12), 8);
    const minf = await child(src, mdia, 'minf');
    const stbl = minf && (await child(src, minf, 'stbl'));
    const stsd = stbl && (await child(src, stbl, 'stsd'));
    if (stsd) {
      const entries = await payload(src, stsd, 8);
      if (u32(entries, 4) > 0 && entries.length >= 16) {
        codec = fourcc(entries, 12);
        // Without a size in tkhd, the visual sample entry has one.
        if ((width === 0 || height === 0) && entries.length >= 44) {
          width = (entries[40]! << 8) | entries[41]!;
          height = (entries[42]! << 8) | entries[43]!;
        }
      }
    }
  }
  return { handler, codec, width, height };
}

async function durationOf(src: ByteSource, moov: Box): Promise<number> {
  const mvhdBox = await child(src, moov, 'mvhd');
  if (!mvhdBox) throw corrupt('moov has no mvhd');
  const mvhd = await payload(src, mvhdBox, 20);
  const v1 = mvhd[0] === 1;
  if (v1 && mvhd.length < 32) throw corrupt("box 'mvhd' is too short");
  const timescale = u32(mvhd, v1 ? 20 : 12);
  let duration = v1 ? u64(mvhd, 24) : u32(mvhd, 16);
  const unknown = v1 ? 2 ** 64 - 1 : 0xffffffff;
  if (duration === 0 || duration >= unknown) {
    // A fragmented file gives its whole length in mvex/mehd, if anywhere.
    const mvex = await child(src, moov, 'mvex');
    const mehdBox = mvex && (await child(src, mvex, 'mehd'));
    duration = 0;
    if (mehdBox) {
      const mehd = await payload(src, mehdBox, 8);
      duration = mehd[0] === 1 && mehd.length >= 12 ? u64(mehd, 4) : u32(mehd, 4);
    }
  }
  if (timescale === 0) throw corrupt('mvhd has a zero timescale');
  const ms = Math.round((duration / timescale) * 1000);
  if (!(ms >= 1) || !Number.isSafeInteger(ms)) {
    throw new VideoProbeError('video_duration_unknown', 'The MP4 file does not say how long it is (no duration in mvhd or mehd)');
  }
  return ms;
}

export async function probeMp4(src: ByteSource): Promise<VideoProbe> {
  let moov: Box | undefined;
  let media = false;
  for await (const box of boxes(src, 0, src.size)) {
    if (box.type === 'moov') moov ??= box;
    if (box.type === 'mdat' || box.type === 'moof') media = true;
  }
  if (!moov) throw corrupt('no moov box');
  if (!media) throw corrupt('no media data (mdat)');
  if (moov.end - moov.data > MAX_MOOV_BYTES) throw corrupt('the moov box is unreasonably large');
  const durationMs = await durationOf(src, moov);
  const tracks: Track[] = [];
  for await (const box of boxes(src, moov.data, moov.end)) if (box.type === 'trak') tracks.push(await readTrack(src, box));
  const video = tracks.find((t) => t.handler === 'vide') ?? tracks.find((t) => t.handler === '' && t.width > 0);
  if (!video) throw new VideoProbeError('no_video_track', 'The MP4 file has no video track');
  if (!video.codec || !MP4_CODECS.includes(video.codec)) {
    throw new VideoProbeError('unsupported_video_codec', `MP4 video must be H.264 (avc1); this one is ${video.codec ?? 'unknown'}`);
  }
  if (video.width < 1 || video.height < 1) throw corrupt('the video track has no size');
  return { width: video.width, height: video.height, durationMs, codec: video.codec };
}
