import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Database } from 'better-sqlite3';
import { MediaInfo, VIDEO_MAX_BYTES, type MediaFile } from '../playlists/index.ts';
import { MediaError } from './errors.ts';
import type { Picture } from './images.ts';
import { imageWorker, type ImageWorker } from './image-worker.ts';
import { mp4Limits, probeMp4 } from './mp4.ts';
import { MediaRepo, fileUrl, type MediaRecord } from './repo.ts';
import { SNIFF_BYTES, EXT_OF, sniff, type Sniffed } from './sniff.ts';
import { fileSource, VideoProbeError, type VideoProbe } from './source.ts';
import { MediaStore } from './store.ts';
import { probeWebm, webmLimits } from './webm.ts';

export interface IngestOptions {
  /** The sanitised original name (filename.ts); null names the medium after its hash. */
  name: string | null;
  /** The request's Content-Length, when it has one: refused at once if over the limit. */
  declaredBytes?: number | null;
  ownerWard: string | null;
  uploadedBy: number | null;
  now: number;
}

export interface Ingested {
  record: MediaRecord;
  /** False when the same bytes were there already (deduplicated). */
  created: boolean;
}

const MB = 1024 * 1024;
const tooLarge = (limit: number, what: string) =>
  new MediaError(413, 'file_too_large', `${what} files are limited to ${Math.round(limit / MB)} MB`);

/**
 * What probing found for recently stored bytes, by hash. Probing and resizing are pure
 * functions of the bytes, so when every file is still in the store (a medium deleted and
 * uploaded again, or the demo seeded into many test databases) the work is not redone.
 */
const recent = new Map<string, MediaInfo>();
const RECENT_MAX = 64;

interface Received {
  temp: string;
  sha256: string;
  bytes: number;
  sniffed: Sniffed;
}

/**
 * The media library: turns an upload into a stored, probed, deduplicated medium, and deletes
 * one. Uploads stream to a temporary file (never whole into memory) under a hard size limit;
 * on any refusal or failure, nothing is left in the database or the directory. Commits and
 * deletes run one at a time, so two uploads of the same bytes, or an upload racing a delete,
 * cannot remove each other's files.
 */
export class MediaLibrary {
  readonly repo: MediaRepo;
  readonly store: MediaStore;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #images: ImageWorker;

  /** `images` runs the picture work (metadata, decoding, copies) away from the event loop. */
  constructor(db: Database, dir: string, images: ImageWorker = imageWorker) {
    this.repo = new MediaRepo(db);
    this.store = new MediaStore(dir);
    this.#images = images;
  }

