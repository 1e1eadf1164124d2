import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from './connection.ts';
import { migrations } from './migrations/index.ts';

describe('openDatabase', () => {
  it('migrates a new database to the last migration', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
  });

  it('leaves an up-to-date database as it is when migrated again', () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO settings (key, value) VALUES ('default_playlist_id', 'p_1')").run();
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.prepare('SELECT value FROM settings').pluck().all()).toEqual(['p_1']);
  });

  it('refuses a database made by a newer bangtin', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${migrations.length + 1}`);
    expect(() => migrate(db)).toThrow(/newer than this bangtin/);
  });

  it('syncs every commit to disk (synchronous=FULL), in WAL mode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bangtin-db-'));
    try {
      const db = openDatabase(join(dir, 'bangtin.db'));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // 2 is FULL: an acknowledged write survives a power cut (NORMAL, 1, may lose the last ones).
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns foreign keys on', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const insertPlay = db.prepare(
      `INSERT INTO play_events (id, screen_id, item_id, item_revision, tier, theme, started_at, duration_ms, completed, received_at)
       VALUES ('play-0001', 's_missing', 'c_1', 1, 'fallback', 1, 0, 0, 1, 0)`,
    );
    expect(() => insertPlay.run()).toThrow(/FOREIGN KEY/);
  });

  it('makes every table STRICT, so a value of the wrong type is refused', () => {
    const db = openDatabase(':memory:');
    const tables = db
      .prepare<[], { name: string; strict: number }>("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'")
      .all();
    expect(tables.length).toBeGreaterThan(0);
    expect(tables.filter((t) => t.strict !== 1)).toEqual([]);

    const insertItem = db.prepare('INSERT INTO content_items (id, kind, body, updated_at) VALUES (?, ?, ?, ?)');
    expect(() => insertItem.run('c_1', 'slogan', '{}', 'yesterday')).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => insertItem.run('c_1', 'slogan', Buffer.from('{}'), 1)).toThrow(/cannot store BLOB value in TEXT column/);
    expect(db.prepare('SELECT count(*) FROM content_items').pluck().get()).toBe(0);
  });

  it('refuses a user with an unknown role', () => {
    const db = openDatabase(':memory:');
    const insert = db.prepare("INSERT INTO users (username, password_hash, role, created_at) VALUES ('x', 'h', 'root', 0)");
    expect(() => insert.run()).toThrow(/CHECK constraint/);
  });
});
