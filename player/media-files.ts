import { pickFile, type Manifest, type MediaFile, type MediaInfo, type ScreenSettings } from '../playlists/player.ts';

/** A zone's size in CSS px at devicePixelRatio 1. */
export interface Box {
  width: number;
  height: number;
}

/**
 * The one answer to "which file of this medium does a zone show": the smallest file that covers
 * the whole zone (so it is large enough for `cover` and for `contain`, and for any part of the
 * zone a renderer gives the picture, e.g. a story's photo). Renderers call this with their
 * zone's box and the offline cache downloads exactly these files, so what plays offline is
 * what was cached.
 */
export function mediaFile(medium: Pick<MediaInfo, 'files'>, zone: Box): MediaFile {
  return pickFile(medium, Math.max(1, Math.round(zone.width)), Math.max(1, Math.round(zone.height)), 'cover');
}

/**
 * The boxes media can play in on this screen: the main zone (the canvas less a ticker strip)
 * and the whole canvas (an emergency, or the main zone while the strip is collapsed). The
 * canvas is the screen's, or the viewport.
 */
export function mediaZones(screen: Pick<ScreenSettings, 'canvas' | 'ticker'> | null, viewport: Box): Box[] {
  const canvas = screen?.canvas ?? viewport;
  const full = { width: canvas.width, height: canvas.height };
  const strip = screen?.ticker ? Math.min(screen.ticker.heightPx, canvas.height / 2) : 0;
  if (strip <= 0) return [full];
  return [{ width: canvas.width, height: canvas.height - strip }, full];
}

/** Every file a manifest needs on this screen: per medium, the file for each zone, once each. */
export function neededFiles(manifest: Pick<Manifest, 'media'>, zones: readonly Box[]): MediaFile[] {
  const byUrl = new Map<string, MediaFile>();
  for (const medium of manifest.media) {
    for (const zone of zones) {
      const file = mediaFile(medium, zone);
      byUrl.set(file.url, file);
    }
  }
  return [...byUrl.values()];
}

/**
 * Cached urls to delete: those no file to keep names. Called after a manifest is applied, with
 * the files of the applied manifest and of any manifest still downloading.
 */
export function evictable(cachedUrls: Iterable<string>, keep: Iterable<Pick<MediaFile, 'url'>>): string[] {
  const kept = new Set<string>();
  for (const file of keep) kept.add(file.url);
  const out: string[] = [];
  for (const url of cachedUrls) if (!kept.has(url)) out.push(url);
  return out;
}

/** Lowercase hex sha256 of `bytes`; needs `crypto.subtle` (secure contexts only). */
export async function sha256Hex(bytes: ArrayBuffer, subtle: SubtleCrypto): Promise<string> {
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** Whether `bytes` are the file the manifest names: its length and its sha256. */
export async function verifyFile(bytes: ArrayBuffer, file: Pick<MediaFile, 'sha256' | 'bytes'>, subtle: SubtleCrypto): Promise<boolean> {
  if (bytes.byteLength !== file.bytes) return false;
  return (await sha256Hex(bytes, subtle)) === file.sha256;
}
