// The player's one video element, in a module of its own so it loads with the video renderer.

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
