import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PLAYER_CSP, pageRoutes, playerPageRoutes } from './pages.ts';
import { playerSockets } from './player-sockets.ts';

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

describe('the player page with the installation\'s player sockets (BANGTIN_PLAYER_SOCKETS)', () => {
  const html = '<!doctype html><html><head><meta charset="utf-8"></head><body><bt-player></bt-player></body></html>';
  const sockets = playerSockets('ws://10.0.0.11:8081/ws/player, wss://gw2.bangtin.example.vn');

  it('reads ws and wss URLs, a bare origin meaning its /ws/player, and refuses anything else', () => {
    expect(sockets).toEqual(['ws://10.0.0.11:8081/ws/player', 'wss://gw2.bangtin.example.vn/ws/player']);
    expect(playerSockets('')).toEqual([]);
    for (const bad of ['http://a.vn/ws/player', 'ws://a.vn/ws/player?x=1', 'ws://u:p@a.vn/', 'a.vn:8081', 'ws://*']) {
      expect(() => playerSockets(bad)).toThrow(/BANGTIN_PLAYER_SOCKETS/);
    }
  });

  it('names them in the page, and its CSP lets it connect to exactly their origins', async () => {
    const res = await pageRoutes({ distDir: dist({ 'player/index.html': html }), playerSockets: sockets }).request('/player/?token=t');
    const body = await res.text();
    expect(body).toContain('<meta name="bangtin-sockets" content="ws://10.0.0.11:8081/ws/player wss://gw2.bangtin.example.vn/ws/player"></head>');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("connect-src 'self' ws://10.0.0.11:8081 wss://gw2.bangtin.example.vn;");
    expect(csp).not.toContain('*');
  });

  it('is served as built, under the same-origin CSP, without any', async () => {
    const res = await playerPageRoutes({ distDir: dist({ 'player/index.html': html }) }).request('/player/');
    expect(await res.text()).toBe(html);
    expect(res.headers.get('content-security-policy')).toBe(PLAYER_CSP);
  });
});
