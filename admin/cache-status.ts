import { html, type TemplateResult } from 'lit';
import type { ScreenStatus } from '../playlists/index.ts';
import { noOfflineCache } from './fleet.ts';
import { formatBytes } from './format.ts';
import { cacheMessages as t } from './messages/cache.ts';

type Device = ScreenStatus['device'];

/** How far the screen's media download got, in whole percent of the bytes. */
function percent(done: number, total: number): number {
  return total > 0 ? Math.floor((100 * done) / total) : 100;
}

/**
 * The fleet row's words on a screen's offline cache: none (warned), the download of a new
 * manifest under way, the failure that keeps the old content on air (warned), or its size.
 */
export function cacheDetails(device: Device): (TemplateResult | string)[] {
  if (!device) return [];
  if (noOfflineCache(device)) return [html`<span class="warn" data-offline-cache="false">${t.noOfflineCache}</span>`];
  const out: (TemplateResult | string)[] = [];
  const media = device.media;
  if (media?.error) {
    out.push(html`<span class="warn" data-media-error=${media.error.reason}>${t.failed(t.reasons[media.error.reason])}</span>`);
  } else if (media?.version) {
    out.push(html`<span data-media-download>${t.downloading(media.filesDone, media.files, percent(media.bytesDone, media.bytes))}</span>`);
  }
  if (device.cacheBytes != null) out.push(t.cached(formatBytes(device.cacheBytes)));
  return out;
}

/** The same, at length, for the device cell's tooltip. */
export function cacheTitle(device: Device): string[] {
  if (!device) return [];
  if (noOfflineCache(device)) return [`${t.noOfflineCache}. ${device.secureContext ? t.noWorker : t.insecure}`];
  const media = device.media;
  const lines: string[] = [];
  if (media?.version) lines.push(t.downloading(media.filesDone, media.files, percent(media.bytesDone, media.bytes)));
  if (media?.error) lines.push(`${t.failed(t.reasons[media.error.reason])}: ${media.error.url}${media.error.status ? ` (HTTP ${media.error.status})` : ''}`);
  if (device.cacheBytes != null) lines.push(t.cached(formatBytes(device.cacheBytes)));
  return lines;
}
