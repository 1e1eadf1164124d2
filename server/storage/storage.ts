import { accessSync, constants, existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DiskReserve } from './disk-reserve.ts';

/** Why writes fail: the data directory's disk is full, or it is read-only. */
export type StorageProblem = 'disk_full' | 'storage_read_only';

const FULL = new Set(['SQLITE_FULL', 'SQLITE_IOERR_SHMSIZE', 'ENOSPC', 'EDQUOT']);
const READ_ONLY = new Set(['EROFS', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_READONLY_DIRECTORY', 'SQLITE_READONLY_RECOVERY', 'SQLITE_READONLY_CANTINIT', 'SQLITE_READONLY_CANTLOCK', 'SQLITE_READONLY_ROLLBACK']);

/** The storage problem an error from SQLite or the file system means, or null for any other error. */
export function storageProblemOf(err: unknown): StorageProblem | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (FULL.has(code)) return 'disk_full';
  if (READ_ONLY.has(code)) return 'storage_read_only';
  return null;
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Bytes an unprivileged process may still write under `dir`, or null where it cannot be told. */
export function freeBytes(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/**
 * Throws (ENOSPC) when `dir` has less than `minFree` bytes free: bangtin does not start on a full
 * disk, whether or not SQLite could still open its files there.
 */
export function assertRoom(dir: string, minFree = DEFAULT_MIN_FREE_BYTES): void {
  const free = freeBytes(dir);
  if (free !== null && free < minFree) throw Object.assign(new Error(`only ${free} bytes free`), { code: 'ENOSPC' });
}

/**
 * The one line to print when start-up failed because the data directory cannot be written (full,
 * read-only, not writable); null for any other failure. Opening SQLite on a full disk fails in
 * less telling ways (SQLITE_IOERR_SHMSIZE, SQLITE_CANTOPEN), so the directory itself is asked.
 */
export function startupFailure(err: unknown, dir: string): string | null {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  let what: string | null = null;
  const problem = storageProblemOf(err);
  if (problem) what = problem === 'disk_full' ? 'is full' : 'is read-only';
  else if (/^SQLITE_(IOERR|CANTOPEN)/.test(code) || ['ENOENT', 'EACCES', 'EPERM'].includes(code)) {
    // Where the directory does not exist yet, its nearest existing parent is asked.
    const existing = nearestExisting(dir);
    const free = freeBytes(existing);
    const access = writeAccess(existing);
    if (free !== null && free < DEFAULT_MIN_FREE_BYTES && access === null) what = 'is full';
    else if (access === 'EROFS') what = 'is read-only';
    else if (access !== null) what = 'is not writable by this user';
  }
  return what && `bangtin: cannot start: the data directory ${dir} ${what} (${describe(err)})`;
}

function nearestExisting(dir: string): string {
  let at = dir;
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  return at;
}

/** Null when `dir` may be written; otherwise why not (EROFS, EACCES, ...). */
function writeAccess(dir: string): string | null {
  try {
    accessSync(dir, constants.W_OK);
    return null;
  } catch (e) {
    return String((e as { code?: unknown }).code ?? 'EACCES');
  }
}

export interface StorageHealthOptions {
  /** A tiny database write that proves commits succeed again. */
  probe: () => void;
  /** The data directory, whose free space is watched; null for a database in memory. */
  dir?: string | null;
  /** Space kept aside for emergencies (disk-reserve.ts); null for none. */
  reserve?: DiskReserve | null;
  /** Below this many free bytes the disk counts as full, before any write fails. */
  minFreeBytes?: number;
  /** How often `start()` looks at the disk, and retries while degraded. */
  checkMs?: number;
  log?: (line: string) => void;
}

export const DEFAULT_MIN_FREE_BYTES = 1024 * 1024;
export const DEFAULT_CHECK_MS = 5_000;

/**
 * Whether bangtin can write its data, for `/healthz` and the dashboard banner; and the one way
 * background writes run, so that a failure is caught, logged once (not at every retry) and
 * retried by the caller's next run instead of taking the process down.
 *
 * Degraded begins at the first write that fails for lack of space (or a read-only disk), or when
 * free space falls under `minFreeBytes`; it ends when there is room again, the reserve is back
 * in place and a probe write commits (`recheck`).
 */
export class StorageHealth {
  #problem: StorageProblem | null = null;
  /** Background tasks whose last run failed, by name: each is logged once until it succeeds. */
  readonly #failing = new Set<string>();
  #timer: ReturnType<typeof setInterval> | null = null;
  readonly #log: (line: string) => void;

  constructor(private readonly options: StorageHealthOptions) {
    this.#log = options.log ?? ((line) => console.warn(line));
  }

  /** Why writes fail now (empty when healthy). */
  get reasons(): StorageProblem[] {
    return this.#problem ? [this.#problem] : [];
  }

  get degraded(): boolean {
    return this.#problem !== null;
  }

  /** Looks at the disk every `checkMs`: notices a full disk early, and retries while degraded. */
  start(): void {
    this.#timer ??= setInterval(() => this.check(), this.options.checkMs ?? DEFAULT_CHECK_MS);
    this.#timer.unref?.();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /**
   * One look: retries while degraded; otherwise marks the disk full when its free space ran out,
   * and puts back a missing reserve.
   */
  check(): void {
    if (this.#problem) {
      this.recheck();
      return;
    }
    if (this.#lowOnSpace()) {
      this.#mark('disk_full', `under ${this.#minFree()} bytes free in ${this.options.dir}`);
      return;
    }
    try {
      this.options.reserve?.restore();
    } catch (err) {
      if (!this.failed(err)) console.error('storage: could not put the disk reserve in place', err);
    }
  }

  /**
   * Notes an error from a write; answers the storage problem it means (null for any other
   * error, which is left to the caller).
   */
  failed(err: unknown): StorageProblem | null {
    const problem = storageProblemOf(err);
    if (problem) this.#mark(problem, describe(err));
    return problem;
  }

  /**
   * Runs a background write (a flush, a receipt, a timed job). A failure is logged the first
   * time only, until the task succeeds again; the caller keeps what it could not write and tries
   * at its next run. Answers whether it succeeded.
   */
  background(task: string, write: () => void): boolean {
    try {
      write();
    } catch (err) {
      const problem = this.failed(err);
      if (!this.#failing.has(task)) {
        this.#failing.add(task);
        if (problem) this.#log(`storage: ${task} not saved (${describe(err)}); retrying later`);
        else console.error(`${task} failed; retrying later`, err);
      }
      return false;
    }
    if (this.#failing.delete(task)) this.#log(`storage: ${task} saved again`);
    if (this.#problem) this.recheck();
    return true;
  }

  /**
   * Runs a write that must not wait for space (an emergency, its cancellation): when the disk
   * is full, the reserve is given up and the write tried once more.
   */
  critical<T>(task: string, write: () => T): T {
    try {
      return write();
    } catch (err) {
      if (this.failed(err) !== 'disk_full' || !this.options.reserve?.present) throw err;
      const freed = this.options.reserve.release();
      this.#log(`storage: released the ${Math.round(freed / 1024 / 1024)} MB disk reserve so that ${task} can be saved`);
      return write();
    }
  }

  /**
   * While degraded: healthy again once there is room, the reserve could be put back and a probe
   * write commits. Answers whether it is healthy now.
   */
  recheck(): boolean {
    if (!this.#problem) return true;
    if (this.#lowOnSpace()) return false;
    try {
      this.options.reserve?.restore();
      this.options.probe();
    } catch (err) {
      if (!this.failed(err)) console.error('storage: probe write failed', err);
      return false;
    }
    this.#log(`storage: writes succeed again (was ${this.#problem}); healthy`);
    this.#problem = null;
    return true;
  }

  #mark(problem: StorageProblem, detail: string): void {
    if (this.#problem === problem) return;
    this.#problem = problem;
    const what = problem === 'disk_full' ? 'the data disk is full' : 'the data disk is read-only';
    this.#log(`storage: degraded: ${what} (${detail}); screens keep playing, changes are refused until there is room`);
  }

  #minFree(): number {
    return this.options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES;
  }

  #lowOnSpace(): boolean {
    if (!this.options.dir) return false;
    const free = freeBytes(this.options.dir);
    return free !== null && free < this.#minFree();
  }
}
