import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { freeBytes } from './storage.ts';

const CHUNK = 1024 * 1024;

/**
 * A file that holds disk space for when the disk fills up: giving it up lets an emergency (and
 * its cancellation) be saved on a disk that is otherwise full. It is written with random bytes,
 * so a compressing file system cannot store it in less than its size.
 */
export class DiskReserve {
  constructor(
    readonly path: string,
    readonly bytes: number,
    /** Space to leave free beyond the reserve when putting it back. */
    private readonly headroom = 0,
  ) {}

  get present(): boolean {
    try {
      return statSync(this.path).size === this.bytes;
    } catch {
      return false;
    }
  }

  /** Puts the reserve in place if it is missing; throws (ENOSPC) when there is no room for it. */
  restore(): void {
    if (this.bytes <= 0 || this.present) return;
    const free = freeBytes(dirname(this.path));
    if (free !== null && free < this.bytes + this.headroom) {
      throw Object.assign(new Error(`no room for the ${this.bytes}-byte disk reserve (${free} bytes free)`), { code: 'ENOSPC' });
    }
    const temp = `${this.path}.tmp`;
    const chunk = randomBytes(Math.min(CHUNK, this.bytes));
    try {
      const fd = openSync(temp, 'w');
      try {
        for (let at = 0; at < this.bytes; at += chunk.length) writeSync(fd, chunk, 0, Math.min(chunk.length, this.bytes - at));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.path);
    } catch (err) {
      rmSync(temp, { force: true });
      throw err;
    }
  }

  /** Gives the space back to the disk; answers the bytes freed. */
  release(): number {
    const had = this.present ? this.bytes : 0;
    rmSync(this.path, { force: true });
    return had;
  }
}
