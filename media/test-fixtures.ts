/**
 * Tiny, valid-by-construction video files for tests: an MP4 or a WebM that says its size and
 * length in the boxes and elements the parsers read, followed by stand-in media data. They
 * never play; they only have to be parsed (and sniffed by `file-type`) like real ones.
 */

const be32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

export function box(type: string, ...payload: Uint8Array[]): Buffer {
  const body = Buffer.concat(payload);
  return Buffer.concat([be32(8 + body.length), Buffer.from(type, 'latin1'), body]);
}

const fullBox = (type: string, version: number, ...payload: Uint8Array[]) => box(type, Buffer.from([version, 0, 0, 0]), ...payload);

/** The identity matrix, or a quarter turn (how phones mark portrait video). */
function matrix(quarterTurn: boolean): Buffer {
  const m = Buffer.alloc(36);
  const values = quarterTurn ? [0, 0x10000, 0, -0x10000, 0, 0, 0, 0, 0x40000000] : [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000];
  values.forEach((v, i) => m.writeInt32BE(v, i * 4));
  return m;
}

export interface Mp4Options {
  width?: number;
  height?: number;
  /** In `timescale` units; 0 says "unknown". */
  duration?: number;
  timescale?: number;
  codec?: string;
  handler?: string;
  quarterTurn?: boolean;
  /** mvhd/tkhd version 1 (64-bit times). */
  v1?: boolean;
  /** Bytes of stand-in media data. */
  mdatBytes?: number;
  /** Put moov after mdat, as cameras do. */
  moovLast?: boolean;
}

export function mp4(o: Mp4Options = {}): Buffer {
  const { width = 640, height = 360, duration = 7_000, timescale = 1_000, codec = 'avc1', handler = 'vide', v1 = false } = o;
  const times = (n: number) => (v1 ? Buffer.concat([be32(0), be32(n)]) : be32(n));
  const mvhd = fullBox('mvhd', v1 ? 1 : 0, times(0), times(0), be32(timescale), times(duration), Buffer.alloc(80));
  const tkhd = fullBox('tkhd', v1 ? 1 : 0, times(0), times(0), be32(1), be32(0), times(duration), Buffer.alloc(16), matrix(o.quarterTurn ?? false), be32(width * 65536), be32(height * 65536));
  const hdlr = fullBox('hdlr', 0, be32(0), Buffer.from(handler, 'latin1'), Buffer.alloc(13));
  const entry = box(codec, Buffer.alloc(24), Buffer.from([width >> 8, width & 255, height >> 8, height & 255]), Buffer.alloc(50));
  const stsd = fullBox('stsd', 0, be32(1), entry);
  const trak = box('trak', tkhd, box('mdia', hdlr, box('minf', box('stbl', stsd))));
  const moov = box('moov', mvhd, trak);
  const ftyp = box('ftyp', Buffer.from('isom', 'latin1'), be32(512), Buffer.from('isomiso2avc1mp41', 'latin1'));
  const mdat = box('mdat', Buffer.alloc(o.mdatBytes ?? 2048, 7));
  return o.moovLast ? Buffer.concat([ftyp, mdat, moov]) : Buffer.concat([ftyp, moov, mdat]);
}

/** An EBML element with a 4-byte id or shorter (given as a number) and an 8-byte size. */
export function el(id: number, ...payload: Uint8Array[]): Buffer {
  const body = Buffer.concat(payload);
  const idBytes: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) idBytes.unshift(v & 255);
  const size = Buffer.alloc(8);
  size.writeBigUInt64BE(BigInt(body.length) | (1n << 56n));
  return Buffer.concat([Buffer.from(idBytes), size, body]);
}

const uintEl = (id: number, n: number) => el(id, Buffer.from([n >> 24, (n >> 16) & 255, (n >> 8) & 255, n & 255]));
const floatEl = (id: number, n: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(n);
  return el(id, b);
};
/** An element whose size says "unknown", as live recorders write clusters. */
const openEl = (id: number, ...payload: Uint8Array[]) => {
  const full = el(id, ...payload);
  const idLength = full.length - 8 - Buffer.concat(payload).length;
  Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]).copy(full, idLength);
  return full;
};

export interface WebmOptions {
  width?: number;
  height?: number;
  /** Milliseconds (with the default TimecodeScale); null leaves Duration out. */
  durationMs?: number | null;
  codec?: string;
  trackType?: number;
  docType?: string;
  /** Write the segment and clusters with unknown sizes, like MediaRecorder. */
  live?: boolean;
  clusters?: number;
}

