import type { Page } from '@playwright/test';
import { expect, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

let server: BangtinServer;
test.beforeAll(async () => {
  server = await BangtinServer.start();
});
test.afterAll(async () => {
  await server.dispose();
});

async function openScreensView(admin: Page): Promise<void> {
  await admin.setViewportSize({ width: 1280, height: 900 });
  await signInAdmin(admin, server);
  await admin.getByRole('button', { name: 'Màn hình', exact: true }).click();
  await expect(admin.locator('bt-screen-add')).toBeVisible();
}

test('a fresh player shows a pairing code; an operator enters it and the player plays at once, without a reload', async ({ context, problems }) => {
  const player = await context.newPage();
  await player.setViewportSize({ width: 384, height: 192 });
  await player.goto(`${server.origin}/player/`);
  const bt = player.locator('bt-player');
  await expect(bt).toHaveAttribute('data-state', 'pairing');
  const pairing = player.locator('bt-pairing[data-code]');
  await expect(pairing).toBeVisible();
  const code = (await pairing.getAttribute('data-code'))!;
  expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  await expect(pairing).toContainText('384 × 192');
  let navigations = 0;
  player.on('framenavigated', (f) => {
    if (f === player.mainFrame()) navigations += 1;
  });

  const admin = await context.newPage();
  await openScreensView(admin);
  const form = admin.locator('bt-screen-add');
  // Typed the way people type it: lower case, with a space.
  await form.getByLabel('Mã ghép nối').fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
  await form.getByLabel('Tên màn hình').fill('Bảng LED cổng chợ Hôm');
  await form.getByLabel('Xã, phường', { exact: true }).fill('Phường Hai Bà Trưng');
  await form.getByLabel('Loại địa điểm').selectOption('street');
  await form.getByLabel('Nhãn').fill('LED, P10');
  const claimedAt = Date.now();
  await form.getByRole('button', { name: 'Ghép nối', exact: true }).click();
  await expect(form.getByRole('status')).toContainText('Đã ghép nối “Bảng LED cổng chợ Hôm”');

  await expect(bt).toHaveAttribute('data-state', 'playing', { timeout: 10_000 });
  const pairedInMs = Date.now() - claimedAt;
  await expect(bt).toHaveAttribute('data-connection', 'online');
  const screenId = (await bt.getAttribute('data-screen-id'))!;
  expect(navigations).toBe(0);
  console.log(`pairing: claim → first content in ${pairedInMs} ms`);
  expect(problems.list).toEqual([]);

  // The screen list shows it connected, with its ward.
  const row = admin.locator(`[data-screen-id="${screenId}"]`);
  await expect(row).toContainText('Phường Hai Bà Trưng');
  await expect(row).toHaveAttribute('data-connected', 'true', { timeout: 10_000 });

  // The token is remembered: a reload plays at once, no code.
  await player.reload();
  await expect(bt).toHaveAttribute('data-state', 'playing');
  await expect(bt).toHaveAttribute('data-screen-id', screenId);

  // The same code cannot pair a second screen (Chromium logs the refused request's 404).
  problems.allowNetworkErrors = true;
  await form.getByLabel('Mã ghép nối').fill(code);
  await form.getByLabel('Tên màn hình').fill('Màn hình thứ hai');
  await form.getByRole('button', { name: 'Ghép nối', exact: true }).click();
  await expect(form.getByRole('alert')).toContainText('Không có màn hình nào đang hiện mã này');
  problems.allowNetworkErrors = false;
});

test('an operator registers screens ahead and each link starts its player', async ({ context, problems }) => {
  const admin = await context.newPage();
  await openScreensView(admin);
  const form = admin.locator('bt-screen-add');
  await form.getByRole('button', { name: 'Đăng ký trước' }).click();
  for (const name of ['Trường Cao đẳng nghề 1', 'Trường Cao đẳng nghề 2']) {
    await form.getByLabel('Tên màn hình').fill(name);
    await form.getByLabel('Loại địa điểm').selectOption('school');
    await form.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await expect(form.getByRole('textbox', { name })).toHaveValue(/\/player\/\?token=/);
  }
  const link = await form.getByRole('textbox', { name: 'Trường Cao đẳng nghề 2' }).inputValue();

  const player = await context.newPage();
  await player.setViewportSize({ width: 1080, height: 1920 });
  await player.goto(link);
  const bt = player.locator('bt-player');
  await expect(bt).toHaveAttribute('data-state', 'playing');
  expect(new URL(player.url()).search).toBe('');
  expect(problems.list).toEqual([]);
  // The link is not shown again anywhere once the view is left.
  await admin.reload();
  await admin.getByRole('button', { name: 'Màn hình', exact: true }).click();
  await expect(admin.locator('bt-screen-list')).not.toContainText('token=');
});
