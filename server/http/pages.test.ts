import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PLAYER_CSP, pageRoutes } from './pages.ts';

const dirs: string[] = [];
function dist(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bangtin-dist-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the player service worker', () => {
  it('is served from /player/sw.js as script, revalidated on every update check, under the strict CSP', async () => {
    const app = pageRoutes({ distDir: dist({ 'player/sw.js': 'self.addEventListener("fetch", () => {});' }) });
    const res = await app.request('/player/sw.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toBe(PLAYER_CSP);
    expect(await res.text()).toContain('addEventListener');
  });

  it('is missing before the build (registration fails, the player plays online)', async () => {
    const res = await pageRoutes({ distDir: dist({}) }).request('/player/sw.js');
    expect(res.status).toBe(404);
  });
});

describe('the embed page', () => {
  it('may be framed by this server and the configured web portals only', async () => {
    const app = pageRoutes({ distDir: dist({ 'embed/index.html': '<!doctype html><bangtin-board></bangtin-board>' }), embedOrigins: ['https://ubnd-badinh.hanoi.gov.vn', 'http://127.0.0.1:9000'] });
    const res = await app.request('/embed/?audience=00004');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/; frame-ancestors 'self' https:\/\/ubnd-badinh\.hanoi\.gov\.vn http:\/\/127\.0\.0\.1:9000$/);
    expect(res.headers.get('set-cookie')).toBeNull();
    const none = await pageRoutes({ distDir: dist({ 'embed/index.html': 'x' }) }).request('/embed/');
    expect(none.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'$/);
  });
});
