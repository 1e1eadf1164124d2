import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../connection.ts';
import { APPROVALS_MIGRATION } from './010-approvals.ts';
import { migrations } from './index.ts';

describe('the approvals migration', () => {
  it('counts the city items that were on air as approved, and leaves ward items as drafts', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const at = migrations.indexOf(APPROVALS_MIGRATION);
    expect(at).toBeGreaterThan(0);
    for (const sql of migrations.slice(0, at)) db.exec(sql);
    db.pragma(`user_version = ${at}`);
    const body = JSON.stringify({ kind: 'slogan', theme: 2, durationMs: 8000, text: 'Học nghề hôm nay' });
    const insert = db.prepare('INSERT INTO content_items (id, kind, body, updated_at, owner_ward) VALUES (?, ?, ?, ?, ?)');
    insert.run('c_city', 'slogan', body, 1, null);
    insert.run('c_ward', 'slogan', body, 1, '00004');

    migrate(db);
    const rows = db.prepare('SELECT id, review_state, approved_body, submitted_by, reviewed_by FROM content_items ORDER BY id').all();
    expect(rows).toEqual([
      { id: 'c_city', review_state: 'approved', approved_body: body, submitted_by: null, reviewed_by: null },
      { id: 'c_ward', review_state: 'draft', approved_body: null, submitted_by: null, reviewed_by: null },
    ]);
    expect(() => db.prepare("UPDATE content_items SET review_state = 'published' WHERE id = 'c_city'").run()).toThrow(/CHECK/);
  });
});
