import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskReserve } from './disk-reserve.ts';
import { StorageHealth, assertRoom, startupFailure, storageProblemOf } from './storage.ts';

/** A real database that answers SQLITE_FULL to a write needing new pages, until `grow()`. */
function fullDatabase() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (x BLOB)');
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  return {
    db,
    write: () => db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(64 * 1024)),
    grow: () => db.pragma('max_page_count = 1000000'),
  };
}

const caught = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
};

describe('storageProblemOf', () => {
  it('tells a full disk and a read-only one from any other error', () => {
    const full = fullDatabase();
    expect(storageProblemOf(caught(full.write))).toBe('disk_full');
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (x)');
    db.pragma('query_only = ON');
    expect(storageProblemOf(caught(() => db.prepare('INSERT INTO t VALUES (1)').run()))).toBe('storage_read_only');
    expect(storageProblemOf(Object.assign(new Error('write failed'), { code: 'ENOSPC' }))).toBe('disk_full');
    expect(storageProblemOf(Object.assign(new Error('write failed'), { code: 'EROFS' }))).toBe('storage_read_only');
    expect(storageProblemOf(caught(() => db.prepare('SELECT * FROM missing').get()))).toBeNull();
    expect(storageProblemOf(new TypeError('x is undefined'))).toBeNull();
  });
});

describe('StorageHealth', () => {
  let lines: string[];
  let probeFails: boolean;
  let health: StorageHealth;
  beforeEach(() => {
    lines = [];
    probeFails = false;
    health = new StorageHealth({
      probe: () => {
        if (probeFails) fullDatabase().write();
      },
      log: (line) => lines.push(line),
    });
  });

  it('catches a failing background write, logs it once however often it is retried, and says degraded', () => {
    const full = fullDatabase();
    expect(health.background('screen sightings', full.write)).toBe(false);
    for (let i = 0; i < 20; i++) expect(health.background('screen sightings', full.write)).toBe(false);
    expect(health.reasons).toEqual(['disk_full']);
    // One line that the server is degraded, one for the task: not one per retry.
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).toMatch(/degraded: the data disk is full/);
    expect(lines.join('\n')).toMatch(/screen sightings not saved \(database or disk is full\); retrying later/);
  });

  it('is healthy again once a retried write succeeds, and says so once', () => {
    const full = fullDatabase();
    health.background('play events', full.write);
    health.background('play events', full.write);
    full.grow();
    expect(health.background('play events', full.write)).toBe(true);
    expect(health.reasons).toEqual([]);
    expect(health.degraded).toBe(false);
    expect(lines.slice(2)).toEqual(['storage: play events saved again', expect.stringMatching(/writes succeed again \(was disk_full\); healthy/)]);
    expect(full.db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1);
  });

  it('stays degraded while the probe write fails, also when a task succeeds', () => {
    health.failed(caught(fullDatabase().write));
    probeFails = true;
    expect(health.recheck()).toBe(false);
    expect(health.background('fleet tick', () => undefined)).toBe(true);
    expect(health.reasons).toEqual(['disk_full']);
    probeFails = false;
    expect(health.recheck()).toBe(true);
    expect(health.reasons).toEqual([]);
  });

  it('logs other errors of a background task once too, without calling the disk full', () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      for (let i = 0; i < 5; i++) expect(health.background('fleet tick', () => { throw new TypeError('boom'); })).toBe(false);
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    expect(health.degraded).toBe(false);
  });

  it('counts the disk as full when its free space is under the minimum, before any write fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bangtin-storage-'));
    try {
      const tight = new StorageHealth({ dir, minFreeBytes: Number.MAX_SAFE_INTEGER, probe: () => undefined, log: (l) => lines.push(l) });
      tight.check();
      expect(tight.reasons).toEqual(['disk_full']);
      // No room yet: the probe alone does not end it.
      expect(tight.recheck()).toBe(false);
      const roomy = new StorageHealth({ dir, minFreeBytes: 1, probe: () => undefined, log: (l) => lines.push(l) });
      roomy.check();
      expect(roomy.reasons).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the disk reserve', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bangtin-reserve-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds its size on disk, is given back, and is put back when there is room', () => {
    const reserve = new DiskReserve(join(dir, 'disk-reserve'), 3 * 1024 * 1024 + 5);
    reserve.restore();
    expect(statSync(reserve.path).size).toBe(3 * 1024 * 1024 + 5);
    expect(reserve.present).toBe(true);
    expect(reserve.release()).toBe(3 * 1024 * 1024 + 5);
    expect(existsSync(reserve.path)).toBe(false);
    reserve.restore();
    expect(reserve.present).toBe(true);
  });

  it('refuses to be put back without room, leaving no partial file', () => {
    const reserve = new DiskReserve(join(dir, 'disk-reserve'), 1024, Number.MAX_SAFE_INTEGER);
    expect(storageProblemOf(caught(() => reserve.restore()))).toBe('disk_full');
    expect(existsSync(reserve.path)).toBe(false);
    expect(existsSync(`${reserve.path}.tmp`)).toBe(false);
  });

  it('is given up for a critical write on a full disk, which is then tried once more', () => {
    const reserve = new DiskReserve(join(dir, 'disk-reserve'), 1024 * 1024);
    reserve.restore();
    const lines: string[] = [];
    const health = new StorageHealth({ reserve, probe: () => undefined, log: (l) => lines.push(l) });
    // A disk with room only once the reserve is gone.
    const full = fullDatabase();
    let tries = 0;
    const sent = health.critical('an emergency', () => {
      tries += 1;
      if (reserve.present) full.write();
      return 'sent';
    });
    expect(sent).toBe('sent');
    expect(tries).toBe(2);
    expect(reserve.present).toBe(false);
    expect(health.reasons).toEqual(['disk_full']);
    expect(lines.join('\n')).toMatch(/released the 1 MB disk reserve so that an emergency can be saved/);
  });

  it('is not given up for errors other than a full disk', () => {
    const reserve = new DiskReserve(join(dir, 'disk-reserve'), 1024);
    reserve.restore();
    const health = new StorageHealth({ reserve, probe: () => undefined, log: () => undefined });
    expect(() => health.critical('an emergency', () => { throw new TypeError('bad'); })).toThrow(TypeError);
    expect(reserve.present).toBe(true);
  });
});

describe('startupFailure', () => {
  it('says in one line that the data directory is full', () => {
    const line = startupFailure(caught(fullDatabase().write), '/srv/bangtin');
    expect(line).toBe('bangtin: cannot start: the data directory /srv/bangtin is full (database or disk is full)');
  });

  it('says in one line that the data directory is read-only', () => {
    const line = startupFailure(Object.assign(new Error("EROFS: read-only file system, mkdir '/srv/bangtin'"), { code: 'EROFS' }), '/srv/bangtin');
    expect(line).toBe("bangtin: cannot start: the data directory /srv/bangtin is read-only (EROFS: read-only file system, mkdir '/srv/bangtin')");
  });

  it('refuses a disk with less than the minimum free, whatever SQLite could still open', () => {
    const dir = tmpdir();
    expect(() => assertRoom(dir, 1)).not.toThrow();
    const err = caught(() => assertRoom(dir, Number.MAX_SAFE_INTEGER));
    expect(startupFailure(err, dir)).toMatch(new RegExp(`^bangtin: cannot start: the data directory ${dir} is full \\(only \\d+ bytes free\\)$`));
  });

  it('leaves other failures to the usual report', () => {
    expect(startupFailure(new Error('database is at version 99, newer than this bangtin (20)'), tmpdir())).toBeNull();
  });
});
