import { html, css } from 'lit';
import type { MediaInfo } from '../../playlists/index.ts';
import { formatBytes, formatClipLength } from '../format.ts';
import { mediaMessages } from '../messages/media.ts';

/** Template helpers shared by the library and the picker: a thumbnail and a one-line description. */

export const thumbStyles = css`
  .thumb { width: 8rem; height: 4.5rem; object-fit: contain; background: #0b2540; border-radius: 4px; display: block; }
`;

/**
 * The smallest file of a picture (its narrowest derivative: a few kilobytes), or the first
 * frame of a clip, loaded only as far as its metadata.
 */
export function thumbnail(m: MediaInfo) {
  const smallest = m.files[0]!;
  return m.kind === 'image'
    ? html`<img class="thumb" src=${smallest.url} alt="" loading="lazy" decoding="async" />`
    : html`<video class="thumb" src=${`${smallest.url}#t=0.5`} preload="metadata" muted playsinline></video>`;
}

/** One line about a medium: type, size in pixels, length of a clip, bytes, number of derivatives. */
export function describe(m: MediaInfo): string {
  const t = mediaMessages;
  const parts = [`${t.kindOfMedia[m.kind]} ${t.types[m.type] ?? m.type}`, `${m.width}×${m.height}`];
  if (m.durationMs !== null) parts.push(formatClipLength(m.durationMs));
  parts.push(formatBytes(m.bytes));
  if (m.kind === 'image') parts.push(t.derivatives(m.files.length - 1));
  return parts.join(' · ');
}
