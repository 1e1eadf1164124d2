import type { Db } from '../db/connection.ts';

export interface AuditRow {
  id: number;
  at: number;
  userId: number | null;
  username: string | null;
  address: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  wardCode: string | null;
  /** JSON text, already redacted. */
  before: string | null;
  after: string | null;
}

export interface AuditFilter {
  userId?: number;
  wardCode?: string;
  objectType?: string;
  objectId?: string;
  /** Instants: from inclusive, until exclusive. */
  from?: number;
  until?: number;
  /** Only entries older than this id (the page cursor). */
  before?: number;
}

type Row = {
  id: number;
  at: number;
  user_id: number | null;
  username: string | null;
  address: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  ward_code: string | null;
  before: string | null;
  after: string | null;
};

const toRow = (r: Row): AuditRow => ({
  id: r.id,
  at: r.at,
  userId: r.user_id,
  username: r.username,
  address: r.address,
  action: r.action,
  objectType: r.object_type,
  objectId: r.object_id,
  wardCode: r.ward_code,
  before: r.before,
  after: r.after,
});

/** The audit log: append and read, nothing else (triggers refuse UPDATE and DELETE). */
export class AuditRepo {
  readonly #insert;
  readonly #query;

  constructor(db: Db) {
    this.#insert = db.prepare(
      `INSERT INTO audit_log (at, user_id, username, address, action, object_type, object_id, ward_code, before, after)
       VALUES (@at, @userId, @username, @address, @action, @objectType, @objectId, @wardCode, @before, @after)`,
    );
    // One statement for every combination of filters: an absent filter is NULL and matches all.
    this.#query = db.prepare<Record<string, string | number | null>, Row>(
      `SELECT id, at, user_id, username, address, action, object_type, object_id, ward_code, before, after
       FROM audit_log
       WHERE (@userId IS NULL OR user_id = @userId)
         AND (@wardCode IS NULL OR ward_code = @wardCode)
         AND (@objectType IS NULL OR object_type = @objectType)
         AND (@objectId IS NULL OR object_id = @objectId)
         AND (@from IS NULL OR at >= @from)
         AND (@until IS NULL OR at < @until)
         AND (@before IS NULL OR id < @before)
       ORDER BY id DESC
       LIMIT @limit`,
    );
  }

  insert(row: Omit<AuditRow, 'id'>): number {
    return Number(this.#insert.run(row).lastInsertRowid);
  }

  /** Newest first. */
  query(filter: AuditFilter, limit: number): AuditRow[] {
    return this.#query
      .all({
        userId: filter.userId ?? null,
        wardCode: filter.wardCode ?? null,
        objectType: filter.objectType ?? null,
        objectId: filter.objectId ?? null,
        from: filter.from ?? null,
        until: filter.until ?? null,
        before: filter.before ?? null,
        limit,
      })
      .map(toRow);
  }
}
