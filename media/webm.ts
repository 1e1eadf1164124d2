import { VideoProbeError, corrupt, type ByteSource, type ProbeLimits, type VideoProbe } from './source.ts';

/**
 * Reads a WebM's size and length from its EBML elements (Matroska): `Segment/Info/Duration`
 * scaled by `TimecodeScale`, and the video track's `PixelWidth`/`PixelHeight` (or its display
 * size) from `Segment/Tracks`. It walks every element header of the segment, descending into
 * clusters of unknown size (live recorders write those), so a cut-off upload is refused.
 * A file without a Duration (MediaRecorder writes none) is refused: remux it first. Every
 * element header read counts against the source's budget (`webmLimits`).
 */

export const WEBM_CODECS = ['V_VP8', 'V_VP9', 'V_AV1'];

const ID = {
  EBML: 0x1a45dfa3,
  DocType: 0x4282,
  Segment: 0x18538067,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Duration: 0x4489,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackType: 0x83,
  CodecID: 0x86,
  Video: 0xe0,
  PixelWidth: 0xb0,
  PixelHeight: 0xba,
  DisplayWidth: 0x54b0,
  DisplayHeight: 0x54ba,
  DisplayUnit: 0x54b2,
  Cluster: 0x1f43b675,
  Void: 0xec,
} as const;

/** Elements that live directly in a Segment: meeting one ends a cluster of unknown size. */
const SEGMENT_CHILDREN = new Set([0x114d9b74, ID.Info, ID.Tracks, ID.Cluster, 0x1c53bb6b, 0x1043a770, 0x1254c367, 0x1941a469]);
const MAX_HEADER_BYTES = 1024 * 1024;

/**
 * Sized clusters are skipped whole, so a remuxed clip is a few elements per cluster. Clusters
 * of unknown size (live recorders) are walked block by block, a block per frame and per audio
 * packet: 500,000 elements is over an hour and a half at 80 blocks a second. The bytes read are
 * the headers (4 KB at a time) and the small header elements, no more than the file.
 */
export const webmLimits = (size: number): ProbeLimits => ({ steps: 500_000, bytes: size + 32 * 1024 * 1024 });

interface Element {
  id: number;
  /** Offset of the payload. */
  data: number;
  /** Payload size; null when unknown (streamed). */
  size: number | null;
}

/** An EBML variable-size integer at `at`: its length and value (the marker bit kept for ids). */
function vint(b: Uint8Array, at: number, keepMarker: boolean): { length: number; value: number; allOnes: boolean } | null {
  const first = b[at];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (at + length > b.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + b[at + i]!;
    allOnes &&= b[at + i] === 0xff;
  }
  return { length, value, allOnes };
}

async function header(src: ByteSource, at: number): Promise<Element> {
  src.step();
  const b = await src.read(at, 12);
  const id = vint(b, 0, true);
  if (!id || id.length > 4) throw corrupt(`bad element id at offset ${at}`);
  const size = vint(b, id.length, false);
  if (!size) throw corrupt(`bad element size at offset ${at}`);
  return { id: id.value, data: at + id.length + size.length, size: size.allOnes ? null : size.value };
}

/** The children of a known-size element, each checked to fit. */
async function* children(src: ByteSource, start: number, end: number): AsyncGenerator<Element & { size: number }> {
  let at = start;
  while (at < end) {
    const el = await header(src, at);
    if (el.size === null) throw corrupt(`element ${el.id.toString(16)} of unknown size inside a sized one`);
    if (el.data + el.size > end) throw corrupt(`element ${el.id.toString(16)} at offset ${at} runs past its parent`);
    yield el as Element & { size: number };
    at = el.data + el.size;
  }
}

const bytesOf = (src: ByteSource, el: Element & { size: number }) => {
  if (el.size > MAX_HEADER_BYTES) throw corrupt(`element ${el.id.toString(16)} is unreasonably large`);
  return src.read(el.data, el.size);
};
const uint = async (src: ByteSource, el: Element & { size: number }) => {
  if (el.size > 8) throw corrupt('integer longer than 8 bytes');
  return (await bytesOf(src, el)).reduce((v, byte) => v * 256 + byte, 0);
};
const float = async (src: ByteSource, el: Element & { size: number }) => {
  const b = await bytesOf(src, el);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length === 4) return view.getFloat32(0);
  if (b.length === 8) return view.getFloat64(0);
  throw corrupt('Duration is neither 4 nor 8 bytes');
};
const ascii = async (src: ByteSource, el: Element & { size: number }) => String.fromCharCode(...(await bytesOf(src, el))).replace(/\0+$/, '');

interface VideoTrack {
  codec: string;
  width: number;
  height: number;
}

