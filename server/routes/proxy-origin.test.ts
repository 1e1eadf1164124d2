import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { ADMIN_PASSWORD, api, createTestApp, dumpDb, errorOf, signIn, type TestApp } from '../testing/helpers.ts';

/**
 * Behind a reverse proxy that ends TLS (README: HTTPS through a reverse proxy), the browser's
 * Origin is https://<public host>, while the request reaching bangtin is plain http. With
 * BANGTIN_TRUST_PROXY the Origin check, the Secure cookie flag and player links follow the
 * proxy's X-Forwarded-Proto and X-Forwarded-Host; without it those headers change nothing.
 */
const PUBLIC = 'https://bangtin.example.vn';
const forwarded = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'bangtin.example.vn' };

const behindProxy = (t: TestApp) => ({
  app: createApp({ db: t.db, clock: t.clock, hub: t.hub, services: t.services, distDir: tmpdir(), trustedProxies: 1 }),
});

const signInBody = { username: 'admin', password: ADMIN_PASSWORD };

describe('the public origin behind a trusted reverse proxy', () => {
  it('accepts the browser\'s https Origin and sets a Secure session cookie', async () => {
    const t = await createTestApp();
    const res = await api(behindProxy(t), 'POST', '/api/session', { body: signInBody, origin: PUBLIC, headers: forwarded });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
  });

  it('gives player links on the public origin', async () => {
    const t = await createTestApp();
    const proxied = behindProxy(t);
    const login = await api(proxied, 'POST', '/api/session', { body: signInBody, origin: PUBLIC, headers: forwarded });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const res = await api(proxied, 'POST', '/api/screens', {
      body: { name: 'Màn hình ga Cát Linh', locationKind: 'station' },
      origin: PUBLIC,
      cookie,
      headers: forwarded,
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { playerUrl: string }).playerUrl.startsWith(`${PUBLIC}/player/`)).toBe(true);
  });

  it('still refuses another site\'s Origin, and changes nothing', async () => {
    const t = await createTestApp();
    const cookie = await signIn(t);
    const before = dumpDb(t.db);
    const res = await api(behindProxy(t), 'POST', '/api/screens', {
      body: { name: 'Màn hình lạ', locationKind: 'park' },
      origin: 'https://evil.example',
      cookie,
      headers: forwarded,
    });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('bad_origin');
    expect(dumpDb(t.db)).toEqual(before);
  });
});

describe('without a trusted proxy', () => {
  it('ignores forwarded headers: a spoofed https origin is refused and cookies are not marked Secure', async () => {
    const t = await createTestApp();
    const spoofed = await api(t, 'POST', '/api/session', { body: signInBody, origin: PUBLIC, headers: forwarded });
    expect(spoofed.status).toBe(403);
    expect((await errorOf(spoofed)).code).toBe('bad_origin');
    const plain = await api(t, 'POST', '/api/session', { body: signInBody, headers: forwarded });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('set-cookie') ?? '').not.toMatch(/;\s*Secure/i);
  });

  it('falls back to its own origin when a trusted proxy forwards a malformed host', async () => {
    const t = await createTestApp();
    const bad = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'evil.example/x' };
    const asForwarded = await api(behindProxy(t), 'POST', '/api/session', { body: signInBody, origin: 'https://evil.example', headers: bad });
    expect(asForwarded.status).toBe(403);
    const asOwn = await api(behindProxy(t), 'POST', '/api/session', { body: signInBody, headers: bad });
    expect(asOwn.status).toBe(200);
  });
});
