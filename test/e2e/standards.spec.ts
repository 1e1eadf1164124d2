import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import type { z } from 'zod';
import type { ContentEntry, PlaylistEntry, ScreenCreated, ScreenList } from '../../playlists/index.ts';
import { CAP_A2_THUNDERSTORM, adapted, cancelOf } from '../../server/testing/cap-fixtures.ts';
import { occurrences } from '../../server/testing/ical-read.ts';
import { ApiClient } from './api.ts';
import { expect, newPlayer, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

/**
 * Issue 17, in a real browser: a CAP alert from the standard's Appendix A goes on the screens of
 * its ward with KHẨN CẤP and its event, and ends on its Cancel; the ward's schedule downloads as
 * .ics and its secret feed serves without a session; a web portal on another origin frames
 * /embed/ and plays the ward's playlist once in view, and an origin not listed is refused.
 */

const HK = { code: '00070', name: 'Phường Hoàn Kiếm' };
const BD = { code: '00004', name: 'Phường Ba Đình' };
const BD_SLOGAN = 'Ngày hội việc làm Ba Đình';

let server: BangtinServer;
let api: ApiClient;
let bdPlayerUrl = '';
let capKey = '';
const portals: { server: Server; origin: string }[] = [];

/** A web portal on an origin of its own: its page frames the embed far below the fold. */
async function portal(html: (bangtin: string) => string): Promise<{ server: Server; origin: string }> {
  const srv = createServer((req, res) => {
    if (req.url === '/favicon.ico') return void res.writeHead(204).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html(server.origin));
  });
  await new Promise<void>((done) => srv.listen(0, '127.0.0.1', done));
  const p = { server: srv, origin: `http://127.0.0.1:${(srv.address() as AddressInfo).port}` };
  portals.push(p);
  return p;
}
const portalPage = (lazy: boolean) => (bangtin: string) => `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin</title></head>
<body style="margin:0"><h1>Cổng thông tin phường Ba Đình</h1><div style="height:10000px">Tin tức…</div>
<iframe id="board" src="${bangtin}/embed/?audience=${BD.code}" title="Bảng tin" ${lazy ? 'loading="lazy"' : ''} style="width:640px;aspect-ratio:16/9;border:0"></iframe>
</body></html>`;

let allowed: { server: Server; origin: string };
let eager: { server: Server; origin: string };
let refused: { server: Server; origin: string };

test.beforeAll(async () => {
  // Ports first: the server is told which portals may frame it.
  allowed = await portal(portalPage(true));
  eager = await portal(portalPage(false));
  refused = await portal(portalPage(true));
  server = await BangtinServer.start({ env: { BANGTIN_EMBED_ORIGINS: `${allowed.origin} ${eager.origin}` } });
  api = await ApiClient.signIn(server);
  for (const w of [HK, BD]) await api.call('POST', '/api/wards', { code: w.code, name: w.name, kind: 'phuong' });
  const demo = (await api.call<z.infer<typeof ScreenList>>('GET', '/api/screens')).screens[0]!;
  await api.call('PUT', `/api/screens/${demo.id}/ward`, { wardCode: HK.code });
  bdPlayerUrl = (await api.call<z.infer<typeof ScreenCreated>>('POST', '/api/screens', { name: 'Bảng tin Ba Đình', wardCode: BD.code, locationKind: 'bulletin_board' })).playerUrl;
  // Ba Đình's own campaign: every day, every Ba Đình screen.
  const { item } = await api.call<ContentEntry>('POST', '/api/content', { kind: 'slogan', theme: 6, durationMs: 8000, text: BD_SLOGAN });
  const { playlist } = await api.call<PlaylistEntry>('POST', '/api/playlists', { name: 'Ba Đình', itemIds: [item.id] });
  await api.call('POST', '/api/schedules', { name: 'Tuần lễ việc làm Ba Đình', playlistId: playlist.id, target: { wards: [BD.code] }, time: { startDate: '2026-01-01', weekdays: [1, 2, 3, 4, 5], windows: [{ start: '07:00', end: '21:30' }] } });
  await api.call('POST', '/api/schedules', { name: 'Cả ngày Ba Đình', playlistId: playlist.id, tier: 'priority', target: { wards: [BD.code] }, time: { startDate: '2026-01-01' } });
  await api.call('POST', '/api/publish');
  capKey = (await api.call<{ key: string }>('POST', '/api/cap/keys', { name: 'Trung tâm cảnh báo' })).key;
});
test.afterAll(async () => {
  for (const p of portals) p.server.close();
  await server.dispose();
});

