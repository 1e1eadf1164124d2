import Database from 'better-sqlite3';
import { migrations } from './migrations/index.ts';

export type Db = Database.Database;

/** Opens (or creates) the database, sets the pragmas bangtin relies on and migrates it. */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before it is acknowledged, so a power cut loses no answered write
  // (NORMAL in WAL mode may lose the last ones). Play events are batched into one transaction
  // per flush (hub-writes.ts), so the extra sync costs little.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/**
 * Runs `write` (a transaction) committed without waiting for the disk: synchronous=NORMAL for it
 * alone, then FULL again. For what the server learns on its own and answers to no one (screens'
 * last-seen times, connection sessions): a commit synced to disk held the event loop ~20 ms per
 * 1,000 rows' transaction on this machine's disk, every 5 s. A power cut may lose the last of
 * them, as it loses what is still in memory; WAL keeps the database whole, and the next synced
 * commit takes them to disk with it.
 */
export function unsynced<T>(db: Db, write: () => T): T {
  if (db.inTransaction) return write();
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = FULL');
  }
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`database is at version ${current}, newer than this bangtin (${migrations.length})`);
  }
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
