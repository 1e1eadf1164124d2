import { existsSync } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BackupError, DB_FILE, MEDIA_DIR, sha256File, verifyBackup, type BackupManifest } from './backup.ts';
import { runningServer } from './pid-file.ts';

/**
 * Restores a backup into `dataDir` (issue 17). Refused while a server runs on that directory
 * (its pid file names a live process), and when any file of the backup does not match its
 * manifest — both before anything is written. The data it replaces is moved aside into
 * `replaced-<time>/` in the data directory, not deleted.
 */
export async function restoreBackup(dir: string, dataDir: string, now = Date.now()): Promise<{ manifest: BackupManifest; replacedInto: string | null }> {
  const running = runningServer(dataDir);
  if (running) {
    throw new BackupError('server_running', `a bangtin server (process ${running.pid}) is using ${dataDir}: stop it before restoring`);
  }
  const manifest = await verifyBackup(dir);
  await mkdir(dataDir, { recursive: true });
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  // Staged inside the data directory, so the last step is renames on one file system.
  const staging = join(dataDir, `.restore-${stamp}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(join(staging, MEDIA_DIR), { recursive: true });
  try {
    for (const file of manifest.files) {
      const target = join(staging, file.path);
      await mkdir(dirname(target), { recursive: true });
      await copyFile(join(dir, file.path), target);
      const sum = await sha256File(target);
      if (sum.sha256 !== file.sha256) throw new BackupError('backup_changed', `${file.path} changed while it was copied: nothing was restored`);
    }
    const present = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, MEDIA_DIR].filter((name) => existsSync(join(dataDir, name)));
    let replacedInto: string | null = null;
    if (present.length) {
      replacedInto = join(dataDir, `replaced-${stamp}`);
      await mkdir(replacedInto, { recursive: true });
      for (const name of present) await rename(join(dataDir, name), join(replacedInto, name));
    }
    await rename(join(staging, DB_FILE), join(dataDir, DB_FILE));
    await rename(join(staging, MEDIA_DIR), join(dataDir, MEDIA_DIR));
    return { manifest, replacedInto };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
