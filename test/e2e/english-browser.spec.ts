import { readFile } from 'node:fs/promises';
import { formatLocalTime } from '../../playlists/index.ts';
import { expect, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

// Issue 12, items 9 and 5: in an English browser the file choosers still speak Vietnamese (the
// native "Choose Files" / "No file chosen" is never drawn), and a fresh install explains how to
// import the ward list, with a template CSV to download.
let server: BangtinServer;
test.beforeAll(async () => {
  server = await BangtinServer.start();
});
test.afterAll(async () => {
  await server.dispose();
});
test.use({ locale: 'en-US' });

test('file choosers are drawn in Vietnamese and an empty ward list offers a template CSV', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAdmin(page, server);
  expect(await page.evaluate(() => navigator.language)).toBe('en-US');

  await page.getByRole('button', { name: 'Ảnh, video' }).click();
  const upload = page.locator('bt-media-upload').first();
  await expect(upload.locator('label.file-pick .file-button')).toHaveText(/^(Chọn tệp|Tải)/);
  // The native input, whose button and text follow the browser's language, is not drawn.
  const native = await upload.locator('input[type=file]').boundingBox();
  expect(native!.width * native!.height).toBeLessThanOrEqual(1);
  await expect(upload.locator('input[type=file]')).toHaveCSS('opacity', '0');

  await page.getByRole('button', { name: 'Xã, phường' }).click();
  const wards = page.locator('bt-ward-list');
  await expect(wards.locator('p.empty')).toHaveText('Chưa có xã, phường nào.');
  await expect(wards.locator('p.empty-help')).toContainText('tải tệp mẫu');
  await expect(wards.locator('label.file-pick')).toContainText('Chọn tệp CSV…');
  await expect(wards.locator('.file-name')).toHaveText('Chưa chọn tệp');
  const [download] = await Promise.all([page.waitForEvent('download'), wards.getByRole('button', { name: 'Tải tệp CSV mẫu' }).click()]);
  expect(download.suggestedFilename()).toBe('xa-phuong-mau.csv');
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.split('\n')[0]).toBe('code,name,type');

  // The template imports as it is.
  await wards.locator('input[type=file]').setInputFiles({ name: 'xa-phuong-mau.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(wards.locator('.file-name')).toHaveText('xa-phuong-mau.csv');
  await wards.getByRole('button', { name: 'Nhập từ CSV' }).click();
  await expect(wards.locator('tr[data-ward-code]')).toHaveCount(2);
  await expect(wards.locator('p.empty-help')).toHaveCount(0);
  expect(problems.list).toEqual([]);
});

test("the timeline's instant defaults to now", async ({ page, problems }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAdmin(page, server);
  const before = Date.now();
  await page.getByRole('button', { name: 'Lịch phát' }).click();
  const at = page.locator('bt-schedule-timeline input[name=at]');
  await expect(at).toBeVisible();
  const shown = await at.inputValue();
  expect([formatLocalTime(before), formatLocalTime(Date.now())]).toContain(shown);
  expect(problems.list).toEqual([]);
});
