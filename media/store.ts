import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { link, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const STORED_NAME = /^([0-9a-f]{64})\.(jpg|png|webp|mp4|webm)$/;
const TEMP_PREFIX = '.tmp-';

const ignoreMissing = (e: unknown) => {
  if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
};

/**
 * Files under their content hash, `<dir>/<sha256>.<ext>`. A file appears whole or not at all:
 * it is written to a temporary name in the same directory and renamed into place, and a name
 * that exists already holds the same bytes, so it is kept as it is.
 */
export class MediaStore {
  constructor(readonly dir: string) {}

  pathOf(sha256: string, ext: string): string {
    return join(this.dir, `${sha256}.${ext}`);
  }

  /** A fresh temporary path in the store's directory (created on first use). */
  tempPath(): string {
    mkdirSync(this.dir, { recursive: true });
    return join(this.dir, `${TEMP_PREFIX}${randomBytes(12).toString('hex')}`);
  }

  /** Stores `bytes`; `created` says whether this call made the file (and may remove it on failure). */
  async put(bytes: Uint8Array, sha256: string, ext: string): Promise<{ created: boolean }> {
    const temp = this.tempPath();
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      return await this.adopt(temp, sha256, ext);
    } finally {
      await unlink(temp).catch(ignoreMissing);
    }
  }

  /**
   * Moves a finished temporary file into place. Linking (rather than renaming) never replaces
   * a file that is there already; the temporary name is removed either way.
   */
  async adopt(temp: string, sha256: string, ext: string): Promise<{ created: boolean }> {
    const target = this.pathOf(sha256, ext);
    try {
      await link(temp, target);
      return { created: true };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { created: false };
      if ((e as NodeJS.ErrnoException).code !== 'EPERM' && (e as NodeJS.ErrnoException).code !== 'ENOTSUP') throw e;
      // A file system without hard links: rename, unless the name is taken.
      if (await this.has(sha256, ext)) return { created: false };
      await rename(temp, target);
      return { created: true };
    } finally {
      await unlink(temp).catch(ignoreMissing);
    }
  }

  async has(sha256: string, ext: string): Promise<boolean> {
    return stat(this.pathOf(sha256, ext)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  async remove(sha256: string, ext: string): Promise<void> {
    await unlink(this.pathOf(sha256, ext)).catch(ignoreMissing);
  }

  async removeTemp(path: string): Promise<void> {
    await unlink(path).catch(ignoreMissing);
  }

  /** Every name in the directory (temporary ones included); none when it does not exist yet. */
  async names(): Promise<string[]> {
    return readdir(this.dir).then(
      (names) => names.sort(),
      () => [],
    );
  }

  /**
   * Removes what a crash can leave: temporary files, and stored files no medium refers to
   * (written, then the database insert never happened). Run at startup, before uploads.
   */
  async sweep(isReferenced: (sha256: string, ext: string) => boolean): Promise<string[]> {
    const removed: string[] = [];
    for (const name of await this.names()) {
      const stored = STORED_NAME.exec(name);
      if (name.startsWith(TEMP_PREFIX) || (stored && !isReferenced(stored[1]!, stored[2]!))) {
        await unlink(join(this.dir, name)).catch(ignoreMissing);
        removed.push(name);
      }
    }
    return removed;
  }
}
