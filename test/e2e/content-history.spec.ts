import type { Page } from '@playwright/test';
import { expect, openItem, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

// Back and Forward move between the items opened in the content view; a reload keeps the open one.
let server: BangtinServer;
test.beforeAll(async () => {
  server = await BangtinServer.start();
});
test.afterAll(async () => {
  await server.dispose();
});

const rowIds = (page: Page) => page.locator('bt-item-order li[role=option]').evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id')!));
const selectedRow = (page: Page) => page.locator('bt-item-order li[aria-selected=true]');

/** The item `id` is the one open: its row chosen, its editor the only one, its id in the address. */
async function isOpen(page: Page, id: string) {
  await expect(selectedRow(page)).toHaveAttribute('data-order-id', id);
  await expect(page.locator(`bt-item-editor[data-item-id="${id}"]`)).toBeVisible();
  await expect(page.locator('bt-item-editor')).toHaveCount(1);
  expect(page.url()).toContain(`/${id}`);
}

test('Back and Forward move between opened items, a reload keeps the open one, and Back returns across views', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAdmin(page, server);
  await page.locator('bt-item-order li[role=option]').first().waitFor();
  const ids = await rowIds(page);
  const [first, , third, , fifth] = ids as [string, string, string, string, string];
  await isOpen(page, first);
  await openItem(page, third);
  await openItem(page, fifth);

  await page.goBack();
  await isOpen(page, third);
  await page.goBack();
  await isOpen(page, first);
  await page.goForward();
  await isOpen(page, third);
  await page.reload();
  await isOpen(page, third);
  await page.goForward();
  await isOpen(page, fifth);

  // Another view in between: Back comes to the content view with the item opened before.
  await page.locator('button[data-view=schedules]').click();
  await expect(page.locator('bt-schedule-view')).toBeVisible();
  await page.goBack();
  await expect(page.locator('button[data-view=content]')).toHaveAttribute('aria-current', 'page');
  await isOpen(page, third);
});

test('Back away from edits that cannot be saved asks first, and may stay', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAdmin(page, server);
  await page.locator('bt-item-order li[role=option]').first().waitFor();
  const first = (await rowIds(page))[0]!;
  await page.locator('bt-item-order select[name=item-kind]').selectOption('slogan');
  const slogan = (await rowIds(page)).find((id) => id !== first)!;
  await page.locator('bt-item-order select[name=item-kind]').selectOption('');
  const between = (await rowIds(page)).find((id) => id !== first && id !== slogan)!;
  await openItem(page, between);
  const editor = await openItem(page, slogan);
  const before = await editor.locator('textarea[name=text]').inputValue();
  // An empty slogan cannot be saved.
  await editor.locator('textarea[name=text]').fill('');

  await page.goBack();
  const ask = page.getByRole('dialog', { name: 'Nội dung đang sửa chưa lưu được' });
  await ask.getByRole('button', { name: 'Quay lại sửa' }).click();
  await isOpen(page, slogan);
  await expect(editor.locator('textarea[name=text]')).toHaveValue('');

  await page.goBack();
  await ask.getByRole('button', { name: 'Bỏ thay đổi' }).click();
  await isOpen(page, first);
  await expect((await openItem(page, slogan)).locator('textarea[name=text]')).toHaveValue(before);
});
