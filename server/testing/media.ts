/** Test fixtures for the media library: real pictures made with sharp, and uploads as the admin page sends them. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { MediaEntry } from '../../playlists/index.ts';
import { ORIGIN, type TestApp } from './helpers.ts';

/** A picture with some detail (so JPEG and WebP have work to do), `width`×`height`. */
export function picture(width: number, height: number, format: 'jpeg' | 'png' | 'webp', hue = 30): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},80%,55%)"/><stop offset="1" stop-color="hsl(${hue + 180},70%,30%)"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    ${Array.from({ length: 12 }, (_, i) => `<circle cx="${((i * 37) % 100) / 100 * width}" cy="${((i * 61) % 100) / 100 * height}" r="${Math.min(width, height) / (4 + (i % 5))}" fill="hsl(${hue + i * 25},70%,60%)" opacity="0.6"/>`).join('')}
  </svg>`;
  return sharp(Buffer.from(svg))[format]().toBuffer();
}

/** A media directory of the test's own, so it can check what is (not) left in it. */
export function mediaDir(): { dir: string; names: () => string[]; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'bangtin-media-test-'));
  return {
    dir,
    names: () => readdirSync(dir).sort(),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface UploadOptions {
  cookie: string;
  /** Sent percent-encoded in X-Filename; null sends none. */
  name?: string | null;
  /** A raw X-Filename value, sent as is. */
  rawName?: string;
  contentType?: string | null;
  origin?: string | null;
  /** Send a Content-Length (default: yes for bytes; never for a stream). */
  contentLength?: number | null;
}

/** `POST /api/media` as the admin page sends it: the raw file, its name in X-Filename. */
export function upload(t: Pick<TestApp, 'app'>, body: Uint8Array | ReadableStream<Uint8Array>, o: UploadOptions): Promise<Response> {
  const headers: Record<string, string> = { Cookie: o.cookie };
  if (o.origin !== null) headers.Origin = o.origin ?? ORIGIN;
  if (o.contentType !== null) headers['Content-Type'] = o.contentType ?? 'application/octet-stream';
  const name = o.name === undefined ? 'upload.bin' : o.name;
  if (o.rawName !== undefined) headers['X-Filename'] = o.rawName;
  else if (name !== null) headers['X-Filename'] = encodeURIComponent(name);
  const length = o.contentLength === undefined ? (body instanceof Uint8Array ? body.length : null) : o.contentLength;
  if (length !== null) headers['Content-Length'] = String(length);
  const init = { method: 'POST', headers, body, duplex: 'half' } as RequestInit;
  return Promise.resolve(t.app.request(`${ORIGIN}/api/media`, init));
}

export async function uploaded(t: Pick<TestApp, 'app'>, body: Uint8Array, o: UploadOptions): Promise<MediaEntry> {
  const res = await upload(t, body, o);
  if (res.status !== 201 && res.status !== 200) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as MediaEntry;
}

/**
 * A body of `total` bytes that starts with `head` and counts what was read, in 64 KB chunks,
 * so a test can tell an upload was cut off rather than read to the end.
 */
export function countingStream(head: Uint8Array, total: number): { stream: ReadableStream<Uint8Array>; read: () => number } {
  let sent = 0;
  const chunk = 64 * 1024;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunk, total - sent);
      const bytes = new Uint8Array(n);
      if (sent < head.length) bytes.set(head.subarray(sent, sent + n));
      sent += n;
      controller.enqueue(bytes);
    },
  });
  return { stream, read: () => sent };
}
