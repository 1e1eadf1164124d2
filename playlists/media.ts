import './zod-config.ts';
import * as z from 'zod/mini';

/**
 * Media as everyone but `media/` sees them: a reference (the sha256 of the uploaded bytes) and,
 * in the manifest, the files a player may fetch. Every stored file — the original and each
 * derivative — lives under its own content hash at an immutable URL, so a changed medium under
 * the same name is impossible and a player can verify every byte it caches.
 */

/** A medium's id is the lowercase hex sha256 of the uploaded bytes. */
export const MediaId = /* @__PURE__ */ z.string().check(z.regex(/^[0-9a-f]{64}$/, 'expected a media id (sha256)'));
export type MediaId = z.infer<typeof MediaId>;

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const VIDEO_TYPES = ['video/mp4', 'video/webm'] as const;
export const MediaType = /* @__PURE__ */ z.enum([...IMAGE_TYPES, ...VIDEO_TYPES]);
export type MediaType = z.infer<typeof MediaType>;

/** Upload limits, checked before anything is written. */
export const IMAGE_MAX_BYTES = 25 * 1024 * 1024;
export const VIDEO_MAX_BYTES = 200 * 1024 * 1024;
/** Pictures over this many pixels are refused before decoding (media/images.ts explains the choice). */
export const IMAGE_MAX_PIXELS = 50_000_000;

/** One stored file: the original upload or a derivative sized for smaller screens. */
export const MediaFile = /* @__PURE__ */ z.object({
  /** Same-origin path, e.g. `/media/<sha256>.webp`; immutable. */
  url: z.string().check(z.regex(/^\/media\/[0-9a-f]{64}\.(jpg|png|webp|mp4|webm)$/)),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  bytes: z.int().check(z.minimum(1)),
  type: MediaType,
  width: z.int().check(z.minimum(1)),
  height: z.int().check(z.minimum(1)),
});
export type MediaFile = z.infer<typeof MediaFile>;

/** A medium as the manifest carries it. */
export const MediaInfo = /* @__PURE__ */ z.object({
  id: MediaId,
  kind: z.enum(['image', 'video']),
  type: MediaType,
  bytes: z.int().check(z.minimum(1)),
  width: z.int().check(z.minimum(1)),
  height: z.int().check(z.minimum(1)),
  /** Probed length of a video; null for images. */
  durationMs: z.nullable(z.int().check(z.minimum(1))),
  /** The original and its derivatives, narrowest first. */
  files: z.array(MediaFile).check(z.minLength(1)),
});
export type MediaInfo = z.infer<typeof MediaInfo>;

/**
 * The file to fetch for a box of `width`×`height` CSS pixels at devicePixelRatio 1: the
 * smallest one at least as large as the box needs (for `cover`, both sides; for `contain`, the
 * side that binds), else the largest there is. Player and server both use it, so "what a 192×96
 * screen downloads" is one answer.
 */
export function pickFile(media: Pick<MediaInfo, 'files'>, width: number, height: number, fit: 'contain' | 'cover' = 'contain'): MediaFile {
  const files = [...media.files].sort((a, b) => a.width - b.width);
  for (const f of files) {
    const sx = width / f.width;
    const sy = height / f.height;
    const scale = fit === 'cover' ? Math.max(sx, sy) : Math.min(sx, sy);
    if (scale <= 1) return f;
  }
  return files[files.length - 1]!;
}
