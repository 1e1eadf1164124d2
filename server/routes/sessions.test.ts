import { beforeAll, describe, expect, it } from 'vitest';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../auth/sessions.ts';
import { TEST_HASH_COST, hashPassword } from '../auth/password.ts';
import { ADMIN_PASSWORD, NOW, api, createTestApp, errorOf, signIn, type TestApp } from '../testing/helpers.ts';

const PASSWORD = 'mật khẩu biên tập viên';
const HOUR = 3_600_000;

const signedIn = async (t: TestApp, cookie: string) => (await api(t, 'GET', '/api/content', { cookie })).status === 200;

describe('sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ admin: false });
    const hash = await hashPassword(ADMIN_PASSWORD, TEST_HASH_COST);
    t.services.users.insert('admin', hash, 'admin', false, NOW);
    t.services.users.insert('editor', await hashPassword(PASSWORD, TEST_HASH_COST), 'editor', false, NOW);
  });

  it('gives a fresh session id at every sign-in', async () => {
    const a = await signIn(t);
    const b = await signIn(t);
    expect(a).not.toBe(b);
    expect(await signedIn(t, a)).toBe(true);
    expect(await signedIn(t, b)).toBe(true);
  });

  it('revokes the session cookie presented at sign-in', async () => {
    const planted = await signIn(t, 'editor', PASSWORD);
    const res = await api(t, 'POST', '/api/session', { cookie: planted, body: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(res.status).toBe(200);
    const fresh = res.headers.get('set-cookie')!.split(';')[0]!;
    expect(fresh).not.toBe(planted);
    expect(await signedIn(t, planted)).toBe(false);
    expect(await signedIn(t, fresh)).toBe(true);
  });

  it('keeps the presented session when the sign-in fails', async () => {
    const cookie = await signIn(t, 'editor', PASSWORD);
    const res = await api(t, 'POST', '/api/session', { cookie, body: { username: 'editor', password: 'wrong password' } });
    expect(res.status).toBe(401);
    expect(await signedIn(t, cookie)).toBe(true);
  });

  it('signs out everywhere: every session of mine ends, other users\' stay', async () => {
    const here = await signIn(t, 'editor', PASSWORD);
    const there = await signIn(t, 'editor', PASSWORD);
    const admin = await signIn(t);
    const res = await api(t, 'DELETE', '/api/sessions', { cookie: here });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^bt_session=;.*Max-Age=0/);
    expect(await signedIn(t, here)).toBe(false);
    expect(await signedIn(t, there)).toBe(false);
    expect(await signedIn(t, admin)).toBe(true);
  });

  it('answers 401 to signing out everywhere without a session', async () => {
    const res = await api(t, 'DELETE', '/api/sessions');
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('unauthenticated');
  });

  it('ends an idle session after 12 hours', async () => {
    const cookie = await signIn(t);
    try {
      t.clock.advance(IDLE_TIMEOUT_MS);
      expect(await signedIn(t, cookie)).toBe(true);
      t.clock.advance(IDLE_TIMEOUT_MS + 1);
      expect(await signedIn(t, cookie)).toBe(false);
      // Gone for good, not just refused: the row was removed.
      t.clock.set(NOW);
      expect(await signedIn(t, cookie)).toBe(false);
    } finally {
      t.clock.set(NOW);
    }
  });

  it('ends a busy session 7 days after sign-in however active it is', async () => {
    expect(ABSOLUTE_TIMEOUT_MS).toBe(7 * 24 * HOUR);
    const cookie = await signIn(t);
    try {
      for (let elapsed = 0; elapsed + 11 * HOUR < ABSOLUTE_TIMEOUT_MS; elapsed += 11 * HOUR) {
        t.clock.advance(11 * HOUR);
        expect(await signedIn(t, cookie)).toBe(true);
      }
      t.clock.set(NOW + ABSOLUTE_TIMEOUT_MS + 1);
      expect(await signedIn(t, cookie)).toBe(false);
    } finally {
      t.clock.set(NOW);
    }
  });

  it('sets a cookie that lasts no longer than the absolute expiry', async () => {
    const res = await api(t, 'POST', '/api/session', { body: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(res.headers.get('set-cookie')).toContain(`Max-Age=${ABSOLUTE_TIMEOUT_MS / 1000}`);
  });
});
