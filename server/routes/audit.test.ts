import { beforeAll, describe, expect, it } from 'vitest';
import { localToInstant } from '../../playlists/index.ts';
import type { AuditEntry } from '../../playlists/index.ts';
import { addUser, addWard, sessionFor } from '../testing/accounts.ts';
import { ADMIN_PASSWORD, NOW, api, createTestApp, errorOf, slogan, type TestApp } from '../testing/helpers.ts';

const ADDRESS = '192.0.2.10';
const NEW_ADMIN_PASSWORD = 'mật khẩu quản trị mới';
const USER_PASSWORD = 'mật khẩu ban đầu 1';
const RESET_PASSWORD = 'mật khẩu cấp lại 22';

const allEntries = (t: TestApp) => t.services.auditEntries.query({}, 10_000).reverse();

describe('the audit log of API changes', () => {
  let t: TestApp;
  const secrets: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    const call = async (method: string, path: string, body?: unknown, cookie?: string) => {
      const res = await api(t, method, path, { cookie, body, address: ADDRESS });
      if (res.status >= 300 && !(method === 'POST' && path === '/api/session')) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res;
    };
    const signIn = async (password: string) => {
      const res = await call('POST', '/api/session', { username: 'admin', password });
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      secrets.push(cookie.split('=')[1]!);
      return cookie;
    };
    await call('POST', '/api/session', { username: 'admin', password: 'a wrong password' });
    let admin = await signIn(ADMIN_PASSWORD);
    const item = ((await (await call('POST', '/api/content', slogan('Học nghề, có việc làm'), admin)).json()) as { item: { id: string } }).item.id;
    await call('PUT', `/api/content/${item}`, slogan('Học nghề, có việc làm ngay'), admin);
    const doomed = ((await (await call('POST', '/api/content', slogan('Xóa ngay'), admin)).json()) as { item: { id: string } }).item.id;
    await call('DELETE', `/api/content/${doomed}`, undefined, admin);
    const playlistId = t.services.settings.get('default_playlist_id')!;
    const playlist = t.services.playlists.get(playlistId)!.playlist;
    await call('PUT', `/api/playlists/${playlistId}`, { name: playlist.name, itemIds: [...playlist.itemIds, item] }, admin);
    await call('POST', '/api/publish', undefined, admin);
    await call('POST', '/api/revisions/1/restore', undefined, admin);
    const screen = (await (await call('POST', '/api/screens', { name: 'Ga Hà Nội', locationKind: 'station' }, admin)).json()) as { screen: { id: string }; token: string };
    secrets.push(screen.token);
    await call('POST', '/api/wards', { code: '00004', name: 'Phường Ba Đình', kind: 'phuong' }, admin);
    await call('POST', '/api/wards/import', { csv: 'code,name,type\n00070,Phường Hoàn Kiếm,phường\n' }, admin);
    await call('PUT', '/api/wards/00070', { name: 'Phường Hoàn Kiếm mới', kind: 'phuong' }, admin);
    await call('PUT', `/api/screens/${screen.screen.id}/ward`, { wardCode: '00070' }, admin);
    const user = (await (await call('POST', '/api/users', { username: 'van.hanh', role: 'ward_operator', wardCode: '00004', password: USER_PASSWORD }, admin)).json()) as { id: number };
    await call('PATCH', `/api/users/${user.id}`, { disabled: true }, admin);
    await call('PUT', `/api/users/${user.id}/password`, { password: RESET_PASSWORD }, admin);
    await call('PUT', '/api/session/password', { currentPassword: ADMIN_PASSWORD, newPassword: NEW_ADMIN_PASSWORD }, admin);
    await call('DELETE', '/api/sessions', undefined, admin);
    admin = await signIn(NEW_ADMIN_PASSWORD);
    await call('DELETE', '/api/session', undefined, admin);
  });

  it('appends one entry per change, in order', () => {
    expect(allEntries(t).map((e) => `${e.action} ${e.objectType}`)).toEqual([
      'sign_in_failed user', 'sign_in user',
      'create content_item', 'update content_item', 'create content_item', 'delete content_item',
      'update playlist', 'publish revision', 'restore revision',
      'create screen', 'create ward', 'create ward', 'update ward', 'update screen',
      'create user', 'update user', 'password_reset user', 'password_change user', 'sign_out_everywhere user',
      'sign_in user', 'sign_out user',
    ]);
  });

  it('says who acted and from which address', () => {
    const entries = allEntries(t);
    expect(new Set(entries.map((e) => e.address))).toEqual(new Set([ADDRESS]));
    expect(entries[0]).toMatchObject({ userId: null, username: null, objectId: String(t.services.users.byUsername('admin')!.id) });
    expect(new Set(entries.slice(1).map((e) => e.username))).toEqual(new Set(['admin']));
  });

  it('keeps what changed before and after', () => {
    const update = allEntries(t).find((e) => e.action === 'update' && e.objectType === 'content_item')!;
    expect(JSON.parse(update.before!)).toMatchObject({ text: 'Học nghề, có việc làm' });
    expect(JSON.parse(update.after!)).toMatchObject({ text: 'Học nghề, có việc làm ngay' });
    const disabled = allEntries(t).find((e) => e.action === 'update' && e.objectType === 'user')!;
    expect(disabled.wardCode).toBe('00004');
    expect([JSON.parse(disabled.before!).disabled, JSON.parse(disabled.after!).disabled]).toEqual([false, true]);
  });

  it('never records a password, a token, a session id or a hash', () => {
    const log = JSON.stringify(t.db.prepare('SELECT * FROM audit_log').all());
    for (const secret of [ADMIN_PASSWORD, NEW_ADMIN_PASSWORD, USER_PASSWORD, RESET_PASSWORD, 'a wrong password', ...secrets]) {
      expect(log).not.toContain(secret);
    }
    expect(log).not.toMatch(/scrypt\$/);
  });

  it('writes no entry for a refused change', async () => {
    const before = allEntries(t).length;
    const cookie = sessionFor(t, t.services.users.byUsername('admin')!.id);
    expect((await api(t, 'POST', '/api/publish', { cookie })).status).toBe(409);
    expect((await api(t, 'POST', '/api/wards', { cookie, body: { code: '00004', name: 'Trùng', kind: 'phuong' } })).status).toBe(409);
    expect((await api(t, 'POST', '/api/content', { cookie, body: {} })).status).toBe(400);
    expect(allEntries(t)).toHaveLength(before);
  });
});

