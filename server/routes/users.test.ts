import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_MAX } from '../../playlists/index.ts';
import { addUser, addWard, sessionFor, USER_PASSWORD } from '../testing/accounts.ts';
import { api, createTestApp, dumpDb, errorOf, signIn, type TestApp } from '../testing/helpers.ts';

type Account = { id: number; username: string; role: string; wardCode: string | null; disabled: boolean; mustChangePassword: boolean };

describe('users', () => {
  let t: TestApp;
  let admin: string;
  let adminId: number;
  beforeAll(async () => {
    t = await createTestApp();
    addWard(t, '00004', 'Phường Ba Đình');
    addWard(t, '09877', 'Xã Sóc Sơn', 'xa');
    adminId = t.services.users.byUsername('admin')!.id;
    admin = sessionFor(t, adminId);
  });

  const as = (cookie: string, method: string, path: string, body?: unknown) => api(t, method, path, { cookie, body });
  const create = (body: Record<string, unknown>) => as(admin, 'POST', '/api/users', { password: 'mười ký tự trở lên', ...body });

  it('creates an account whose temporary password must be changed at first sign-in', async () => {
    const res = await create({ username: 'bien.tap', role: 'editor', password: 'mật khẩu tạm thời' });
    expect(res.status).toBe(201);
    const account = (await res.json()) as Account;
    expect(account).toEqual({
      id: expect.any(Number), username: 'bien.tap', role: 'editor', wardCode: null, disabled: false,
      mustChangePassword: true, createdAt: '2026-11-26T09:00:00+07:00',
    });
    const cookie = await signIn(t, 'bien.tap', 'mật khẩu tạm thời');
    const refused = await as(cookie, 'GET', '/api/content');
    expect((await errorOf(refused)).code).toBe('password_change_required');
  });

  it('lists accounts without their password hashes', async () => {
    const res = await as(admin, 'GET', '/api/users');
    const { users } = (await res.json()) as { users: Account[] };
    expect(users.map((u) => u.username)).toContain('admin');
    expect(JSON.stringify(users)).not.toMatch(/scrypt|hash/i);
  });

  it('binds a ward operator to a ward, required for that role and refused for others', async () => {
    const ok = await create({ username: 'phuong.badinh', role: 'ward_operator', wardCode: '00004' });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ role: 'ward_operator', wardCode: '00004' });
    const before = dumpDb(t.db);
    const missing = await create({ username: 'thieu.phuong', role: 'ward_operator' });
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).issues).toEqual([expect.objectContaining({ path: 'wardCode' })]);
    const extra = await create({ username: 'bien.tap2', role: 'editor', wardCode: '00004' });
    expect(extra.status).toBe(400);
    const unknown = await create({ username: 'phuong.la', role: 'ward_operator', wardCode: '55555' });
    expect(unknown.status).toBe(422);
    expect((await errorOf(unknown)).code).toBe('unknown_ward');
    expect(dumpDb(t.db)).toEqual(before);
  });

  it.each([
    ['a short password', { username: 'ngan.qua', password: 'chín ký t' }, 'password'],
    ['a password over the maximum', { username: 'dai.qua', password: 'x'.repeat(PASSWORD_MAX + 1) }, 'password'],
    ['an uppercase username', { username: 'Admin2' }, 'username'],
    ['a two-letter username', { username: 'ab' }, 'username'],
    ['an unknown role', { username: 'sieu.nhan', role: 'root' }, 'role'],
  ])('refuses %s', async (_name, body, path) => {
    const res = await create({ role: 'viewer', ...body });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).issues).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('accepts a 64-character password', async () => {
    expect((await create({ username: 'dai.du', role: 'viewer', password: 'a'.repeat(64) })).status).toBe(201);
  });

  it('refuses a username that is taken', async () => {
    const res = await create({ username: 'admin', role: 'viewer' });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('username_taken');
  });

  it('changes a role, dropping the ward when the role no longer has one', async () => {
    const id = await addUser(t, 'doi.vai', 'ward_operator', '09877');
    const res = await as(admin, 'PATCH', `/api/users/${id}`, { role: 'viewer' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ role: 'viewer', wardCode: null });
    const back = await as(admin, 'PATCH', `/api/users/${id}`, { role: 'ward_operator' });
    expect(back.status).toBe(400);
    const moved = await as(admin, 'PATCH', `/api/users/${id}`, { role: 'ward_operator', wardCode: '00004' });
    expect(await moved.json()).toMatchObject({ role: 'ward_operator', wardCode: '00004' });
  });

  it('disables an account: its sessions end and it cannot sign in, with the usual 401', async () => {
    const id = await addUser(t, 'tam.nghi', 'editor');
    const cookie = await signIn(t, 'tam.nghi', USER_PASSWORD);
    const res = await as(admin, 'PATCH', `/api/users/${id}`, { disabled: true });
    expect(await res.json()).toMatchObject({ disabled: true });
    expect((await as(cookie, 'GET', '/api/content')).status).toBe(401);
    const again = await api(t, 'POST', '/api/session', { body: { username: 'tam.nghi', password: USER_PASSWORD }, address: '192.0.2.77' });
    expect(again.status).toBe(401);
    expect((await errorOf(again)).code).toBe('invalid_credentials');
    await as(admin, 'PATCH', `/api/users/${id}`, { disabled: false });
    await expect(signIn(t, 'tam.nghi', USER_PASSWORD)).resolves.toMatch(/^bt_session=/);
  });

  it('resets a password: every session ends and the new one must be changed', async () => {
    const id = await addUser(t, 'quen.mat.khau', 'approver');
    const cookie = await signIn(t, 'quen.mat.khau', USER_PASSWORD);
    const res = await as(admin, 'PUT', `/api/users/${id}/password`, { password: 'mật khẩu mới cấp lại' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ mustChangePassword: true });
    expect((await as(cookie, 'GET', '/api/content')).status).toBe(401);
    const fresh = await signIn(t, 'quen.mat.khau', 'mật khẩu mới cấp lại');
    expect((await errorOf(await as(fresh, 'GET', '/api/content'))).code).toBe('password_change_required');
  });

  it('refuses to change, disable or reset the admin\'s own account here', async () => {
    const before = dumpDb(t.db);
    for (const [method, path, body] of [
      ['PATCH', `/api/users/${adminId}`, { disabled: true }],
      ['PATCH', `/api/users/${adminId}`, { role: 'viewer' }],
      ['PUT', `/api/users/${adminId}/password`, { password: 'mười ký tự trở lên' }],
    ] as const) {
      const res = await as(admin, method, path, body);
      expect(res.status).toBe(409);
      expect((await errorOf(res)).code).toBe('own_account');
    }
    expect(dumpDb(t.db)).toEqual(before);
  });

  it('answers 404 for an unknown account', async () => {
    const res = await as(admin, 'PATCH', '/api/users/99999', { disabled: true });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('user_not_found');
  });

  it('lets nobody but an admin manage accounts', async () => {
    const editor = sessionFor(t, await addUser(t, 'chi.bien.tap', 'editor'));
    for (const [method, path] of [['GET', '/api/users'], ['POST', '/api/users'], ['PATCH', `/api/users/${adminId}`]] as const) {
      const res = await as(editor, method, path, method === 'GET' ? undefined : {});
      expect(res.status).toBe(403);
    }
  });
});
