import { describe, expect, it } from 'vitest';
import type { DeviceReport } from '../playlists/index.ts';
import { cacheTitle } from './cache-status.ts';
import { noOfflineCache } from './fleet.ts';

const device = (patch: Partial<DeviceReport> = {}): DeviceReport => ({
  secureContext: true,
  cacheBytes: 2_048,
  storage: null,
  memory: null,
  plays: { queued: 0, dropped: 0 },
  offlineCache: true,
  media: null,
  ...patch,
});

describe('noOfflineCache', () => {
  it('is true without a secure context, or when the player says it has no service worker', () => {
    expect(noOfflineCache(device({ secureContext: false, offlineCache: false, cacheBytes: null }))).toBe(true);
    expect(noOfflineCache(device({ offlineCache: false }))).toBe(true);
  });

  it('is false for a screen with a cache, one never heard from, and an older player that does not say', () => {
    expect(noOfflineCache(device())).toBe(false);
    expect(noOfflineCache(null)).toBe(false);
    const { offlineCache: _, ...older } = device();
    expect(noOfflineCache(older)).toBe(false);
  });
});

describe('cacheTitle', () => {
  it('says why a screen has no offline cache', () => {
    expect(cacheTitle(device({ secureContext: false, offlineCache: false }))[0]).toContain('HTTPS');
    expect(cacheTitle(device({ offlineCache: false }))[0]).toContain('service worker');
  });

  it('tells a download under way and the failure that keeps the old content on air', () => {
    const lines = cacheTitle(
      device({
        media: {
          version: 'v2',
          files: 4,
          filesDone: 3,
          bytes: 1_000,
          bytesDone: 500,
          error: { reason: 'not_found', url: '/media/abc.webp', status: 404 },
        },
      }),
    );
    expect(lines[0]).toBe('đang tải nội dung 3/4 tệp (50%)');
    expect(lines[1]).toContain('tệp không có trên máy chủ');
    expect(lines[1]).toContain('/media/abc.webp (HTTP 404)');
    expect(lines[2]).toBe('bộ nhớ đệm 2 KB');
  });
});
