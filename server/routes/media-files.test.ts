import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaEntry } from '../../playlists/index.ts';
import { webm } from '../../media/test-fixtures.ts';
import { ORIGIN, createTestApp, signIn, type TestApp } from '../testing/helpers.ts';
import { mediaDir, picture, uploaded } from '../testing/media.ts';

/** `/media/<sha256>.<ext>`: public, immutable, typed by what was sniffed, with byte ranges. */
describe('media files', () => {
  let t: TestApp;
  let dir: ReturnType<typeof mediaDir>;
  let clip: MediaEntry;
  let clipBytes: Buffer;
  let image: MediaEntry;
  beforeAll(async () => {
    dir = mediaDir();
    t = await createTestApp({ mediaDir: dir.dir });
    const cookie = await signIn(t);
    clipBytes = webm({ clusters: 40 });
    clip = await uploaded(t, clipBytes, { cookie, name: 'clip.webm' });
    image = await uploaded(t, await picture(800, 450, 'jpeg'), { cookie, name: 'anh.jpg' });
  });
  afterAll(() => dir.dispose());

  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    Promise.resolve(t.app.request(`${ORIGIN}${path}`, { method, headers }));
  const clipUrl = () => clip.files[0]!.url;

  it('serves a file without a session, immutable, typed, with its hash as ETag', async () => {
    const res = await get(clipUrl());
    expect(res.status).toBe(200);
    expect(Object.fromEntries(['content-type', 'cache-control', 'etag', 'accept-ranges', 'content-length', 'x-content-type-options'].map((h) => [h, res.headers.get(h)]))).toEqual({
      'content-type': 'video/webm',
      'cache-control': 'public, max-age=31536000, immutable',
      etag: `"${clip.id}"`,
      'accept-ranges': 'bytes',
      'content-length': String(clipBytes.length),
      'x-content-type-options': 'nosniff',
    });
    expect(Buffer.from(await res.arrayBuffer()).equals(clipBytes)).toBe(true);
  });

  it('serves every derivative as WebP under its own hash', async () => {
    for (const file of image.files) {
      const res = await get(file.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(file.type);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length).toBe(file.bytes);
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    }
  });

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=100-', 100, -1],
    ['bytes=-250', -250, -1],
    ['bytes=1000-999999999', 1000, -1],
  ])('answers Range %s with 206 and exactly those bytes', async (range, from, to) => {
    const res = await get(clipUrl(), { Range: range });
    expect(res.status).toBe(206);
    const start = from < 0 ? clipBytes.length + from : from;
    const end = to < 0 ? clipBytes.length - 1 : to;
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${clipBytes.length}`);
    expect(res.headers.get('content-length')).toBe(String(end - start + 1));
    expect(Buffer.from(await res.arrayBuffer()).equals(clipBytes.subarray(start, end + 1))).toBe(true);
  });

  it('answers a range past the end with 416 and the size', async () => {
    const res = await get(clipUrl(), { Range: `bytes=${clipBytes.length}-` });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${clipBytes.length}`);
  });

  it('sends the whole file for several ranges, or an If-Range that no longer matches', async () => {
    expect((await get(clipUrl(), { Range: 'bytes=0-9,20-29' })).status).toBe(200);
    expect((await get(clipUrl(), { Range: 'bytes=0-9', 'If-Range': '"other"' })).status).toBe(200);
    expect((await get(clipUrl(), { Range: 'bytes=0-9', 'If-Range': `"${clip.id}"` })).status).toBe(206);
  });

  it('answers a matching If-None-Match with 304, and HEAD with headers only', async () => {
    expect((await get(clipUrl(), { 'If-None-Match': `"${clip.id}"` })).status).toBe(304);
    const head = await get(clipUrl(), {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(clipBytes.length));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('serves only files a medium lists', async () => {
    const id = clip.id;
    for (const path of [`/media/${id}.mp4`, `/media/${'0'.repeat(64)}.webm`, `/media/${id}.webm.tmp`, '/media/..%2Fbangtin.db', `/media/${id.toUpperCase()}.webm`]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });
});