export function webm(o: WebmOptions = {}): Buffer {
  const { width = 640, height = 360, durationMs = 7_000, codec = 'V_VP9', trackType = 1, docType = 'webm', live = false } = o;
  const header = el(0x1a45dfa3, el(0x4282, Buffer.from(docType, 'latin1')), uintEl(0x4287, 4), uintEl(0x4285, 2));
  const info = el(0x1549a966, uintEl(0x2ad7b1, 1_000_000), ...(durationMs === null ? [] : [floatEl(0x4489, durationMs)]));
  const video = el(0xe0, uintEl(0xb0, width), uintEl(0xba, height));
  const tracks = el(0x1654ae6b, el(0xae, uintEl(0xd7, 1), uintEl(0x83, trackType), el(0x86, Buffer.from(codec, 'latin1')), video));
  const clusters = Array.from({ length: o.clusters ?? 2 }, (_, i) => {
    const blocks = [uintEl(0xe7, i * 1000), el(0xa3, Buffer.alloc(300, i + 1)), el(0xa3, Buffer.alloc(200, i + 2))];
    return live ? openEl(0x1f43b675, ...blocks) : el(0x1f43b675, ...blocks);
  });
  const segment = live ? openEl(0x18538067, info, tracks, ...clusters) : el(0x18538067, info, tracks, ...clusters);
  return Buffer.concat([header, segment]);
}

/**
 * Writes a file of `total` bytes shaped as the issue 11 attack: a valid start, then the
 * smallest boxes, elements, segments or chunks to the end, so a parser walking every one makes
 * millions of steps. MP4: 8-byte `free` boxes; WebM: 2-byte `Void`s in a cluster of unknown
 * size; JPEG: empty APP0 segments before EOI; PNG: empty ancillary chunks before IEND; WebP:
 * empty `JUNK` chunks.
 */
export async function writeStructureFlood(path: string, format: 'mp4' | 'webm' | 'jpeg' | 'png' | 'webp', total: number): Promise<void> {
  const { open } = await import('node:fs/promises');
  const { head, unit, tail } = FLOODS[format]();
  const count = Math.floor((total - head.length - tail.length) / unit.length);
  if (format === 'webp') head.writeUInt32LE(head.length + count * unit.length - 8, 4);
  const perChunk = Math.floor((1024 * 1024) / unit.length);
  const chunk = Buffer.concat(Array.from({ length: perChunk }, () => unit));
  const file = await open(path, 'w');
  try {
    await file.write(head);
    for (let left = count; left > 0; left -= perChunk) await file.write(chunk.subarray(0, Math.min(left, perChunk) * unit.length));
    await file.write(tail);
  } finally {
    await file.close();
  }
}

const pngChunk = (type: string, data: Buffer = Buffer.alloc(0)) => Buffer.concat([be32(data.length), Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
const FLOODS: Record<'mp4' | 'webm' | 'jpeg' | 'png' | 'webp', () => { head: Buffer; unit: Buffer; tail: Buffer }> = {
  mp4: () => ({ head: box('ftyp', Buffer.from('isom', 'latin1'), be32(512), Buffer.from('isomiso2avc1mp41', 'latin1')), unit: box('free'), tail: Buffer.alloc(0) }),
  webm: () => {
    const whole = webm({ live: true, clusters: 1 });
    // Cut inside the one open cluster, after its timecode: the Voids follow as its children.
    const cluster = whole.indexOf(Buffer.from([0x1f, 0x43, 0xb6, 0x75]));
    return { head: whole.subarray(0, cluster + 4 + 8 + 13), unit: Buffer.from([0xec, 0x80]), tail: Buffer.alloc(0) };
  },
  jpeg: () => ({ head: Buffer.from([0xff, 0xd8]), unit: Buffer.from([0xff, 0xe0, 0x00, 0x02]), tail: Buffer.from([0xff, 0xd9]) }),
  png: () => ({
    head: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]))]),
    unit: pngChunk('abCd'),
    tail: pngChunk('IEND'),
  }),
  webp: () => ({ head: Buffer.from('RIFF\0\0\0\0WEBP', 'latin1'), unit: Buffer.from('JUNK\0\0\0\0', 'latin1'), tail: Buffer.alloc(0) }),
};
