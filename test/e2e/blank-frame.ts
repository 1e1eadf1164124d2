import sharp from 'sharp';

/**
 * A frame is blank when (almost) every pixel has one colour: less than this share of pixels
 * differs from the commonest colour. The sparsest content here (a countdown on the outdoor
 * theme's black) lights about 8 % of a 192×96 board; a ticker whose text had not yet entered
 * its box, the blank frame kill.spec.ts found, lit 0–0.7 %.
 */
export const BLANK_CONTENT_SHARE = 0.01;

/** The share of pixels that differ from the commonest colour in a screenshot. */
export async function contentShare(png: Buffer): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const pixels = info.width * info.height;
  const counts = new Map<number, number>();
  for (let i = 0; i < data.length; i += 3) {
    const rgb = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
    counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
  }
  let common = 0;
  let commonCount = -1;
  for (const [rgb, n] of counts) if (n > commonCount) [common, commonCount] = [rgb, n];
  const [r, g, b] = [common >> 16, (common >> 8) & 0xff, common & 0xff];
  let differ = 0;
  for (let i = 0; i < data.length; i += 3) {
    // Anti-aliasing and video noise within a few levels of the background do not count.
    if (Math.max(Math.abs(data[i]! - r), Math.abs(data[i + 1]! - g), Math.abs(data[i + 2]! - b)) > 24) differ++;
  }
  return differ / pixels;
}

/** The item element on screen and, for a clip, its video element's state (runs in the page). */
export function describeScreen(): string {
  const player = document.querySelector('bt-player');
  const item = player?.shadowRoot?.querySelector('[data-zone=main] > *');
  const video = item?.shadowRoot?.querySelector('video');
  const clip = video ? ` video readyState=${video.readyState} t=${video.currentTime.toFixed(2)} paused=${video.paused} src=${video.currentSrc.split('/').pop()}` : '';
  return `${player?.getAttribute('data-state')} ${item?.tagName.toLowerCase()} ${item?.getAttribute('data-item-id')}${clip}`;
}
