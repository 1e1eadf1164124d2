import type { Manifest, MediaFile, MediaProgress } from '../playlists/player.ts';
import { browserTimers, type Timers } from './clock.ts';
import { evictable, neededFiles, verifyFile, type Box } from './media-files.ts';
import { backoffDelay } from './retry.ts';

/** The Cache Storage cache the service worker serves `/media/…` from. */
export const MEDIA_CACHE = 'bangtin-media';
/** Retries of a failed download back off up to this (a medium may be uploaded again later). */
export const MEDIA_RETRY_CAP_MS = 5 * 60_000;
const MEDIA_RETRY_BASE_MS = 2_000;

/** A newer manifest arrived before this one's media were ready: it is never applied. */
export class Superseded extends Error {
  constructor(version: string) {
    super(`manifest ${version} superseded before its media were cached`);
  }
}

export interface MediaSyncDeps {
  /** The media cache (`caches.open(MEDIA_CACHE)`). */
  cache(): Promise<Cache>;
  fetch(url: string): Promise<Response>;
  subtle: SubtleCrypto;
  /** The zones media can play in now (see `mediaZones`). */
  zones(): Box[];
  timers?: Timers;
  random?: () => number;
  /** Called as progress moves, e.g. to update the page. */
  onProgress?(): void;
}

type Failure = NonNullable<MediaProgress['error']>;

interface Job {
  version: string;
  cancelled: boolean;
  done: Promise<void>;
  /** Ends a backoff wait early (cancel). */
  wake: (() => void) | null;
}

/**
 * The page side of the offline cache (DESIGN.md, "Applied, acknowledged, shown"): before a
 * manifest is applied, every file it needs on this screen is downloaded, its length and sha256
 * checked, and stored in Cache Storage, where the service worker serves it from. Files go one
 * at a time (cheap boxes, thin links); one that fails (404, wrong bytes, no network) keeps the
 * old manifest on air, is reported in `progress`, and is retried with backoff until it works
 * or a newer manifest replaces this one.
 */
export class MediaSync {
  /** For the heartbeat: the download under way or the last one finished. */
  progress: MediaProgress | null = null;
  /** Bytes of the files cached for the applied manifest. */
  cachedBytes = 0;
  private job: Job | null = null;
  private readonly timers: Timers;

  constructor(private readonly deps: MediaSyncDeps) {
    this.timers = deps.timers ?? browserTimers;
  }

  /**
   * Settles once every file of `manifest` is cached and verified; rejects with `Superseded`
   * when another manifest is prepared first. The same version twice shares one download.
   */
  prepare(manifest: Pick<Manifest, 'version' | 'media'>): Promise<void> {
    if (this.job?.version === manifest.version) return this.job.done;
    this.cancel();
    const job: Job = { version: manifest.version, cancelled: false, done: Promise.resolve(), wake: null };
    job.done = this.run(job, manifest);
    this.job = job;
    return job.done;
  }

  /**
   * After `applied` went on air: deletes cached files that neither it nor a manifest still
   * downloading needs. The previous manifest's files stay until this moment.
   */
  async evict(applied: Pick<Manifest, 'media'>, pending: Pick<Manifest, 'media'> | null = null): Promise<void> {
    const zones = this.deps.zones();
    const keep = neededFiles(applied, zones);
    if (pending) keep.push(...neededFiles(pending, zones));
    try {
      const cache = await this.deps.cache();
      const urls = (await cache.keys()).map((request) => new URL(request.url).pathname);
      for (const url of evictable(urls, keep)) await cache.delete(url);
    } catch (err) {
      console.warn('bangtin: could not evict media', err);
    }
  }

  /** Drops the download under way (its `prepare` rejects). */
  cancel(): void {
    const job = this.job;
    if (!job) return;
    job.cancelled = true;
    job.wake?.();
    this.job = null;
  }

  private async run(job: Job, manifest: Pick<Manifest, 'version' | 'media'>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const files = neededFiles(manifest, this.deps.zones());
      const failure = await this.download(job, files);
      if (job.cancelled) throw new Superseded(job.version);
      if (!failure) {
        this.cachedBytes = files.reduce((sum, f) => sum + f.bytes, 0);
        this.setProgress({ ...this.progress!, version: null, error: null });
        if (this.job === job) this.job = null;
        return;
      }
      console.warn(`bangtin: media ${failure.url} not cached (${failure.reason}); the current manifest stays on air`);
      this.setProgress({ ...this.progress!, error: failure });
      await this.wait(job, backoffDelay(attempt, this.deps.random, MEDIA_RETRY_BASE_MS, MEDIA_RETRY_CAP_MS) + MEDIA_RETRY_BASE_MS);
      if (job.cancelled) throw new Superseded(job.version);
    }
  }

  /** One pass over the files; the first failure, or null when all are cached. */
  private async download(job: Job, files: readonly MediaFile[]): Promise<Failure | null> {
    const previous = this.progress?.version === job.version ? this.progress.error : null;
    const progress: MediaProgress = {
      version: job.version,
      files: files.length,
      filesDone: 0,
      bytes: files.reduce((sum, f) => sum + f.bytes, 0),
      bytesDone: 0,
      error: previous,
    };
    this.setProgress(progress);
    let failure: Failure | null = null;
    let cache: Cache;
    try {
      cache = await this.deps.cache();
    } catch {
      return { reason: 'storage', url: files[0]?.url ?? '', status: null };
    }
    for (const file of files) {
      if (job.cancelled) return null;
      const error = await this.fetchOne(cache, file);
      if (job.cancelled) return null;
      if (error) failure ??= error;
      else this.setProgress({ ...this.progress!, filesDone: this.progress!.filesDone + 1, bytesDone: this.progress!.bytesDone + file.bytes });
    }
    return failure;
  }

  private async fetchOne(cache: Cache, file: MediaFile): Promise<Failure | null> {
    // Cached files were verified before they were stored, and their urls are content hashes.
    if (await cache.match(file.url)) return null;
    let response: Response;
    try {
      response = await this.deps.fetch(file.url);
    } catch {
      return { reason: 'network', url: file.url, status: null };
    }
    if (!response.ok) {
      void response.body?.cancel().catch(() => {});
      return { reason: response.status === 404 ? 'not_found' : 'http', url: file.url, status: response.status };
    }
    let bytes: ArrayBuffer;
    try {
      bytes = await response.arrayBuffer();
    } catch {
      return { reason: 'network', url: file.url, status: null };
    }
    if (!(await verifyFile(bytes, file, this.deps.subtle))) return { reason: 'hash_mismatch', url: file.url, status: null };
    try {
      await cache.put(file.url, new Response(bytes, { headers: { 'Content-Type': file.type, 'Content-Length': String(bytes.byteLength) } }));
    } catch {
      return { reason: 'storage', url: file.url, status: null };
    }
    return null;
  }

  private wait(job: Job, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.timers.set(() => {
        job.wake = null;
        resolve();
      }, ms);
      job.wake = () => {
        this.timers.clear(timer);
        job.wake = null;
        resolve();
      };
    });
  }

  private setProgress(progress: MediaProgress): void {
    this.progress = progress;
    this.deps.onProgress?.();
  }
}
