import { ApiClient } from './api.ts';
import { contentView, expect, newPlayer, onScreen, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

// Issue 12, item 11: the sign-in page names the product, a new password is typed twice (and a
// password an admin typed is not called generated), and the dashboard says what a screen shows.
let server: BangtinServer;
const TEMP = 'mật khẩu tạm 0123';
const OWN = 'mật khẩu riêng 0123';

test.beforeAll(async () => {
  server = await BangtinServer.start();
  const admin = await ApiClient.signIn(server);
  await admin.call('POST', '/api/users', { username: 'bientap', role: 'editor', password: TEMP });
});
test.afterAll(async () => {
  await server.dispose();
});

test('the sign-in page names the product and a new password must be typed twice', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.adminUrl);
  await expect(page.locator('bt-sign-in .product')).toHaveText('bangtin');
  await expect(page.locator('bt-sign-in')).toContainText('Bảng tin giáo dục nghề nghiệp');
  await page.getByLabel('Tên đăng nhập').fill('bientap');
  await page.getByLabel('Mật khẩu').fill(TEMP);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();

  const form = page.locator('bt-password-change');
  await expect(form).toContainText('mật khẩu tạm thời');
  await expect(form).not.toContainText('tự động');
  await page.getByLabel('Mật khẩu hiện tại').fill(TEMP);
  await page.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill(OWN);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(`${OWN}x`);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(form.getByRole('alert')).toHaveText('Hai lần nhập mật khẩu mới không giống nhau.');

  await page.getByLabel('Nhập lại mật khẩu mới').fill(OWN);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(contentView(page)).toBeVisible();
  expect(problems.list).toEqual([]);
});

test('the dashboard says which item each connected screen reported it is showing', async ({ context, problems }) => {
  const player = await newPlayer(context, server.demoPlayerUrl, { width: 1280, height: 720 });
  const admin = await context.newPage();
  await admin.setViewportSize({ width: 1440, height: 900 });
  await signInAdmin(admin, server);
  await admin.getByRole('button', { name: 'Màn hình', exact: true }).click();
  // The player reports what it shows in its heartbeat (every 30 s).
  const playing = admin.locator('bt-screen-list .playing');
  await expect(playing).toHaveCount(1, { timeout: 45_000 });
  await expect(playing).toHaveText(/^▶ \S/);
  const reported = await playing.getAttribute('data-playing');
  const { items } = await (await ApiClient.signIn(server)).call<{ items: { item: { id: string } }[] }>('GET', '/api/content');
  expect(items.map((e) => e.item.id)).toContain(reported);
  expect((await playing.textContent())).not.toContain('không còn trong danh sách');
  expect((await onScreen(player)).itemId).not.toBeNull();

  // A click shows it as the screen does: drawn by the player's renderers, at the screen's size.
  await playing.click();
  const dialog = admin.locator('bt-screen-now dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('h3')).toHaveText(/^Màn hình «.+» đang phát$/);
  const preview = dialog.locator('bt-item-preview');
  await expect(preview).toBeVisible();
  expect(items.map((e) => e.item.id)).toContain(await preview.getAttribute('data-item-id'));
  await expect(preview.locator('.screen > *').first()).toBeAttached();
  const frame = (await preview.locator('.frame').boundingBox())!;
  expect(frame.width / frame.height).toBeCloseTo(1280 / 720, 1);
  await admin.screenshot({ path: test.info().outputPath('now-playing-1440.png') });
  await dialog.getByRole('button', { name: 'Đóng' }).click();
  await expect(dialog).toBeHidden();
  expect(problems.list).toEqual([]);
});
