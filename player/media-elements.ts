import type { ContentFields, MediaInfo } from '../playlists/player.ts';
import { mediaFile } from './media-files.ts';
import { sharedVideo } from './shared-video.ts';
import { storyLayout } from './story-layout.ts';

/**
 * Decoded images, kept for a few urls so the next item's picture can be decoded before it is
 * due. The renderers' side of it (decoded-image.ts) and the player's one video element
 * (shared-video.ts) load with the renderers, not at boot.
 */

const KEEP_IMAGES = 6;
interface Entry {
  img: HTMLImageElement;
  ready: boolean;
  promise: Promise<HTMLImageElement>;
}
const images = new Map<string, Entry>();

/** Fetches and decodes `url` once; the promise settles when the image can paint at once. */
export function decodeImage(url: string): Promise<HTMLImageElement> {
  const hit = images.get(url);
  if (hit) {
    images.delete(url);
    images.set(url, hit);
    return hit.promise;
  }
  const img = new Image();
  img.decoding = 'async';
  img.src = url;
  const entry: Entry = {
    img,
    ready: false,
    promise: img.decode().then(
      () => {
        entry.ready = true;
        return img;
      },
      (error: unknown) => {
        images.delete(url);
        throw error;
      },
    ),
  };
  images.set(url, entry);
  while (images.size > KEEP_IMAGES) images.delete(images.keys().next().value!);
  return entry.promise;
}

/** The decoded image for `url` if it is ready now. */
export function decodedImage(url: string): HTMLImageElement | null {
  const hit = images.get(url);
  return hit?.ready ? hit.img : null;
}

/**
 * The picture `item` shows in a zone of `width`×`height` (the file `mediaFile` picks, the one
 * the offline cache holds), or null when it shows none.
 */
export function pictureFor(item: ContentFields, media: readonly MediaInfo[], width: number, height: number): string | null {
  const id = item.kind === 'image' ? item.media : item.kind === 'story' ? item.photo : undefined;
  const info = id ? media.find((m) => m.id === id) : undefined;
  if (!info || width <= 0 || height <= 0) return null;
  if (item.kind === 'story' && storyLayout(width, height, true).photo === 'none') return null;
  return mediaFile(info, { width, height }).url;
}

/** Decodes the next item's picture ahead of time, so it shows from its first frame. */
export function prefetchPicture(item: ContentFields, media: readonly MediaInfo[], width: number, height: number): void {
  const url = pictureFor(item, media, width, height);
  if (url) decodeImage(url).catch(() => undefined);
  if (item.kind === 'video') prefetchClip(item.media, media, width, height);
}

/**
 * Loads the next clip into the player's one video element while something else shows, so its
 * first frame is decoded when its slot starts: a clip loaded only then left the screen black
 * for as long as it took (kill.spec saw it at readyState 1). Never while a clip is on screen:
 * the element is then in use (it is in the page only while a `<bt-video>` shows it).
 */
function prefetchClip(id: string, media: readonly MediaInfo[], width: number, height: number): void {
  const info = media.find((m) => m.id === id);
  const video = sharedVideo();
  if (!info || video.isConnected) return;
  // The file `<bt-video>` picks for its zone (components/video.ts), the one the offline cache holds.
  const url = mediaFile(info, { width: width || info.width, height: height || info.height }).url;
  if (video.getAttribute('src') !== url) video.src = url;
  // The same clip again: back to its start now, not when its slot begins (a seek leaves the
  // element without a frame to paint until it completes).
  else if (video.currentTime > 0.05) video.currentTime = 0;
}
