import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentEntry, PlayEvent } from '../../playlists/index.ts';
import { toLocalIsoMs } from '../../playlists/index.ts';
import { openDatabase } from '../../server/db/connection.ts';
import { PlayRepo } from '../../server/repos/plays.ts';
import { ApiClient } from './api.ts';
import { expect, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

/**
 * Reports (issue 14) end to end: an official drafts the six-month report in *Báo cáo*, prints it
 * to PDF and finds its totals in the PDF's text (pdftotext); a phone scans a screen's QR code
 * and the scan shows in the report.
 */
let server: BangtinServer;
const OUT = join('test-results', 'reports');
/** A past year, so the drafting job has not made this report already whatever today is. */
const YEAR = new Date().getUTCFullYear() - 1;
const QR_TARGET = 'https://sogd.hanoi.gov.vn/hoc-nghe';

test.beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await BangtinServer.start();
  // Plays of the demo screen in the report's period (01/11 of the year before to 30/04),
  // stored through the server's own repository, rollups and all, as the hub would store them:
  // 1,000 plays of theme 2 of 10 s and 500 of theme 6 of 20 s.
  const db = openDatabase(join(server.dataDir, 'bangtin.db'));
  const screenId = db.prepare<[], { id: string }>('SELECT id FROM screens').get()!.id;
  const start = Date.parse(`${YEAR}-01-05T08:00:00+07:00`);
  const events: PlayEvent[] = Array.from({ length: 1500 }, (_, i) => ({
    id: `e2e-report-play-${String(i).padStart(5, '0')}`, itemId: i < 1000 ? 'c_e2e_theme2' : 'c_e2e_theme6', itemRevision: 1,
    playlistId: null, scheduleId: null, tier: 'normal', theme: i < 1000 ? 2 : 6,
    startedAt: toLocalIsoMs(start + i * 3_600_000), durationMs: i < 1000 ? 10_000 : 20_000, completed: true,
  }));
  new PlayRepo(db).insertBatches([{ screenId, events, receivedAt: Date.now() }]);
  db.close();
});
test.afterAll(async () => server?.dispose());

test('drafts the six-month report, prints it to A4 PDF with its totals', async ({ page, problems }) => {
  void problems;
  await page.setViewportSize({ width: 1280, height: 1000 });
  await signInAdmin(page, server);
  await page.getByRole('button', { name: 'Báo cáo', exact: true }).click();
  await page.locator('select[name=kind]').selectOption('six_month');
  await page.locator('input[name=year]').fill(String(YEAR));
  await page.getByRole('button', { name: 'Lập báo cáo' }).click();

  const doc = page.locator('bt-report-view');
  await expect(doc.locator('h1')).toHaveText(`BÁO CÁO 6 THÁNG NĂM ${YEAR}`);
  await expect(doc.locator('.period')).toHaveText(`Kỳ báo cáo: từ ngày 01/11/${YEAR - 1} đến ngày 30/04/${YEAR}`);
  await expect(doc.locator('tr[data-theme="2"] td').nth(1)).toHaveText('1.000');
  await expect(doc.locator('tr[data-theme="6"] td').nth(1)).toHaveText('500');
  await expect(doc.locator('table.themes tr.total td').nth(1)).toHaveText('1.500');
  await expect(page.locator('bt-report-chart[data-ready]')).toBeAttached();
  await page.screenshot({ path: join(OUT, 'report-page.png'), fullPage: true });

  const pdf = join(OUT, 'six-month-report.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  expect(text).toContain(`BÁO CÁO 6 THÁNG NĂM ${YEAR}`);
  expect(text).toContain(`Kỳ báo cáo: từ ngày 01/11/${YEAR - 1} đến ngày 30/04/${YEAR}`);
  expect(text).toMatch(/Tổng số lượt phát\s+1\.500/);
  expect(text).toMatch(/2\. Chính sách hỗ trợ đào tạo cho người lao động\s+1\.000/);
  expect(text).toMatch(/6\. Kết quả thực hiện Đề án\s+500/);
  // 10,000 s + 10,000 s of airtime: 5,6 hours.
  expect(text).toMatch(/Tổng thời lượng phát \(giờ\)\s+5,6/);
  expect(text).toContain('THỦ TRƯỞNG ĐƠN VỊ');
  expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  // What the admin page shows around the report is not printed.
  expect(text).not.toContain('Lập báo cáo');
  expect(text).not.toContain('Đăng xuất');
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(OUT, 'six-month-report')]);
});

test("counts a scan of a screen's QR code and shows it in the report", async ({ page, context, problems }) => {
  void problems;
  // The demo notice gets a QR address and becomes the only item, so the player shows it now.
  const client = await ApiClient.signIn(server);
  const { items } = await client.call<{ items: ContentEntry[] }>('GET', '/api/content');
  const notice = items.find((e) => e.item.kind === 'notice')!.item;
  const { id: noticeId, ...fields } = notice;
  await client.call('PUT', `/api/content/${noticeId}`, { ...fields, qrUrl: QR_TARGET });
  const lists = await client.call<{ playlists: { playlist: { id: string; name: string } }[]; defaultPlaylistId: string }>('GET', '/api/playlists');
  const main = lists.playlists.find((p) => p.playlist.id === lists.defaultPlaylistId)!.playlist;
  await client.call('PUT', `/api/playlists/${main.id}`, { name: main.name, itemIds: [noticeId] });
  await client.call('POST', '/api/publish');

  await page.setViewportSize({ width: 1280, height: 1000 });
  await signInAdmin(page, server);
  await page.getByRole('button', { name: 'Báo cáo', exact: true }).click();
  await page.locator('button[data-tab=custom]').click();
  await page.getByRole('button', { name: 'Xem báo cáo' }).click();
  const scans = page.locator('bt-report-view [data-scans]');
  await expect(scans).toHaveText('0');

  const player = await context.newPage();
  await player.setViewportSize({ width: 1280, height: 720 });
  await player.goto(server.demoPlayerUrl);
  const qr = player.locator('bt-policy-notice bt-qr');
  await expect(qr).toBeAttached();
  const screenId = await player.locator('bt-player').getAttribute('data-screen-id');
  const link = await qr.evaluate((el) => (el as HTMLElement & { url: string }).url);
  expect(link).toBe(`${server.origin}/r/${screenId}.${noticeId}`);

  // A phone scanning it: redirected to the notice's address, and counted.
  const scanned = await player.request.get(link, { maxRedirects: 0 });
  expect(scanned.status()).toBe(302);
  expect(scanned.headers().location).toBe(QR_TARGET);
  expect((await player.request.get(`${server.origin}/r/${screenId}.c_nothing`, { maxRedirects: 0 })).status()).toBe(404);

  await page.getByRole('button', { name: 'Xem báo cáo' }).click();
  await expect(scans).toHaveText('1');
  await expect(page.locator(`bt-report-view tr[data-scan-screen="${screenId}"] td`).last()).toHaveText('1');
  await page.locator('bt-report-view h2', { hasText: 'VIII.' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, 'report-scans.png') });
});
