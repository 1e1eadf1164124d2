import type { Manifest } from '../playlists/player.ts';
import type { CacheReport } from './device.ts';
import type { MediaSync } from './media-cache.ts';
import type { Box } from './media-files.ts';
import type { ServiceWorkerClient } from './sw-client.ts';

/** Where the service worker lives (server/pages.ts) and the page it controls. */
export const SW_URL = '/player/sw.js';
export const SW_SCOPE = '/player/';
/** Registers the player's service worker: at boot, so the page's files are cached as early as before. */
export function registerWorker(): Promise<ServiceWorkerRegistration> {
  return navigator.serviceWorker.register(SW_URL, { scope: SW_SCOPE });
}

/**
 * Whether this page can keep a verified offline cache: a secure context (HTTPS or localhost)
 * with service workers, Cache Storage and `crypto.subtle`. Without one the player plays online.
 */
export function canCacheOffline(): boolean {
  return (
    window.isSecureContext === true &&
    'serviceWorker' in navigator &&
    typeof caches !== 'undefined' &&
    typeof crypto !== 'undefined' &&
    typeof crypto.subtle?.digest === 'function'
  );
}

/**
 * The offline-first part of the player, for the controller: the service worker (player files,
 * updates at item boundaries) and the verified media cache a manifest waits for. Without a
 * secure context there is neither: manifests apply at once, media load from the network, and
 * the dashboard hears `offlineCache: false`.
 *
 * Both load as chunks of their own (DESIGN.md "Budgets"): the media cache when a manifest has
 * media to wait for, and in any case once the first content shows; the worker is registered at
 * boot, and the code that follows its updates (sw-client.ts) loads once the first content shows
 * (`afterFirstContent`). So a screen of text boots without either.
 */
export class OfflineCache {
  private media: MediaSync | null = null;
  private mediaLoad: Promise<MediaSync> | null = null;
  private worker: ServiceWorkerClient | null = null;
  private registering: Promise<ServiceWorkerRegistration> | null = null;
  private readonly enabled: boolean;
  private applied: Manifest | null = null;
  private pending: Manifest | null = null;
  private started = false;

  /** What the dashboard last heard about downloads: a new failure, or a download begun or done. */
  private news = '';

  /** `onNews`: the heartbeat should carry this at once (a failure keeps old content on air). */
  constructor(
    private readonly zones: () => Box[],
    private readonly onNews: () => void = () => {},
  ) {
    this.enabled = canCacheOffline();
  }

  /** Checks the manifest playing from storage still has its files. */
  start(applied: Manifest | null): void {
    this.applied = applied;
    if (this.enabled && !this.registering) {
      this.registering = registerWorker();
      // Its outcome is read once sw-client.ts loads; until then a failure is not unhandled.
      this.registering.catch(() => undefined);
    }
    this.refill();
  }

  /** The first content shows: the media cache (for eviction and reports) and the service worker load now. */
  async afterFirstContent(): Promise<void> {
    if (!this.enabled || this.started) return;
    this.started = true;
    const [{ ServiceWorkerClient }] = await Promise.all([import('./sw-client.ts'), this.loadMedia()]);
    if (!this.started) return;
    if (this.applied) void this.media?.evict(this.applied, this.pending);
    this.worker = new ServiceWorkerClient();
    await this.worker.start(this.registering ?? undefined);
  }

  stop(): void {
    this.started = false;
    this.worker?.stop();
    this.media?.cancel();
  }

  /**
   * Settles once `manifest` can play offline: all its media cached and verified. Rejects when a
   * newer manifest came first; retries failures meanwhile (the old manifest stays on air).
   */
  async prepare(manifest: Manifest): Promise<void> {
    if (!this.enabled) return;
    this.pending = manifest;
    // Nothing to wait for, and nothing loaded yet to tell: the cache comes after the first content.
    if (manifest.media.length === 0 && !this.media) return;
    const media = await this.loadMedia();
    if (this.pending !== manifest) throw new Error('a newer manifest came first');
    await media.prepare(manifest);
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
      offlineCache: this.enabled && !this.worker?.failed,
      cacheBytes: this.media?.cachedBytes ?? 0,
      media: this.media?.progress ?? null,
    };
  }

  private loadMedia(): Promise<MediaSync> {
    this.mediaLoad ??= import('./media-cache.ts').then(({ MEDIA_CACHE, MediaSync }) => {
      this.media = new MediaSync({
        cache: () => caches.open(MEDIA_CACHE),
        fetch: (url) => fetch(url, { cache: 'no-store' }),
        subtle: crypto.subtle,
        zones: this.zones,
        onProgress: () => {
          const p = this.media?.progress;
          const news = `${p?.version ?? ''} ${p?.error?.reason ?? ''} ${p?.error?.url ?? ''}`;
          if (news === this.news) return;
          this.news = news;
          this.onNews();
        },
      });
      return this.media;
    });
    // A failed load (offline, no cached chunk) is tried again next time.
    this.mediaLoad.catch(() => (this.mediaLoad = null));
    return this.mediaLoad;
  }

  /** Downloads whatever of the applied manifest is missing, without holding anything. */
  private refill(): void {
    const applied = this.applied;
    if (!this.enabled || !applied || (applied.media.length === 0 && !this.media)) return;
    void this.loadMedia()
      .then((media) => media.prepare(applied))
      .catch(() => {
        // A newer manifest took over the download, or the cache did not load.
      });
  }
}
