import { describe, expect, it } from 'vitest';
import { AuditLog, REDACTED, redact } from './audit.ts';
import { manualClock } from '../clock.ts';
import { openDatabase } from '../db/connection.ts';
import { AuditRepo } from '../repos/audit.ts';

const setup = () => {
  const db = openDatabase(':memory:');
  const clock = manualClock(Date.parse('2026-11-26T09:00:00+07:00'));
  db.prepare("INSERT INTO users (id, username, password_hash, role, created_at) VALUES (1, 'admin', 'x', 'admin', 0)").run();
  return { db, clock, audit: new AuditLog({ db, repo: new AuditRepo(db), clock }) };
};
const ctx = { var: { clientAddress: '192.0.2.1', user: { id: 1, username: 'admin', wardCode: null } } };

describe('redact', () => {
  it('hides every property named like a secret, however deep', () => {
    expect(redact({ password: 'x', nested: [{ newPassword: 'y', token: 'z', tokenHash: 'h' }], sessionCookie: 'c', text: 'ok' })).toEqual({
      password: REDACTED,
      nested: [{ newPassword: REDACTED, token: REDACTED, tokenHash: REDACTED }],
      sessionCookie: REDACTED,
      text: 'ok',
    });
  });

  it('keeps fields that only mention a password', () => {
    expect(redact({ mustChangePassword: true, hashtags: ['a'] })).toEqual({ mustChangePassword: true, hashtags: ['a'] });
  });
});

describe('AuditLog', () => {
  it('appends who, when, from where, what, before and after', () => {
    const { db, audit } = setup();
    audit.transaction(ctx, (log) => log({ action: 'update', objectType: 'ward', objectId: '00004', before: { name: 'A' }, after: { name: 'B', password: 'p' } }));
    expect(db.prepare('SELECT * FROM audit_log').all()).toEqual([
      {
        id: 1, at: Date.parse('2026-11-26T09:00:00+07:00'), user_id: 1, username: 'admin', address: '192.0.2.1',
        action: 'update', object_type: 'ward', object_id: '00004', ward_code: null,
        before: '{"name":"A"}', after: `{"name":"B","password":"${REDACTED}"}`,
      },
    ]);
  });

  it('writes the change and its entry together or not at all', () => {
    const { db, audit } = setup();
    const put = db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')");
    expect(() =>
      audit.transaction(ctx, (log) => {
        put.run();
        log({ action: 'create', objectType: 'setting', objectId: 'k' });
        throw new Error('the change failed after logging');
      }),
    ).toThrow(/change failed/);
    expect(db.prepare('SELECT COUNT(*) FROM settings').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(0);
  });

  it('refuses to update or delete an entry, even in plain SQL', () => {
    const { db, audit } = setup();
    audit.append(null, '192.0.2.1', { action: 'sign_in_failed', objectType: 'user' });
    expect(() => db.prepare("UPDATE audit_log SET action = 'nothing'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT action FROM audit_log').pluck().all()).toEqual(['sign_in_failed']);
  });
});