describe('reading the audit log', () => {
  let t: TestApp;
  let admin: string;
  let ids: Record<string, number>;
  const at = (local: string) => Date.parse(local);
  beforeAll(async () => {
    t = await createTestApp({ admin: false });
    addWard(t, '00004', 'Phường Ba Đình');
    ids = { an: await addUser(t, 'an', 'admin'), binh: await addUser(t, 'binh', 'ward_operator', '00004') };
    admin = sessionFor(t, ids.an!);
    const log = (who: 'an' | 'binh', when: string, objectType: string, objectId: string, address = ADDRESS) => {
      t.clock.set(at(when));
      const user = t.services.users.byId(ids[who]!)!;
      t.services.audit.append(user, address, { action: 'update', objectType, objectId, after: { text: 'a, "b"' } });
    };
    log('an', '2026-11-25T10:00:00+07:00', 'content_item', 'c_1');
    log('binh', '2026-11-26T23:30:00+07:00', 'screen', 's_1');
    log('an', '2026-11-27T00:30:00+07:00', 'content_item', 'c_2');
    log('binh', '2026-11-27T08:00:00+07:00', 'content_item', 'c_1', '=HYPERLINK("http://evil")');
    t.clock.set(NOW);
  });

  const page = async (query: string) => {
    const res = await api(t, 'GET', `/api/audit${query}`, { cookie: admin });
    expect(res.status).toBe(200);
    return (await res.json()) as { entries: AuditEntry[]; nextBefore: number | null };
  };
  const objects = async (query: string) => (await page(query)).entries.map((e) => e.objectId);

  it('lists entries newest first with local times and parsed JSON', async () => {
    const { entries } = await page('');
    expect(entries.map((e) => e.objectId)).toEqual(['c_1', 'c_2', 's_1', 'c_1']);
    expect(entries[0]).toMatchObject({ at: '2026-11-27T08:00:00+07:00', username: 'binh', wardCode: '00004', after: { text: 'a, "b"' }, before: null });
  });

  it('filters by user, ward and object', async () => {
    expect(await objects(`?userId=${ids.binh}`)).toEqual(['c_1', 's_1']);
    expect(await objects('?wardCode=00004')).toEqual(['c_1', 's_1']);
    expect(await objects('?objectType=content_item&objectId=c_1')).toEqual(['c_1', 'c_1']);
  });

  it('filters by local dates in Hanoi, both ends included', async () => {
    expect(await objects('?from=2026-11-27&to=2026-11-27')).toEqual(['c_1', 'c_2']);
    expect(await objects('?from=2026-11-26&to=2026-11-26')).toEqual(['s_1']);
    expect(await objects('?to=2026-11-25')).toEqual(['c_1']);
    expect(localToInstant('2026-11-27')).toBe(at('2026-11-27T00:00:00+07:00'));
  });

  it('pages with a cursor until there is no more', async () => {
    const first = await page('?limit=3');
    expect(first.entries).toHaveLength(3);
    const second = await page(`?limit=3&before=${first.nextBefore}`);
    expect(second.entries.map((e) => e.objectId)).toEqual(['c_1']);
    expect(second.nextBefore).toBeNull();
  });

  it.each(['?from=2026-11-28&to=2026-11-27', '?from=27/11/2026', '?limit=0', '?limit=500', '?userId=abc', '?objectType=DROP TABLE'])(
    'refuses the query %s with 400',
    async (query) => {
      const res = await api(t, 'GET', `/api/audit${query}`, { cookie: admin });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe('invalid_request');
    },
  );

  it('exports the same filter as CSV that Excel reads safely', async () => {
    const res = await api(t, 'GET', `/api/audit.csv?userId=${ids.binh}`, { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="bangtin-audit-2026-11-26.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines[0]).toBe('id,at,user_id,username,address,action,object_type,object_id,ward_code,before,after');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      `4,2026-11-27T08:00:00+07:00,${ids.binh},binh,"'=HYPERLINK(""http://evil"")",update,content_item,c_1,00004,,"{""text"":""a, \\""b\\""""}"`,
    );
    expect(lines[3]).toBe('');
  });

  it('lets only an admin read it', async () => {
    const viewer = sessionFor(t, await addUser(t, 'chi.xem', 'viewer'));
    for (const path of ['/api/audit', '/api/audit.csv']) {
      const res = await api(t, 'GET', path, { cookie: viewer });
      expect(res.status).toBe(403);
    }
  });
});
