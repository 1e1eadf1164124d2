import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ContentFields, MediaInfo } from '../playlists/player.ts';
import { MIN_FONT_PX } from './legibility-limits.ts';
import { mediaFile } from './media-files.ts';
import { storyLayout } from './story-layout.ts';

/**
 * The media elements the renderers show: decoded images, kept for a few urls so the next
 * item's picture can be decoded before it is due, and the player's one video element.
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
 * Shows an image only once it has decoded: until then the previous one stays (no blank frame,
 * no layout shift). `shown` is the element to render; `failed` when the wanted url cannot load.
 */
export class DecodedImage implements ReactiveController {
  shown: HTMLImageElement | null = null;
  failed = false;
  private wanted: string | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Call from `willUpdate` with the url the host wants to show. */
  want(url: string | null): void {
    if (url === this.wanted) return;
    this.wanted = url;
    this.failed = false;
    if (url === null) {
      this.shown = null;
      return;
    }
    const ready = decodedImage(url);
    if (ready) {
      this.shown = ready;
      return;
    }
    decodeImage(url).then(
      (img) => {
        if (this.wanted !== url) return;
        this.shown = img;
        this.host.requestUpdate();
      },
      () => {
        if (this.wanted !== url) return;
        this.failed = true;
        this.host.requestUpdate();
      },
    );
  }
}

/** Height of an image's caption band: a share of the area, with room for legible text. */
export function captionBand(height: number): number {
  return Math.min(Math.round(height / 3), Math.max(Math.round(height * 0.16), Math.ceil(MIN_FONT_PX * 1.6)));
}

/**
 * The picture `item` shows in a zone of `width`×`height` (the file `mediaFile` picks, the one
 * the offline cache holds), or null when it shows none.
 */
export function pictureFor(item: ContentFields, media: readonly MediaInfo[], width: number, height: number): string | null {
  const id = item.kind === 'image' ? item.media : item.kind === 'story' ? item.photo : undefined;
  const info = id ? media.find((m) => m.id === id) : undefined;
  if (!info || width <= 0 || height <= 0) return null;
  if (item.kind === 'story' && storyLayout(width, height, true, false).photo === 'none') return null;
  return mediaFile(info, { width, height }).url;
}

/** Decodes the next item's picture ahead of time, so it shows from its first frame. */
export function prefetchPicture(item: ContentFields, media: readonly MediaInfo[], width: number, height: number): void {
  const url = pictureFor(item, media, width, height);
  if (url) decodeImage(url).catch(() => undefined);
}

let video: HTMLVideoElement | null = null;

/**
 * The player's one video element, adopted by whichever `<bt-video>` is on screen: one decoder
 * for the life of the page (old WebViews leak or run out of decoders when each clip gets its
 * own element). Muted and inline are set as properties, before any `play()`, so autoplay
 * policies allow it.
 */
export function sharedVideo(): HTMLVideoElement {
  if (video) return video;
  video = document.createElement('video');
  video.muted = true;
  video.defaultMuted = true;
  video.playsInline = true;
  video.setAttribute('playsinline', '');
  video.preload = 'auto';
  video.disablePictureInPicture = true;
  return video;
}