/** A machine posting CAP XML with its key: no Origin, no cookie. */
async function postCap(xml: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.origin}/api/cap`, { method: 'POST', headers: { Authorization: `Bearer ${capKey}`, 'Content-Type': 'application/cap+xml' }, body: xml });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const heading = (player: Page) => player.locator('bt-emergency [data-emergency-heading]').first();

test('a CAP alert from Appendix A shows on the screens of its ward with KHẨN CẤP and its event, and ends on its Cancel', async ({ context, problems }) => {
  void problems;
  const hk = await newPlayer(context, server.demoPlayerUrl);
  const bd = await newPlayer(context, bdPlayerUrl);
  const alert = adapted(CAP_A2_THUNDERSTORM, Date.now(), { wards: [BD.code] });
  expect(await postCap(alert)).toMatchObject({ status: 201, body: { outcome: 'published', tier: 'emergency' } });
  await expect(heading(bd)).toBeVisible();
  await expect(heading(bd)).toContainText('KHẨN CẤP · SEVERE THUNDERSTORM');
  await expect(bd.locator('bt-emergency')).toContainText('TAKE COVER IN A SUBSTANTIAL SHELTER');
  await expect(hk.locator('bt-emergency')).toHaveCount(0);
  // A Test alert is listed in the admin page, marked, and reaches no screen.
  const test = adapted(CAP_A2_THUNDERSTORM, Date.now(), { wards: [HK.code], set: { identifier: 'KSTO-TEST-1', status: 'Test' } });
  expect(await postCap(test)).toMatchObject({ status: 200, body: { outcome: 'listed', reason: 'status_test' } });
  // The Cancel referencing it ends it.
  expect(await postCap(cancelOf(alert, Date.now() + 1000, 'KSTO1055887203-huy'))).toMatchObject({ status: 200, body: { outcome: 'ended' } });
  await expect(bd.locator('bt-emergency')).toHaveCount(0);
  await expect(bd.locator('bt-player')).toHaveAttribute('data-state', 'playing');
  await expect(hk.locator('bt-emergency')).toHaveCount(0);

  const admin = await context.newPage();
  await signInAdmin(admin, server);
  await admin.locator('nav button[data-view=standards]').click();
  const rows = admin.locator('bt-cap-panel tr[data-cap-alert]');
  await expect(rows).toHaveCount(3);
  await expect(admin.locator('bt-cap-panel tr[data-status=Test]')).toContainText('Thử nghiệm');
  await expect(admin.locator('bt-cap-panel tr[data-cap-alert=KSTO1055887203]')).toContainText('Đã phát');
});

test('the ward\'s schedule downloads as .ics, parses, and its secret feed serves without a session', async ({ page, problems }) => {
  void problems;
  await signInAdmin(page, server);
  await page.locator('nav button[data-view=standards]').click();
  await page.locator('bt-share-panel select[name=calendar-scope]').selectOption(BD.code);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('bt-share-panel a[data-ics]').click()]);
  expect(download.suggestedFilename()).toBe(`bangtin-${BD.code}.ics`);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text).toContain('BEGIN:VTIMEZONE');
  const now = Date.now();
  const runs = occurrences(text, now, now + 14 * 86_400_000);
  expect(new Set(runs.map((r) => r.summary.split(' · ')[0]))).toEqual(new Set(['Tuần lễ việc làm Ba Đình', 'Cả ngày Ba Đình']));
  expect(runs.filter((r) => r.summary.startsWith('Tuần lễ')).every((r) => r.end - r.start === 14.5 * 3_600_000)).toBe(true);

  await page.locator('bt-share-panel button.primary', { hasText: 'Tạo đường dẫn' }).click();
  const feedUrl = (await page.locator('bt-share-panel [data-feed-url]').textContent())!;
  expect(feedUrl).toMatch(new RegExp(`^${server.origin}/calendar/[A-Za-z0-9_-]+\\.ics\\?ward=${BD.code}$`));
  const res = await fetch(feedUrl);
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  expect(occurrences(await res.text(), now, now + 14 * 86_400_000)).toEqual(runs);
});

test('a web portal on another origin plays the ward\'s playlist once the board is in view; one not listed is refused', async ({ page, browser, problems }) => {
  void problems;
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(server.origin)) requests.push(new URL(r.url()).pathname);
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(allowed.origin);
  await page.waitForTimeout(1000);
  // Below the fold, a lazy frame loads nothing from bangtin.
  expect(requests).toEqual([]);
  await page.locator('#board').scrollIntoViewIfNeeded();
  const frame = page.frameLocator('#board');
  await expect(frame.locator('bangtin-board')).toHaveAttribute('data-state', 'playing');
  await expect(frame.locator('[data-item-id]').first()).toContainText(BD_SLOGAN);
  expect(requests).toContain('/embed/manifest.json');
  // No cookie was sent or set, and no screen token was needed.
  expect(await page.context().cookies(server.origin)).toEqual([]);

  // Without loading=lazy the page is fetched, but the board waits for its IntersectionObserver.
  const js: string[] = [];
  const eagerPage = await page.context().newPage();
  eagerPage.on('request', (r) => {
    if (r.url().startsWith(server.origin) && r.url().endsWith('.js')) js.push(new URL(r.url()).pathname);
  });
  const manifestAsked = () => eagerPage.frames().some((f) => f.url().includes('/embed/')) && js.length > 0;
  await eagerPage.goto(eager.origin);
  await expect.poll(manifestAsked).toBe(true);
  const beforeView = [...js];
  expect(beforeView).toHaveLength(1);
  await eagerPage.locator('#board').scrollIntoViewIfNeeded();
  await expect(eagerPage.frameLocator('#board').locator('bangtin-board')).toHaveAttribute('data-state', 'playing');
  const gz = async (path: string) => gzipSync(Buffer.from(await (await fetch(`${server.origin}${path}`)).arrayBuffer())).length;
  const before = await gz(beforeView[0]!);
  let total = 0;
  for (const path of new Set(js)) total += await gz(path);
  console.log(`embed JS measured in the browser: ${(before / 1000).toFixed(2)} kB before in view, ${(total / 1000).toFixed(2)} kB by its first content (gzipped, ${new Set(js).size} files)`);
  expect(before).toBeLessThan(3_000);

  // An origin BANGTIN_EMBED_ORIGINS does not list: the browser refuses to show the frame.
  const other = await browser.newContext();
  const stranger = await other.newPage();
  const refusals: string[] = [];
  stranger.on('console', (m) => refusals.push(m.text()));
  await stranger.goto(refused.origin);
  await stranger.locator('#board').scrollIntoViewIfNeeded();
  await expect.poll(() => refusals.some((t) => /frame-ancestors/.test(t))).toBe(true);
  await expect(stranger.frameLocator('#board').locator('bangtin-board')).toHaveCount(0);
  await other.close();
});