  /**
   * Ingests an upload. `commit` writes the record (by default straight into the repository;
   * routes wrap it in their audited transaction) once every file is in place; if it throws,
   * the files this upload created are removed again.
   */
  async ingest(body: ReadableStream<Uint8Array>, o: IngestOptions, commit: (record: MediaRecord) => void = (r) => this.repo.insert(r)): Promise<Ingested> {
    const received = await this.#receive(body, o.declaredBytes ?? null);
    const { temp, sniffed } = received;
    try {
      // GPS positions and device serials never reach the store: the hash names the stripped bytes.
      if (sniffed.kind === 'image') Object.assign(received, await this.#images.run({ kind: 'strip', path: temp, type: sniffed.type }));
      const id = received.sha256;
      const existing = this.repo.get(id);
      if (existing) return { record: existing, created: false };
      const known = recent.get(id);
      if (known && (await this.#allStored(known))) {
        const record = this.#record(o, known);
        return await this.#serially(() => this.#commit(record, temp, sniffed.ext, [], commit));
      }
      const original = { url: fileUrl(id, sniffed.ext), sha256: id, bytes: received.bytes, type: sniffed.type };
      let record: MediaRecord;
      let derivatives: (Picture & { sha256: string })[] = [];
      if (sniffed.kind === 'image') {
        const { derivatives: copies, ...size } = await this.#images.run({ kind: 'derive', path: temp });
        derivatives = copies;
        const files: MediaFile[] = [
          { ...original, ...size },
          ...derivatives.map((d) => ({ url: fileUrl(d.sha256, 'webp'), sha256: d.sha256, bytes: d.bytes.length, type: 'image/webp' as const, width: d.width, height: d.height })),
        ];
        record = this.#record(o, { id, kind: 'image', type: sniffed.type, bytes: received.bytes, ...size, durationMs: null, files });
      } else {
        const video = await probeVideo(temp, sniffed);
        const size = { width: video.width, height: video.height };
        record = this.#record(o, { id, kind: 'video', type: sniffed.type, bytes: received.bytes, ...size, durationMs: video.durationMs, files: [{ ...original, ...size }] });
      }
      const ingested = await this.#serially(() => this.#commit(record, temp, sniffed.ext, derivatives, commit));
      if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
      recent.set(id, record.info);
      return ingested;
    } finally {
      await this.store.removeTemp(temp);
    }
  }

  /** Stores bytes already in memory (the demo media), the same way as an upload. */
  ingestBytes(bytes: Uint8Array, o: IngestOptions, commit?: (record: MediaRecord) => void): Promise<Ingested> {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 256 * 1024) controller.enqueue(bytes.subarray(at, at + 256 * 1024));
        controller.close();
      },
    });
    return this.ingest(body, { ...o, declaredBytes: bytes.length }, commit);
  }

  /**
   * Deletes a medium. `commit` runs synchronously with the record: it checks the medium is
   * unused and deletes the row (throwing leaves everything as it was); then the files no other
   * medium shares are removed. Returns the deleted record, or undefined if there was none.
   */
  remove(id: string, commit: (record: MediaRecord) => void): Promise<MediaRecord | undefined> {
    return this.#serially(async () => {
      const record = this.repo.get(id);
      if (!record) return undefined;
      commit(record);
      await this.#removeUnreferenced(record.info.files.map((f) => [f.sha256, EXT_OF[f.type]]));
      return record;
    });
  }

  /** Removes temporary and unreferenced files left by a crash (call at startup). */
  sweep(): Promise<string[]> {
    return this.#serially(() => this.store.sweep((sha256, ext) => this.repo.isFileReferenced(sha256, ext)));
  }

  async #receive(body: ReadableStream<Uint8Array>, declared: number | null): Promise<Received> {
    if (declared !== null && declared > VIDEO_MAX_BYTES) throw tooLarge(VIDEO_MAX_BYTES, 'Video');
    const temp = this.store.tempPath();
    const file = await open(temp, 'wx');
    const hash = createHash('sha256');
    const reader = body.getReader();
    const head: Uint8Array[] = [];
    let total = 0;
    let sniffed: Sniffed | null = null;
    try {
      for (;;) {
        const { done, value } = await reader.read().catch(() => {
          throw new MediaError(400, 'upload_incomplete', 'The upload broke off before it ended');
        });
        if (value?.length) {
          total += value.length;
          hash.update(value);
          if (sniffed) {
            if (total > sniffed.maxBytes) throw tooLarge(sniffed.maxBytes, sniffed.kind === 'image' ? 'Image' : 'Video');
            await file.write(value);
          } else head.push(value);
        }
        if (!sniffed && (done || total >= SNIFF_BYTES)) {
          if (total === 0) throw new MediaError(400, 'empty_file', 'The upload is empty');
          const first = Buffer.concat(head);
          sniffed = await sniff(first);
          if (!sniffed) {
            throw new MediaError(415, 'unsupported_file_type', 'Only JPEG, PNG and WebP images and MP4 (H.264) and WebM videos are accepted; the file is none of these, whatever its name says');
          }
          const what = sniffed.kind === 'image' ? 'Image' : 'Video';
          if ((declared !== null && declared > sniffed.maxBytes) || total > sniffed.maxBytes) throw tooLarge(sniffed.maxBytes, what);
          await file.write(first);
        }
        if (done) break;
      }
      await file.close();
      return { temp, sha256: hash.digest('hex'), bytes: total, sniffed: sniffed! };
    } catch (e) {
      await file.close().catch(() => undefined);
      await this.store.removeTemp(temp);
      // Leave the rest of the body unread: the server answers and then drops the connection.
      throw e;
    } finally {
      reader.releaseLock();
    }
  }

  #record(o: IngestOptions, info: MediaInfo): MediaRecord {
    const name = o.name ?? `${info.id.slice(0, 12)}.${EXT_OF[info.type]}`;
    return { info: MediaInfo.parse(info), name, ownerWard: o.ownerWard, uploadedBy: o.uploadedBy, createdAt: o.now };
  }

  async #commit(record: MediaRecord, temp: string, ext: string, derivatives: (Picture & { sha256: string })[], commit: (record: MediaRecord) => void): Promise<Ingested> {
    const again = this.repo.get(record.info.id);
    if (again) return { record: again, created: false };
    const created: [string, string][] = [];
    try {
      if ((await this.store.adopt(temp, record.info.id, ext)).created) created.push([record.info.id, ext]);
      for (const d of derivatives) if ((await this.store.put(d.bytes, d.sha256, 'webp')).created) created.push([d.sha256, 'webp']);
      commit(record);
      return { record: this.repo.get(record.info.id) ?? record, created: true };
    } catch (e) {
      await this.#removeUnreferenced(created);
      throw e;
    }
  }

  async #allStored(info: MediaInfo): Promise<boolean> {
    for (const f of info.files) if (!(await this.store.has(f.sha256, EXT_OF[f.type]))) return false;
    return true;
  }

  async #removeUnreferenced(files: [string, string][]): Promise<void> {
    for (const [sha256, ext] of files) if (!this.repo.isFileReferenced(sha256, ext)) await this.store.remove(sha256, ext);
  }

  #serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/** Size, length and codec, read asynchronously and on a budget: the event loop keeps answering (issue 11). */
async function probeVideo(path: string, sniffed: Sniffed): Promise<VideoProbe> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    return sniffed.type === 'video/mp4'
      ? await probeMp4(fileSource(file, size, mp4Limits(size), 'boxes'))
      : await probeWebm(fileSource(file, size, webmLimits(size), 'elements'));
  } catch (e) {
    if (e instanceof VideoProbeError) throw new MediaError(422, e.code, e.message);
    throw e;
  } finally {
    await file.close();
  }
}
