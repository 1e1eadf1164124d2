import type { DeviceReport, MediaProgress } from '../playlists/player.ts';

/** The offline cache as the dashboard sees it (player/media-cache.ts, player/sw-client.ts). */
export interface CacheReport {
  offlineCache: boolean;
  /** Bytes of verified media cached for the applied manifest. */
  cacheBytes: number;
  media: MediaProgress | null;
}

interface ChromiumMemory {
  usedJSHeapSize: number;
  jsHeapSizeLimit: number;
}

/**
 * What the player can tell the fleet dashboard about its box. Read synchronously for each
 * heartbeat; the storage estimate is asynchronous, so each report carries the previous one's.
 */
export class DeviceProbe {
  private storage: DeviceReport['storage'] = null;

  constructor(
    private readonly plays: { readonly size: number; readonly dropped: number },
    private readonly cache: () => CacheReport | null = () => null,
  ) {}

  report(): DeviceReport {
    void this.refreshStorage();
    const secure = window.isSecureContext === true;
    const cache = this.cache();
    const memory = (performance as Performance & { memory?: ChromiumMemory }).memory;
    return {
      secureContext: secure,
      cacheBytes: cache?.offlineCache ? cache.cacheBytes : null,
      storage: this.storage,
      // Checked field by field: a replaced `performance` (a test's fake clock, some WebViews)
      // can expose a `memory` object without numbers, and the hello must still validate.
      memory:
        memory && Number.isSafeInteger(memory.usedJSHeapSize) && Number.isSafeInteger(memory.jsHeapSizeLimit)
          ? { usedBytes: memory.usedJSHeapSize, limitBytes: memory.jsHeapSizeLimit }
          : null,
      plays: { queued: this.plays.size, dropped: this.plays.dropped },
      offlineCache: cache?.offlineCache ?? false,
      media: cache?.media ?? null,
    };
  }

  private async refreshStorage(): Promise<void> {
    try {
      const estimate = await navigator.storage?.estimate?.();
      if (estimate) this.storage = { usageBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0 };
    } catch {
      // Not exposed here (old WebView, insecure context): leave it unknown.
    }
  }
}
