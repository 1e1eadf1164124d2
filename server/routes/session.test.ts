import { beforeAll, describe, expect, it } from 'vitest';
import { ensureAdmin } from '../seed/bootstrap.ts';
import { IDLE_TIMEOUT_MS } from '../auth/sessions.ts';
import { ADMIN_PASSWORD, NOW, api, createTestApp, dumpDb, errorOf, signIn, type TestApp } from '../testing/helpers.ts';

const sessionOf = async (t: TestApp, cookie?: string) =>
  ((await (await api(t, 'GET', '/api/session', { cookie })).json()) as { session: unknown }).session;

describe('session', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('signs in with the right password and sets an HttpOnly, SameSite=Strict cookie', async () => {
    const res = await api(t, 'POST', '/api/session', { body: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: { id: expect.any(Number), username: 'admin', role: 'admin', ward: null }, mustChangePassword: false });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^bt_session=[\w-]{40,};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/);
  });

  it('marks the cookie Secure when reached over HTTPS', async () => {
    const res = await t.app.request('https://localhost/api/session', {
      method: 'POST',
      headers: { Origin: 'https://localhost', 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it("names a ward operator's ward, with its name, at sign-in and in the session", async () => {
    const admin = await signIn(t);
    expect((await api(t, 'POST', '/api/wards', { cookie: admin, body: { code: '00004', name: 'Phường Ba Đình', kind: 'phuong' } })).status).toBe(201);
    const created = await api(t, 'POST', '/api/users', {
      cookie: admin, body: { username: 'phuong.badinh', role: 'ward_operator', wardCode: '00004', password: 'mật khẩu tạm 01' },
    });
    expect(created.status).toBe(201);
    const res = await api(t, 'POST', '/api/session', { body: { username: 'phuong.badinh', password: 'mật khẩu tạm 01' } });
    expect(res.status).toBe(200);
    const ward = { code: '00004', name: 'Phường Ba Đình' };
    expect(await res.json()).toEqual({ user: { id: expect.any(Number), username: 'phuong.badinh', role: 'ward_operator', ward }, mustChangePassword: true });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect(await sessionOf(t, cookie)).toMatchObject({ user: { role: 'ward_operator', ward } });
  });

  it('stores only a hash of the session id', async () => {
    const cookie = await signIn(t);
    const id = cookie.split('=')[1]!;
    const stored = t.db.prepare('SELECT id_hash FROM sessions').pluck().all() as string[];
    expect(stored.length).toBeGreaterThan(0);
    expect(stored).not.toContain(id);
  });

  it('answers who is signed in, and null without a session', async () => {
    const cookie = await signIn(t);
    expect(await sessionOf(t, cookie)).toEqual({ user: { id: expect.any(Number), username: 'admin', role: 'admin', ward: null }, mustChangePassword: false });
    expect(await sessionOf(t)).toBeNull();
  });

  it('gives a wrong password and an unknown user the same 401 and starts no session', async () => {
    // A failure is counted (throttling) and logged (audit); nothing else changes.
    const unchanged = () => {
      const { sign_in_throttle: _counted, audit_log: _logged, ...rest } = dumpDb(t.db);
      return rest;
    };
    const before = unchanged();
    const wrong = await api(t, 'POST', '/api/session', { body: { username: 'admin', password: 'incorrect horse' } });
    const unknown = await api(t, 'POST', '/api/session', { body: { username: 'nobody', password: ADMIN_PASSWORD } });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const [a, b] = [await errorOf(wrong), await errorOf(unknown)];
    expect(a).toEqual({ code: 'invalid_credentials', message: expect.any(String) });
    expect(b).toEqual(a);
    expect(unchanged()).toEqual(before);
  });

  it('answers 400 invalid_request to a sign-in without a password', async () => {
    const res = await api(t, 'POST', '/api/session', { body: { username: 'admin' } });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_request');
  });

  it('signs out, clears the cookie and forgets the session', async () => {
    const cookie = await signIn(t);
    const res = await api(t, 'DELETE', '/api/session', { cookie });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^bt_session=;.*Max-Age=0/);
    expect(await sessionOf(t, cookie)).toBeNull();
    expect((await api(t, 'GET', '/api/content', { cookie })).status).toBe(401);
  });

  it('answers 401 to signing out without a session', async () => {
    const res = await api(t, 'DELETE', '/api/session');
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('unauthenticated');
  });

  it('ends a session left idle for longer than the idle timeout', async () => {
    const cookie = await signIn(t);
    try {
      t.clock.advance(IDLE_TIMEOUT_MS - 1_000);
      expect((await api(t, 'GET', '/api/content', { cookie })).status).toBe(200);
      t.clock.advance(IDLE_TIMEOUT_MS - 1_000);
      expect((await api(t, 'GET', '/api/content', { cookie })).status).toBe(200);
      t.clock.advance(IDLE_TIMEOUT_MS + 1);
      expect((await api(t, 'GET', '/api/content', { cookie })).status).toBe(401);
    } finally {
      t.clock.set(NOW);
    }
  });
});

describe('a generated admin password', () => {
  let t: TestApp;
  let generated: string;
  beforeAll(async () => {
    t = await createTestApp({ admin: false });
    generated = (await ensureAdmin(t.services, undefined)).generated!;
  });

  it('must be changed before anything else', async () => {
    expect(generated).toMatch(/^[a-zA-Z2-9]{16}$/);
    const cookie = await signIn(t, 'admin', generated);
    expect(await sessionOf(t, cookie)).toMatchObject({ mustChangePassword: true });
    const refused = await api(t, 'GET', '/api/content', { cookie });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('password_change_required');
    expect((await api(t, 'POST', '/api/publish', { cookie })).status).toBe(403);

    const wrong = await api(t, 'PUT', '/api/session/password', { cookie, body: { currentPassword: 'not it at all', newPassword: 'a new password' } });
    expect(wrong.status).toBe(422);
    expect((await errorOf(wrong)).code).toBe('wrong_password');
    const same = await api(t, 'PUT', '/api/session/password', { cookie, body: { currentPassword: generated, newPassword: generated } });
    expect(same.status).toBe(422);
    expect((await errorOf(same)).code).toBe('password_unchanged');
    const short = await api(t, 'PUT', '/api/session/password', { cookie, body: { currentPassword: generated, newPassword: 'short' } });
    expect(short.status).toBe(400);
    expect((await errorOf(short)).code).toBe('invalid_request');
    expect((await api(t, 'GET', '/api/content', { cookie })).status).toBe(403);

    const other = await signIn(t, 'admin', generated);
    const changed = await api(t, 'PUT', '/api/session/password', {
      cookie,
      body: { currentPassword: generated, newPassword: 'hoa sen trên hồ' },
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ mustChangePassword: false });
    expect((await api(t, 'GET', '/api/content', { cookie })).status).toBe(200);
    // Changing the password signs out the user's other sessions.
    expect((await api(t, 'GET', '/api/content', { cookie: other })).status).toBe(401);

    const old = await api(t, 'POST', '/api/session', { body: { username: 'admin', password: generated } });
    expect(old.status).toBe(401);
    await expect(signIn(t, 'admin', 'hoa sen trên hồ')).resolves.toMatch(/^bt_session=/);
  });

  it('is not generated again once the admin exists', async () => {
    expect(await ensureAdmin(t.services, undefined)).toEqual({ generated: null });
  });
});
