import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, unsynced } from './connection.ts';

describe('unsynced writes', () => {
  it('commit with synchronous=NORMAL and leave the connection at FULL, also when the write throws', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'bangtin-unsynced-')), 'bangtin.db'));
    db.exec('CREATE TABLE t (n INTEGER) STRICT');
    const FULL = 2;
    const NORMAL = 1;
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    let during = -1;
    unsynced(db, () => db.transaction(() => {
      during = db.pragma('synchronous', { simple: true }) as number;
      db.prepare('INSERT INTO t VALUES (1)').run();
    })());
    expect(during).toBe(NORMAL);
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    expect(() => unsynced(db, () => { throw new Error('disk full'); })).toThrow('disk full');
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    // Inside a transaction already: left as it is (the outer commit decides).
    db.transaction(() => unsynced(db, () => void (during = db.pragma('synchronous', { simple: true }) as number)))();
    expect(during).toBe(FULL);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
  });
});
