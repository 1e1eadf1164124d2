import { join } from 'node:path';
import type { Clock } from '../clock.ts';
import type { Job, Scheduler } from '../scheduler.ts';
import { backupName, createBackup, pruneBackups } from './backup.ts';

/** When the nightly backup runs, Hanoi time: after the day's reports (06:00 is the next day's). */
export const NIGHTLY_AT = { hour: 2, minute: 30 };

/**
 * The nightly backup (BANGTIN_BACKUP_DIR, BANGTIN_BACKUP_KEEP): a new `bangtin-<time>/` each
 * night, then the oldest beyond `keep` removed. A failure is logged and tried again next night.
 */
export class NightlyBackup {
  #running: Promise<void> | null = null;

  constructor(private readonly deps: { dataDir: string; dir: string; keep: number; clock: Clock; log?: (line: string) => void }) {}

  start(scheduler: Scheduler): Job {
    return scheduler.daily('backup', NIGHTLY_AT, () => void this.run());
  }

  run(): Promise<void> {
    this.#running ??= this.#run().finally(() => (this.#running = null));
    return this.#running;
  }

  async #run(): Promise<void> {
    const log = this.deps.log ?? ((line: string) => console.log(line));
    const now = this.deps.clock.now();
    const dest = join(this.deps.dir, backupName(now));
    try {
      const started = Date.now();
      const manifest = await createBackup(this.deps.dataDir, dest, now);
      const removed = await pruneBackups(this.deps.dir, this.deps.keep);
      log(`backup: ${dest} (${manifest.files.length} files, revision ${manifest.revision}, ${Date.now() - started} ms)${removed.length ? `; removed ${removed.join(', ')}` : ''}`);
    } catch (err) {
      log(`backup: failed (${err instanceof Error ? err.message : String(err)}); trying again tomorrow night`);
    }
  }
}
