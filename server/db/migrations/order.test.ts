import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../connection.ts';
import { MIGRATIONS, migrations } from './index.ts';

/**
 * The SQL of each migration as released, by number (sha256, first 16 hex digits), taken from
 * the ordered list the server had before migrations became numbered files. A database in the
 * field records how many it applied (`PRAGMA user_version`), so migration N must stay migration
 * N, to the letter. Append the hash of a new migration; never change one.
 */
const RELEASED = [
  '60eab27bd390c650',
  'b24e0ca3fdd5e485',
  '308662e1c45b26e8',
  '6fdef8b944058b2a',
  '8aa6945136b3dae0',
  '81c48760a88ba4fa',
  'b13370d4363c4b92',
  '33044a2e476c31be',
  '5197bf657b182dbc',
  '4a12ba433359110f',
  '83e860c71d4fc3fd',
  'e8645798300712b8',
  'fee2658533d14cae',
];

const fingerprint = (sql: string) => createHash('sha256').update(sql).digest('hex').slice(0, 16);

/** The migration files in this folder, by name: `NNN-name.ts`, tests excluded. */
const files = () => readdirSync(import.meta.dirname).filter((f) => /^\d{3}-.+\.ts$/.test(f) && !f.endsWith('.test.ts')).sort();

/** The schema, as SQLite keeps it: every table, index and trigger with its SQL. */
const schema = (db: Db) => db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").all();

describe('numbered migrations', () => {
  it('are applied in the order of their file names, numbered from 001 without a gap', () => {
    expect(MIGRATIONS.map((m) => m.file)).toEqual(files());
    expect(files().map((f) => Number(f.slice(0, 3)))).toEqual(files().map((_, i) => i + 1));
  });

  it('take each SQL from the file that bears its number', async () => {
    for (const { file, sql } of MIGRATIONS) {
      const exported = Object.values(await import(`./${file}`)).filter((v) => typeof v === 'string');
      expect(exported, file).toEqual([sql]);
    }
  });

  it('keep the SQL each number had when it was released', () => {
    expect(migrations.slice(0, RELEASED.length).map(fingerprint)).toEqual(RELEASED);
  });

  it('bring a database an older bangtin left at any version to the schema of a new one', () => {
    const fresh = schema(openDatabase(':memory:'));
    for (let version = 0; version <= migrations.length; version++) {
      // What that older bangtin did: the first `version` migrations, and the count in user_version.
      const db = new Database(':memory:');
      db.pragma('foreign_keys = ON');
      for (const sql of migrations.slice(0, version)) db.exec(sql);
      db.pragma(`user_version = ${version}`);
      migrate(db);
      expect(db.pragma('user_version', { simple: true }), `from version ${version}`).toBe(migrations.length);
      expect(schema(db), `from version ${version}`).toEqual(fresh);
      db.close();
    }
  });
});
