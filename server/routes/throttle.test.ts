import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { TEST_HASH_COST, hashPassword } from '../auth/password.ts';
import { createServices } from '../services.ts';
import { ADMIN_PASSWORD, api, createTestApp as createBaseApp, errorOf, type TestApp } from '../testing/helpers.ts';

const WRONG = 'not the password';

/** An app whose admin has a cheap hash: these tests verify hundreds of passwords. */
async function createTestApp(): Promise<TestApp> {
  const t = await createBaseApp({ admin: false });
  t.services.users.insert('admin', await hashPassword(ADMIN_PASSWORD, TEST_HASH_COST), 'admin', false, t.clock.now());
  return t;
}

function signInAs(t: Pick<TestApp, 'app'>, username: string, password: string, address = '203.0.113.7', headers?: Record<string, string>) {
  return api(t, 'POST', '/api/session', { body: { username, password }, address, headers });
}

const retryAfter = (res: Response) => Number(res.headers.get('retry-after'));

describe('sign-in throttling', () => {
  it('throttles 50 wrong passwords and lets the right one in once the delay is over', async () => {
    const t = await createTestApp();
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await signInAs(t, 'admin', WRONG)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));

    const during = await signInAs(t, 'admin', ADMIN_PASSWORD);
    expect(during.status).toBe(429);
    expect(await errorOf(during)).toEqual({ code: 'too_many_attempts', message: expect.any(String) });
    expect(during.headers.get('set-cookie')).toBeNull();
    expect(retryAfter(during)).toBe(1);

    t.clock.advance(retryAfter(during) * 1000);
    const after = await signInAs(t, 'admin', ADMIN_PASSWORD);
    expect(after.status).toBe(200);
    expect(after.headers.get('set-cookie')).toMatch(/^bt_session=/);
  });

  it('doubles the delay after each further failure, up to 15 minutes, for a guesser who waits', async () => {
    const t = await createTestApp();
    const delays: number[] = [];
    let failures = 0;
    while (failures < 50) {
      const res = await signInAs(t, 'admin', WRONG);
      if (res.status === 429) {
        delays.push(retryAfter(res));
        t.clock.advance(retryAfter(res) * 1000);
      } else {
        expect(res.status).toBe(401);
        failures += 1;
      }
    }
    expect(delays.slice(0, 11)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900]);
    expect(new Set(delays.slice(10))).toEqual(new Set([900]));
    const blocked = await signInAs(t, 'admin', ADMIN_PASSWORD);
    expect(blocked.status).toBe(429);
    t.clock.advance(retryAfter(blocked) * 1000);
    expect((await signInAs(t, 'admin', ADMIN_PASSWORD)).status).toBe(200);
  });

  it('answers an unknown account exactly like a real one', async () => {
    const t = await createTestApp();
    const answers = async (username: string, address: string) => {
      const out: unknown[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await signInAs(t, username, WRONG, address);
        out.push([res.status, res.headers.get('retry-after'), await errorOf(res)]);
      }
      return out;
    };
    expect(await answers('nobody', '198.51.100.1')).toEqual(await answers('admin', '198.51.100.2'));
  });

  it('throttles an address that tries many accounts, and not the other addresses', async () => {
    const t = await createTestApp();
    for (const name of ['an', 'binh', 'chi', 'dung', 'giang']) {
      expect((await signInAs(t, name, WRONG, '192.0.2.10')).status).toBe(401);
    }
    expect((await signInAs(t, 'admin', ADMIN_PASSWORD, '192.0.2.10')).status).toBe(429);
    expect((await signInAs(t, 'admin', ADMIN_PASSWORD, '192.0.2.11')).status).toBe(200);
  });

  it('lets the right password in from a fresh address while six addresses guess at the account', async () => {
    const t = await createTestApp();
    for (let i = 1; i <= 6; i++) expect((await signInAs(t, 'admin', WRONG, `192.0.2.${i}`)).status).toBe(401);
    // One guess per expiry from the addresses already used keeps the attack going for an hour.
    for (let minute = 0; minute < 60; minute++) {
      t.clock.advance(60_000);
      await signInAs(t, 'admin', WRONG, `192.0.2.${(minute % 6) + 1}`);
      expect((await signInAs(t, 'admin', ADMIN_PASSWORD, `198.51.100.${minute + 1}`)).status).toBe(200);
    }
    expect((await signInAs(t, 'admin', ADMIN_PASSWORD, '2001:db8::1')).status).toBe(200);
  });

  it('throttles the account for addresses that already failed at it, once many addresses have', async () => {
    const t = await createTestApp();
    for (let i = 1; i <= 5; i++) expect((await signInAs(t, 'admin', WRONG, `192.0.2.${i}`)).status).toBe(401);
    // 192.0.2.1 has one failure of its own: the account-wide count now holds it back too.
    const held = await signInAs(t, 'admin', WRONG, '192.0.2.1');
    expect(held.status).toBe(429);
    expect(retryAfter(held)).toBe(1);
    // A new address gets its guess, which makes it one that has failed.
    expect((await signInAs(t, 'admin', WRONG, '192.0.2.6')).status).toBe(401);
    expect((await signInAs(t, 'admin', WRONG, '192.0.2.6')).status).toBe(429);
    expect((await signInAs(t, 'admin', ADMIN_PASSWORD, '192.0.2.7')).status).toBe(200);
  });

  it('records in the audit log when an account, an address or the pair of them gets throttled', async () => {
    const t = await createTestApp();
    const adminId = String(t.services.users.byUsername('admin')!.id);
    for (let i = 1; i <= 5; i++) await signInAs(t, 'admin', WRONG, `192.0.2.${i}`);
    for (let i = 0; i < 5; i++) {
      // Past the account-wide delay, which holds this address back once it has failed.
      t.clock.advance(60_000);
      expect((await signInAs(t, 'admin', WRONG, '198.51.100.9')).status).toBe(401);
    }
    for (const name of ['an', 'binh', 'chi', 'dung', 'giang']) await signInAs(t, name, WRONG, '203.0.113.5');
    const throttled = t.services.auditEntries
      .query({}, 100)
      .filter((e) => e.action === 'sign_in_throttled')
      .map((e) => ({ objectType: e.objectType, objectId: e.objectId, address: e.address, after: JSON.parse(e.after!) }));
    expect(throttled).toEqual(expect.arrayContaining([
      { objectType: 'user', objectId: adminId, address: '192.0.2.5', after: expect.objectContaining({ scope: 'account', failures: 5 }) },
      { objectType: 'user', objectId: adminId, address: '198.51.100.9', after: expect.objectContaining({ scope: 'account_address', failures: 5 }) },
      { objectType: 'address', objectId: '198.51.100.9', address: '198.51.100.9', after: expect.objectContaining({ scope: 'address', failures: 5 }) },
      { objectType: 'address', objectId: '203.0.113.5', address: '203.0.113.5', after: expect.objectContaining({ scope: 'address', failures: 5 }) },
    ]));
    // Once per streak, not once per failure.
    expect(throttled).toHaveLength(4);
    // The names typed for unknown accounts stay out of the log.
    expect(JSON.stringify(t.services.auditEntries.query({}, 100))).not.toMatch(/giang/);
  });

  it('counts the account by its name in any letter case', async () => {
    const t = await createTestApp();
    for (const [i, name] of ['admin', 'Admin', 'ADMIN', 'aDmin', 'admiN'].entries()) {
      expect((await signInAs(t, name, WRONG, `192.0.2.${i + 1}`)).status).toBe(401);
    }
    // The account-wide count holds back an address that failed at it under another spelling.
    expect((await signInAs(t, 'ADMIN', ADMIN_PASSWORD, '192.0.2.1')).status).toBe(429);
  });

  it('forgets an address\'s failures at an account after it signs in there', async () => {
    const t = await createTestApp();
    for (let i = 0; i < 4; i++) await signInAs(t, 'admin', WRONG, `192.0.2.${i}`);
    expect((await signInAs(t, 'admin', ADMIN_PASSWORD, '192.0.2.0')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signInAs(t, 'admin', WRONG, `192.0.2.${10 + i}`)).status).toBe(401);
    // Eight failures at the account, but none left from this address since it signed in.
    expect((await signInAs(t, 'admin', ADMIN_PASSWORD, '192.0.2.0')).status).toBe(200);
    expect((await signInAs(t, 'admin', ADMIN_PASSWORD, '192.0.2.1')).status).toBe(429);
  });

  it('keeps counting across a restart, because the counts live in the database', async () => {
    const t = await createTestApp();
    for (let i = 0; i < 5; i++) await signInAs(t, 'admin', WRONG);
    const services = createServices(t.db, t.clock);
    const restarted = { app: createApp({ db: t.db, clock: t.clock, hub: t.hub, services, distDir: tmpdir() }) };
    expect((await signInAs(restarted, 'admin', ADMIN_PASSWORD)).status).toBe(429);
  });

  it('lets at most the allowance through when guesses arrive all at once', async () => {
    const t = await createTestApp();
    const burst = await Promise.all(Array.from({ length: 20 }, () => signInAs(t, 'admin', WRONG)));
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('ignores X-Forwarded-For unless told to trust a proxy', async () => {
    const t = await createTestApp();
    for (let i = 0; i < 5; i++) {
      await signInAs(t, `user${i}`, WRONG, '192.0.2.1', { 'X-Forwarded-For': `198.51.100.${i}` });
    }
    const spoofed = await signInAs(t, 'admin', ADMIN_PASSWORD, '192.0.2.1', { 'X-Forwarded-For': '198.51.100.99' });
    expect(spoofed.status).toBe(429);
  });

  it('reads the client from the entry a trusted proxy appended', async () => {
    const t = await createTestApp();
    const proxied = { app: createApp({ db: t.db, clock: t.clock, hub: t.hub, services: t.services, distDir: tmpdir(), trustedProxies: 1 }) };
    const viaProxy = (user: string, password: string, client: string) =>
      signInAs(proxied, user, password, '10.0.0.2', { 'X-Forwarded-For': `1.2.3.4, ${client}` });
    for (let i = 0; i < 5; i++) expect((await viaProxy(`user${i}`, WRONG, '198.51.100.1')).status).toBe(401);
    expect((await viaProxy('admin', ADMIN_PASSWORD, '198.51.100.1')).status).toBe(429);
    // Same proxy, another client behind it: not throttled.
    expect((await viaProxy('admin', ADMIN_PASSWORD, '198.51.100.2')).status).toBe(200);
  });
});
