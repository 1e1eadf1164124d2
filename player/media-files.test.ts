import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MediaFile, MediaInfo } from '../playlists/index.ts';
import { evictable, mediaFile, mediaZones, neededFiles, sha256Hex, verifyFile } from './media-files.ts';

const hex = (s: string) => createHash('sha256').update(s).digest('hex');
const file = (name: string, width: number, height: number, type: MediaFile['type'] = 'image/webp'): MediaFile => ({
  url: `/media/${hex(name)}.${type === 'video/mp4' ? 'mp4' : 'webp'}`,
  sha256: hex(name),
  bytes: width * 10,
  type,
  width,
  height,
});
const photo = (id: string, sizes: [number, number][]): MediaInfo => {
  const files = sizes.map(([w, h]) => file(`${id}-${w}`, w, h));
  const largest = files[files.length - 1]!;
  return { id: hex(id), kind: 'image', type: 'image/webp', bytes: largest.bytes, width: largest.width, height: largest.height, durationMs: null, files };
};

const wide = photo('wide', [[384, 216], [1280, 720], [3840, 2160]]);

describe('mediaFile', () => {
  it('takes the smallest file that covers the whole zone', () => {
    expect(mediaFile(wide, { width: 192, height: 96 }).width).toBe(384);
    expect(mediaFile(wide, { width: 1280, height: 720 }).width).toBe(1280);
    // 1080 high portrait: covering it needs the height, not the width.
    expect(mediaFile(wide, { width: 1080, height: 1920 }).width).toBe(3840);
  });

  it('falls back to the largest file for a zone bigger than all of them', () => {
    expect(mediaFile(wide, { width: 7680, height: 4320 }).width).toBe(3840);
  });
});

describe('mediaZones', () => {
  it('is the viewport when the screen has no canvas or strip', () => {
    expect(mediaZones(null, { width: 1920, height: 1080 })).toEqual([{ width: 1920, height: 1080 }]);
  });

  it('adds the main zone beside a ticker strip, the strip never over half the canvas', () => {
    const screen = { canvas: { x: 0, y: 0, width: 384, height: 192 }, ticker: { position: 'bottom' as const, heightPx: 150 } };
    expect(mediaZones(screen, { width: 1920, height: 1080 })).toEqual([
      { width: 384, height: 96 },
      { width: 384, height: 192 },
    ]);
  });
});

describe('neededFiles', () => {
  it('lists each file a zone of this screen shows, once', () => {
    const tall = photo('tall', [[200, 400], [1080, 1920]]);
    const zones = mediaZones({ canvas: null, ticker: { position: 'top', heightPx: 60 } }, { width: 1280, height: 720 });
    const urls = neededFiles({ media: [wide, tall] }, zones).map((f) => f.url);
    // wide: the 1280×660 main zone and the 1280×720 canvas both take the 1280 file; tall: its 1080 file.
    expect(urls).toEqual([wide.files[1]!.url, tall.files[1]!.url]);
  });

  it('needs nothing for a manifest without media', () => {
    expect(neededFiles({ media: [] }, [{ width: 192, height: 96 }])).toEqual([]);
  });
});

describe('evictable', () => {
  it('deletes cached files no kept manifest needs', () => {
    const keep = [wide.files[0]!, wide.files[1]!];
    const cached = [wide.files[0]!.url, wide.files[2]!.url, '/media/gone.webp'];
    expect(evictable(cached, keep)).toEqual([wide.files[2]!.url, '/media/gone.webp']);
  });

  it('keeps everything a kept manifest still names', () => {
    expect(evictable([wide.files[0]!.url], wide.files)).toEqual([]);
  });
});

describe('verifyFile', () => {
  const bytes = new TextEncoder().encode('bangtin media bytes').buffer as ArrayBuffer;
  const good = { sha256: hex('bangtin media bytes'), bytes: bytes.byteLength };

  it('accepts bytes whose sha256 and length match', async () => {
    expect(await sha256Hex(bytes, crypto.subtle)).toBe(good.sha256);
    expect(await verifyFile(bytes, good, crypto.subtle)).toBe(true);
  });

  it('refuses bytes with another hash or length', async () => {
    const changed = new TextEncoder().encode('bangtin media bytez').buffer as ArrayBuffer;
    expect(await verifyFile(changed, good, crypto.subtle)).toBe(false);
    expect(await verifyFile(bytes, { ...good, bytes: good.bytes + 1 }, crypto.subtle)).toBe(false);
  });
});
