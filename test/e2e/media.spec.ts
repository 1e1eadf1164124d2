import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

let server: BangtinServer;
let photo: Buffer;

test.beforeAll(async () => {
  server = await BangtinServer.start();
  // A 6 MP photo-like JPEG of a few megabytes: big enough for the upload to report progress.
  const width = 3000;
  const height = 2000;
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + (i >> 9) * 104729) % 251;
  photo = await sharp(noise, { raw: { width, height, channels: 3 } }).blur(0.6).jpeg({ quality: 92 }).toBuffer();
});
test.afterAll(async () => {
  await server.dispose();
});

async function openLibrary(page: Page) {
  await signInAdmin(page, server);
  await page.getByRole('button', { name: 'Ảnh, video' }).click();
  await expect(page.locator('bt-media-library tr[data-media-id]').first()).toBeVisible();
}

test('an operator uploads a photo: the progress bar fills and the photo joins the library', async ({ page }) => {
  await openLibrary(page);
  // Every value the progress bar shows, as it shows it.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    const upload = document.querySelector('bt-admin-app')!.shadowRoot!.querySelector('bt-media-library')!.shadowRoot!.querySelector('bt-media-upload')!;
    new MutationObserver(() => {
      const bar = upload.shadowRoot!.querySelector('progress');
      if (bar && seen.at(-1) !== bar.value) seen.push(bar.value);
    }).observe(upload.shadowRoot!, { subtree: true, attributes: true, childList: true });
  });
  await page.locator('bt-media-upload input[type=file]').setInputFiles({ name: 'Xưởng thực hành điện.jpg', mimeType: 'image/jpeg', buffer: photo });

  const row = page.locator('bt-media-upload li').first();
  await expect(row).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(row.getByRole('status')).toHaveText('Đã tải lên');
  const bar = row.locator('progress');
  const [value, max] = await bar.evaluate((p: HTMLProgressElement) => [p.value, p.max]);
  expect(max).toBe(photo.length);
  expect(value).toBe(max);
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
  expect(seen.at(-1)).toBe(photo.length);
  expect(seen.every((v, i) => i === 0 || v >= seen[i - 1]!)).toBe(true);

  const listed = page.locator('bt-media-library tr[data-media-id]', { hasText: 'Xưởng thực hành điện.jpg' });
  await expect(listed).toBeVisible();
  await expect(listed.locator('.details')).toHaveText(/^Ảnh JPEG · 3000×2000 · [\d,]+ MB · 5 bản thu nhỏ$/);
  await expect(listed).toContainText('Chưa dùng');
  // The thumbnail is the narrowest copy, not the megabytes of the original.
  await expect.poll(() => listed.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(192);

  // Unused, it can be deleted.
  page.once('dialog', (d) => d.accept());
  await listed.getByRole('button', { name: 'Xóa' }).click();
  await expect(page.locator('bt-media-library .message')).toHaveText(/Đã xóa “Xưởng thực hành điện.jpg”/);
  await expect(listed).toHaveCount(0);
});

test('a text file named photo.jpg is refused with the reason in Vietnamese, and stays out of the library', async ({ page, problems }) => {
  await openLibrary(page);
  const before = await page.locator('bt-media-library tr[data-media-id]').count();
  problems.allowNetworkErrors = true; // the browser logs the 415 answer
  await page.locator('bt-media-upload input[type=file]').setInputFiles({
    name: 'photo.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('Đây là một tệp văn bản, không phải ảnh.\n'.repeat(200)),
  });
  const row = page.locator('bt-media-upload li').first();
  await expect(row).toHaveAttribute('data-state', 'error');
  await expect(row.getByRole('status')).toHaveText(/không phải ảnh JPEG, PNG, WebP hay video MP4, WebM/);
  await page.getByRole('button', { name: 'Tải lại' }).click();
  await expect(page.locator('bt-media-library tr[data-media-id]')).toHaveCount(before);
  await expect(page.locator('bt-media-library tr[data-media-id]', { hasText: 'photo.jpg' })).toHaveCount(0);
  problems.allowNetworkErrors = false;
});

test('a photo in use cannot be deleted: the error names the story that shows it', async ({ page, problems }) => {
  await openLibrary(page);
  const storyPhoto = page.locator('bt-media-library tr[data-media-id]', { hasText: 'Trần Minh Khôi' });
  await expect(storyPhoto).toBeVisible();
  problems.allowNetworkErrors = true; // the browser logs the 409 answer
  page.once('dialog', (d) => d.accept());
  await storyPhoto.getByRole('button', { name: 'Xóa' }).click();
  const message = page.locator('bt-media-library .message.error');
  await expect(message).toContainText('Không xóa được');
  await expect(message.locator('li')).toHaveText(['Gương điển hình “Trần Minh Khôi” (bản nháp, đang phát)']);
  await expect(storyPhoto).toBeVisible();
  problems.allowNetworkErrors = false;
});