async function readTracks(src: ByteSource, tracks: Element & { size: number }): Promise<VideoTrack | null> {
  for await (const entry of children(src, tracks.data, tracks.data + tracks.size)) {
    if (entry.id !== ID.TrackEntry) continue;
    let type = 0;
    let codec = '';
    const dims = { pixelW: 0, pixelH: 0, displayW: 0, displayH: 0, unit: 0 };
    for await (const el of children(src, entry.data, entry.data + entry.size)) {
      if (el.id === ID.TrackType) type = await uint(src, el);
      else if (el.id === ID.CodecID) codec = await ascii(src, el);
      else if (el.id === ID.Video) {
        for await (const v of children(src, el.data, el.data + el.size)) {
          if (v.id === ID.PixelWidth) dims.pixelW = await uint(src, v);
          else if (v.id === ID.PixelHeight) dims.pixelH = await uint(src, v);
          else if (v.id === ID.DisplayWidth) dims.displayW = await uint(src, v);
          else if (v.id === ID.DisplayHeight) dims.displayH = await uint(src, v);
          else if (v.id === ID.DisplayUnit) dims.unit = await uint(src, v);
        }
      }
    }
    if (type !== 1) continue;
    // The display size (in pixels) is what a browser shows; the coded size otherwise.
    const display = dims.unit === 0 && dims.displayW > 0 && dims.displayH > 0;
    return { codec, width: display ? dims.displayW : dims.pixelW, height: display ? dims.displayH : dims.pixelH };
  }
  return null;
}

/** Skips a cluster of unknown size: its children run until the next segment-level element. */
async function skipOpenCluster(src: ByteSource, at: number, end: number): Promise<number> {
  while (at < end) {
    const el = await header(src, at);
    if (SEGMENT_CHILDREN.has(el.id)) return at;
    if (el.size === null) throw corrupt(`element ${el.id.toString(16)} of unknown size inside a cluster`);
    if (el.data + el.size > end) throw corrupt(`block at offset ${at} runs past the end`);
    at = el.data + el.size;
  }
  return at;
}

export async function probeWebm(src: ByteSource): Promise<VideoProbe> {
  const ebml = await header(src, 0);
  if (ebml.id !== ID.EBML || ebml.size === null) throw corrupt('no EBML header');
  let docType = 'matroska';
  for await (const el of children(src, ebml.data, ebml.data + ebml.size)) if (el.id === ID.DocType) docType = await ascii(src, el);
  if (docType !== 'webm') throw corrupt(`document type is ${docType}, not webm`);

  let at = ebml.data + ebml.size;
  let segment: Element | null = null;
  while (at < src.size && !segment) {
    const el = await header(src, at);
    if (el.id === ID.Segment) segment = el;
    else if (el.size === null) throw corrupt('unknown-size element before the segment');
    else at = el.data + el.size;
  }
  if (!segment) throw corrupt('no Segment');
  const end = segment.size === null ? src.size : segment.data + segment.size;
  if (end > src.size) throw corrupt('the segment runs past the end of the file');

  let scale = 1_000_000;
  let duration: number | null = null;
  let video: VideoTrack | null = null;
  at = segment.data;
  while (at < end) {
    const el = await header(src, at);
    if (el.size === null) {
      if (el.id !== ID.Cluster) throw corrupt(`element ${el.id.toString(16)} of unknown size in the segment`);
      at = await skipOpenCluster(src, el.data, end);
      continue;
    }
    if (el.data + el.size > end) throw corrupt(`element ${el.id.toString(16)} at offset ${at} runs past the end`);
    const sized = el as Element & { size: number };
    if (el.id === ID.Info) {
      for await (const info of children(src, el.data, el.data + el.size)) {
        if (info.id === ID.TimecodeScale) scale = await uint(src, info);
        else if (info.id === ID.Duration) duration = await float(src, info);
      }
    } else if (el.id === ID.Tracks) video ??= await readTracks(src, sized);
    at = el.data + el.size;
  }

  if (!video) throw new VideoProbeError('no_video_track', 'The WebM file has no video track');
  if (!WEBM_CODECS.includes(video.codec)) {
    throw new VideoProbeError('unsupported_video_codec', `WebM video must be VP8, VP9 or AV1; this one is ${video.codec || 'unknown'}`);
  }
  if (video.width < 1 || video.height < 1) throw corrupt('the video track has no size');
  const durationMs = duration === null ? NaN : Math.round((duration * scale) / 1e6);
  if (!(durationMs >= 1) || !Number.isSafeInteger(durationMs)) {
    throw new VideoProbeError('video_duration_unknown', 'The WebM file does not say how long it is (no Segment/Info/Duration); remux it, e.g. with ffmpeg -c copy');
  }
  return { width: video.width, height: video.height, durationMs, codec: video.codec };
}
