import type { Manifest } from '../playlists/player.ts';
import type { CacheReport } from './device.ts';
import { MEDIA_CACHE, MediaSync } from './media-cache.ts';
import type { Box } from './media-files.ts';
import { ServiceWorkerClient, canCacheOffline } from './sw-client.ts';

/**
 * The offline-first part of the player, for the controller: the service worker (player files,
 * updates at item boundaries) and the verified media cache a manifest waits for. Without a
 * secure context there is neither: manifests apply at once, media load from the network, and
 * the dashboard hears `offlineCache: false`.
 */
export class OfflineCache {
  private readonly media: MediaSync | null;
  private readonly worker: ServiceWorkerClient | null;
  private applied: Manifest | null = null;
  private pending: Manifest | null = null;
  private started = false;

  /** What the dashboard last heard about downloads: a new failure, or a download begun or done. */
  private news = '';

  /** `onNews`: the heartbeat should carry this at once (a failure keeps old content on air). */
  constructor(zones: () => Box[], onNews: () => void = () => {}) {
    const enabled = canCacheOffline();
    this.worker = enabled ? new ServiceWorkerClient() : null;
    this.media = enabled
      ? new MediaSync({
          cache: () => caches.open(MEDIA_CACHE),
          fetch: (url) => fetch(url, { cache: 'no-store' }),
          subtle: crypto.subtle,
          zones,
          onProgress: () => {
            const p = this.media?.progress;
            const news = `${p?.version ?? ''} ${p?.error?.reason ?? ''} ${p?.error?.url ?? ''}`;
            if (news === this.news) return;
            this.news = news;
            onNews();
          },
        })
      : null;
  }

  /** Registers the worker and checks the manifest playing from storage still has its files. */
  start(applied: Manifest | null): void {
    this.applied = applied;
    if (!this.started) void this.worker?.start();
    this.started = true;
    if (applied) this.refill();
  }

  stop(): void {
    this.worker?.stop();
    this.media?.cancel();
  }

  /**
   * Settles once `manifest` can play offline: all its media cached and verified. Rejects when a
   * newer manifest came first; retries failures meanwhile (the old manifest stays on air).
   */
  async prepare(manifest: Manifest): Promise<void> {
    if (!this.media) return;
    this.pending = manifest;
    await this.media.prepare(manifest);
  }

  /** `manifest` went on air: forget what only older manifests needed. */
  appliedNow(manifest: Manifest): void {
    this.applied = manifest;
    if (this.pending?.version === manifest.version) this.pending = null;
    void this.media?.evict(manifest, this.pending);
  }

  /** The zones changed (new layout, viewport): fetch the files they need now. */
  zonesChanged(): void {
    if (this.applied && !this.pending) this.refill();
  }

  /** An item boundary: a waiting player build may take over now. */
  boundary(): void {
    this.worker?.boundary();
  }

  /** Connected again: the server may run a newer player. */
  checkForUpdate(): void {
    this.worker?.checkForUpdate();
  }

  report(): CacheReport {
    return {
      offlineCache: Boolean(this.worker && this.media && !this.worker.failed),
      cacheBytes: this.media?.cachedBytes ?? 0,
      media: this.media?.progress ?? null,
    };
  }

  /** Downloads whatever of the applied manifest is missing, without holding anything. */
  private refill(): void {
    const applied = this.applied;
    if (!this.media || !applied) return;
    this.media.prepare(applied).catch(() => {
      // A newer manifest took over the download.
    });
  }
}
