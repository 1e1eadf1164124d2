import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import { openDatabase } from '../db/connection.ts';
import { ManualScheduler } from '../scheduler.ts';
import { seedDemo } from '../seed/bootstrap.ts';
import { createServices } from '../services.ts';
import { dumpDb, NOW } from '../testing/helpers.ts';
import { BackupError, MANIFEST_FILE, createBackup, pruneBackups, verifyBackup } from './backup.ts';
import { NightlyBackup } from './nightly.ts';
import { PID_FILE, markDataDir } from './pid-file.ts';
import { restoreBackup } from './restore.ts';

const dirs: string[] = [];
const scratch = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `bangtin-${name}-`));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A data directory as a server leaves it: the database (WAL) and the demo's media files. */
async function dataDir(): Promise<{ dir: string; close: () => void; db: ReturnType<typeof openDatabase> }> {
  const dir = scratch('data');
  const db = openDatabase(join(dir, 'bangtin.db'));
  await seedDemo(createServices(db, manualClock(NOW), { mediaDir: join(dir, 'media') }));
  return { dir, db, close: () => db.close() };
}

const media = (dir: string) => (existsSync(join(dir, 'media')) ? readdirSync(join(dir, 'media')).sort() : []);
async function refusal(p: Promise<unknown>): Promise<BackupError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof BackupError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('backup and restore', () => {
  it('copies the database as of one instant and every medium, and restores them whole', async () => {
    const data = await dataDir();
    const backup = join(scratch('backups'), 'b1');
    const manifest = await createBackup(data.dir, backup, NOW);
    expect(manifest).toMatchObject({ format: 1, createdAt: '2026-11-26T09:00:00+07:00', revision: 1 });
    expect(manifest.files.map((f) => f.path)).toEqual(['bangtin.db', ...media(data.dir).map((m) => `media/${m}`)]);
    expect(media(data.dir).length).toBeGreaterThan(0);

    const target = join(scratch('restored'), 'data');
    await restoreBackup(backup, target);
    const restored = openDatabase(join(target, 'bangtin.db'));
    expect(dumpDb(restored)).toEqual(dumpDb(data.db));
    expect(media(target)).toEqual(media(data.dir));
    for (const name of media(target)) expect(readFileSync(join(target, 'media', name))).toEqual(readFileSync(join(data.dir, 'media', name)));
    restored.close();
    data.close();
  });

  it('refuses to write into a backup directory that holds anything, or from no data', async () => {
    const data = await dataDir();
    const busy = scratch('busy');
    writeFileSync(join(busy, 'x'), 'x');
    expect((await refusal(createBackup(data.dir, busy))).code).toBe('destination_not_empty');
    expect((await refusal(createBackup(scratch('empty'), join(scratch('b'), 'b')))).code).toBe('no_data');
    data.close();
  });

  it('checks every hash before writing anything: a damaged backup changes nothing', async () => {
    const data = await dataDir();
    const backup = join(scratch('backups'), 'b1');
    await createBackup(data.dir, backup);
    const target = await dataDir();
    target.close();
    const before = { db: readFileSync(join(target.dir, 'bangtin.db')), media: media(target.dir) };
    const medium = media(backup)[0]!;
    const bytes = readFileSync(join(backup, 'media', medium));
    bytes[bytes.length >> 1]! ^= 0xff;
    writeFileSync(join(backup, 'media', medium), bytes);
    const err = await refusal(restoreBackup(backup, target.dir));
    expect(err.code).toBe('backup_damaged');
    expect(err.message).toContain(`media/${medium}: its bytes do not match the manifest`);
    expect(readFileSync(join(target.dir, 'bangtin.db'))).toEqual(before.db);
    expect(media(target.dir)).toEqual(before.media);
    expect(readdirSync(target.dir).filter((n) => n.startsWith('.restore') || n.startsWith('replaced'))).toEqual([]);
    rmSync(join(backup, MANIFEST_FILE));
    expect((await refusal(verifyBackup(backup))).code).toBe('not_a_backup');
    data.close();
  });

  it('refuses a data directory a running server holds, and ignores the mark a crash left', async () => {
    const data = await dataDir();
    const backup = join(scratch('backups'), 'b1');
    await createBackup(data.dir, backup);
    const target = scratch('target');
    const release = markDataDir(target);
    const err = await refusal(restoreBackup(backup, target));
    expect([err.code, err.message]).toEqual(['server_running', `a bangtin server (process ${process.pid}) is using ${target}: stop it before restoring`]);
    expect(readdirSync(target)).toEqual([PID_FILE]);
    release();
    // A server killed without a chance to clean up: its pid names a process that is gone.
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((done) => child.once('exit', done));
    writeFileSync(join(target, PID_FILE), JSON.stringify({ pid: child.pid }));
    await restoreBackup(backup, target);
    expect(existsSync(join(target, 'bangtin.db'))).toBe(true);
    data.close();
  });

  it('moves the data it replaces aside', async () => {
    const data = await dataDir();
    const backup = join(scratch('backups'), 'b1');
    await createBackup(data.dir, backup);
    const target = await dataDir();
    target.close();
    const { replacedInto } = await restoreBackup(backup, target.dir, NOW);
    expect(replacedInto).toBe(join(target.dir, 'replaced-20261126T020000'));
    expect(readdirSync(replacedInto!).sort()).toEqual(['bangtin.db', 'media']);
    data.close();
  });
});

describe('the nightly backup', () => {
  it('runs at 02:30 Hanoi time through the scheduler and keeps the newest BANGTIN_BACKUP_KEEP', async () => {
    const data = await dataDir();
    const root = scratch('nightly');
    const clock = manualClock(NOW);
    const scheduler = new ManualScheduler(clock);
    const lines: string[] = [];
    const nightly = new NightlyBackup({ dataDir: data.dir, dir: root, keep: 2, clock, log: (l) => lines.push(l) });
    nightly.start(scheduler);
    expect(scheduler.pending.backup).toBe(Date.parse('2026-11-27T02:30:00+07:00'));
    for (let night = 0; night < 3; night++) {
      clock.set(Date.parse('2026-11-27T02:30:00+07:00') + night * 86_400_000);
      expect(scheduler.runDue()).toEqual(['backup']);
      await nightly.run();
    }
    expect(readdirSync(root).sort()).toEqual(['bangtin-20261128-023000', 'bangtin-20261129-023000']);
    expect(lines.at(-1)).toMatch(/removed bangtin-20261127-023000$/);
    await verifyBackup(join(root, 'bangtin-20261129-023000'));
    data.close();
  });

  it('removes unfinished backups when pruning', async () => {
    const root = scratch('prune');
    mkdirSync(join(root, 'bangtin-20261101-023000'));
    writeFileSync(join(root, 'bangtin-20261101-023000', MANIFEST_FILE), '{}');
    mkdirSync(join(root, 'bangtin-20261102-023000'));
    mkdirSync(join(root, 'not-a-backup'));
    expect(await pruneBackups(root, 5)).toEqual(['bangtin-20261102-023000']);
    expect(readdirSync(root).sort()).toEqual(['bangtin-20261101-023000', 'not-a-backup']);
  });
});
