import { createHash } from 'node:crypto';
import { constants, createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { toLocalIso } from '../../playlists/index.ts';
import { migrations } from '../db/migrations/index.ts';

/**
 * Backups of a data directory (issue 17), taken while the server runs: the database through
 * SQLite's online backup API on a connection of its own (one step, so writes going on meanwhile
 * cannot make it start over: the copy is the database as of one instant), then the media files
 * that copy refers to, then `manifest.json` with every file's size and sha256 — written last, so
 * a backup without one is unfinished. Restoring checks every hash before it writes anything.
 */

export const DB_FILE = 'bangtin.db';
export const MEDIA_DIR = 'media';
export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 1;

export interface BackupFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  /** The database's migration count (PRAGMA user_version). */
  schemaVersion: number;
  /** The latest published revision in the copy. */
  revision: number;
  files: BackupFile[];
}

/** A backup or a restore that cannot go ahead; `code` is stable, the message says why. */
export class BackupError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

export async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

async function isEmptyDir(dir: string): Promise<boolean> {
  return readdir(dir).then((names) => names.length === 0, () => true);
}

/** What the copy of the database says: its version, latest revision, and the media files it names. */
function readCopy(file: string): { schemaVersion: number; revision: number; media: string[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError('backup_corrupt', `the database copy fails its check: ${String(check)}`);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const revision = (db.prepare('SELECT max(number) AS n FROM revisions').get() as { n: number | null }).n ?? 0;
    const media = (db.prepare('SELECT DISTINCT sha256, ext FROM media_files ORDER BY sha256, ext').all() as { sha256: string; ext: string }[]).map((f) => `${f.sha256}.${f.ext}`);
    return { schemaVersion, revision, media };
  } finally {
    db.close();
  }
}

/** One attempt: false when a media file the copy names was deleted before it could be copied. */
async function attempt(dataDir: string, dest: string, now: number): Promise<BackupManifest | null> {
  const source = new Database(join(dataDir, DB_FILE), { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // Every page in one step: the copy is one read transaction, whatever the server writes meanwhile.
    await source.backup(join(dest, DB_FILE), { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const copy = readCopy(join(dest, DB_FILE));
  await mkdir(join(dest, MEDIA_DIR), { recursive: true });
  const files: BackupFile[] = [{ path: DB_FILE, ...(await sha256File(join(dest, DB_FILE))) }];
  for (const name of copy.media) {
    const target = join(dest, MEDIA_DIR, name);
    try {
      // Media are immutable and named by their hash: a copy (a clone where the file system can) is exact.
      await copyFile(join(dataDir, MEDIA_DIR, name), target, constants.COPYFILE_FICLONE);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const sum = await sha256File(target);
    if (sum.sha256 !== name.slice(0, 64)) throw new BackupError('media_damaged', `media/${name} does not hash to its name: the data directory holds a damaged file`);
    files.push({ path: `${MEDIA_DIR}/${name}`, ...sum });
  }
  return { format: BACKUP_FORMAT, createdAt: toLocalIso(now), schemaVersion: copy.schemaVersion, revision: copy.revision, files };
}

/**
 * Backs `dataDir` up into `dest` (created; refused when it holds anything). A medium deleted
 * between the database copy and the copy of its file means the copy is taken again.
 */
export async function createBackup(dataDir: string, dest: string, now = Date.now()): Promise<BackupManifest> {
  if (!existsSync(join(dataDir, DB_FILE))) throw new BackupError('no_data', `there is no ${DB_FILE} in ${dataDir}`);
  if (!(await isEmptyDir(dest))) throw new BackupError('destination_not_empty', `${dest} is not empty: back up into a new directory`);
  await mkdir(dest, { recursive: true, mode: 0o700 });
  for (let tries = 0; tries < 3; tries++) {
    const manifest = await attempt(dataDir, dest, now);
    if (manifest) {
      const temp = join(dest, `.${MANIFEST_FILE}.tmp`);
      await writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`);
      await rename(temp, join(dest, MANIFEST_FILE));
      return manifest;
    }
    for (const name of await readdir(dest)) await rm(join(dest, name), { recursive: true, force: true });
  }
  throw new BackupError('media_changing', 'media were deleted while the backup was taken, three times over: try again');
}

/** Reads a backup's manifest and checks every file it lists (size and sha256); throws on the first problems. */
export async function verifyBackup(dir: string): Promise<BackupManifest> {
  const text = await readFile(join(dir, MANIFEST_FILE), 'utf8').catch(() => null);
  if (text === null) throw new BackupError('not_a_backup', `${dir} has no ${MANIFEST_FILE}: not a bangtin backup, or an unfinished one`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text) as BackupManifest;
  } catch {
    throw new BackupError('not_a_backup', `${MANIFEST_FILE} is not JSON`);
  }
  if (manifest.format !== BACKUP_FORMAT || !Array.isArray(manifest.files) || !manifest.files.some((f) => f.path === DB_FILE)) {
    throw new BackupError('not_a_backup', `${MANIFEST_FILE} is not a bangtin backup manifest (format ${BACKUP_FORMAT})`);
  }
  if (manifest.schemaVersion > migrations.length) {
    throw new BackupError('backup_too_new', `the backup's database is at version ${manifest.schemaVersion}, newer than this bangtin (${migrations.length})`);
  }
  const bad: string[] = [];
  for (const file of manifest.files) {
    if (!/^(bangtin\.db|media\/[0-9a-f]{64}\.(jpg|png|webp|mp4|webm))$/.test(file.path)) {
      bad.push(`${file.path}: not a file a backup holds`);
      continue;
    }
    const sum = await sha256File(join(dir, file.path)).catch(() => null);
    if (!sum) bad.push(`${file.path}: missing`);
    else if (sum.bytes !== file.bytes || sum.sha256 !== file.sha256) bad.push(`${file.path}: its bytes do not match the manifest`);
  }
  if (bad.length) throw new BackupError('backup_damaged', `the backup is damaged, nothing was restored:\n  ${bad.join('\n  ')}`);
  return manifest;
}

/** Keeps the newest `keep` finished backups named `bangtin-…` in `root`; removes the rest and unfinished ones. */
export async function pruneBackups(root: string, keep: number): Promise<string[]> {
  const names = (await readdir(root).catch(() => [] as string[])).filter((n) => /^bangtin-\d{8}-\d{6}$/.test(n)).sort().reverse();
  const finished = names.filter((n) => existsSync(join(root, n, MANIFEST_FILE)));
  const remove = [...finished.slice(keep), ...names.filter((n) => !finished.includes(n))];
  for (const name of remove) await rm(join(root, name), { recursive: true, force: true });
  return remove.sort();
}

/** `bangtin-20261126-023000`: a nightly backup's directory name, in Hanoi time. */
export const backupName = (now: number) => `bangtin-${toLocalIso(now).slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`;
