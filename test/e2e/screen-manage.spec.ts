import type { Page } from '@playwright/test';
import type { ScreenStatus } from '../../playlists/index.ts';
import { ApiClient } from './api.ts';
import { expect, newPlayer, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

/**
 * Managing a screen after pairing (issue 12, item 5): an admin renames a screen, moves it to
 * another ward picked from the ward list, changes its location kind and tags in the row's
 * «Quản lý» dialog (one request), and sees it all in the list (and the open player gets its new name); a ward
 * operator renames its own screen but cannot move it out of its ward.
 */
let server: BangtinServer;
let api: ApiClient;
let screenId = '';
let playerUrl = '';
const TEMP = 'mật khẩu tạm thời 01';
const OWN = 'mật khẩu riêng của phường';

test.beforeAll(async () => {
  server = await BangtinServer.start();
  api = await ApiClient.signIn(server);
  await api.call('POST', '/api/wards', { code: '00004', name: 'Phường Ba Đình', kind: 'phuong' });
  await api.call('POST', '/api/wards', { code: '00070', name: 'Phường Hoàn Kiếm', kind: 'phuong' });
  const created = await api.call<{ screen: { id: string }; playerUrl: string }>('POST', '/api/screens', {
    name: 'Bảng tin mới ghép', wardCode: '00004', locationKind: 'park',
  });
  screenId = created.screen.id;
  playerUrl = created.playerUrl;
});
test.afterAll(async () => {
  await server.dispose();
});

const row = (page: Page) => page.locator(`bt-screen-list [data-screen-id="${screenId}"]`);
const listed = async () => (await api.call<{ screens: ScreenStatus[] }>('GET', '/api/screens')).screens.find((s) => s.id === screenId)!;

test('an admin renames a screen, moves it to another ward and sets its kind and tags from the screen list', async ({ context, problems }) => {
  void problems; // fails the test on any page or console error
  const player = await newPlayer(context, playerUrl, { width: 384, height: 192 });
  const admin = await context.newPage();
  await admin.setViewportSize({ width: 1280, height: 800 });
  await signInAdmin(admin, server);
  await admin.locator('button[data-view="screens"]').click();
  await row(admin).getByRole('button', { name: 'Quản lý màn hình Bảng tin mới ghép' }).click();
  const dialog = admin.locator('bt-screen-manage dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('select[name="wardCode"]')).toBeEnabled();
  await expect(dialog.locator('select[name="wardCode"]')).toHaveValue('00004');

  // Told in Vietnamese before anything is sent.
  await dialog.getByLabel('Tên màn hình').fill('  ');
  await expect(dialog.getByText('Nhập tên màn hình (tối đa 120 ký tự).')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Lưu' })).toBeDisabled();

  await dialog.getByLabel('Tên màn hình').fill('Bảng tin chợ Đồng Xuân');
  await dialog.locator('select[name="wardCode"]').selectOption({ label: 'Phường Hoàn Kiếm' });
  await dialog.getByLabel('Loại địa điểm').selectOption({ label: 'Đường phố' });
  await dialog.getByLabel('Thẻ (cách nhau bằng dấu phẩy)').fill('chợ, trung tâm, chợ');
  // One request, one transaction: the move and the rest are saved together or not at all.
  const writes: string[] = [];
  admin.on('request', (r) => {
    if (r.method() !== 'GET' && r.url().includes('/api/screens/')) writes.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();
  expect(writes).toEqual([`PUT /api/screens/${screenId}/details`]);

  await expect(row(admin).locator('strong')).toHaveText('Bảng tin chợ Đồng Xuân');
  await expect(row(admin)).toContainText('Đường phố · chợ, trung tâm');
  await expect(row(admin)).toContainText('Phường Hoàn Kiếm');
  expect(await listed()).toMatchObject({ name: 'Bảng tin chợ Đồng Xuân', wardCode: '00070', ward: 'Phường Hoàn Kiếm', locationKind: 'street', tags: ['chợ', 'trung tâm'] });
  // The open player got its new name: asked to identify itself, it shows it.
  await api.call('POST', `/api/screens/${screenId}/commands`, { action: 'identify' });
  await expect(player.locator('bt-notice.identify')).toContainText('Bảng tin chợ Đồng Xuân');

  // Opened again, the dialog shows what was saved.
  await row(admin).locator('[data-action="manage"]').click();
  await expect(dialog.getByLabel('Tên màn hình')).toHaveValue('Bảng tin chợ Đồng Xuân');
  await expect(dialog.locator('select[name="wardCode"]')).toHaveValue('00070');
  await expect(dialog.getByLabel('Thẻ (cách nhau bằng dấu phẩy)')).toHaveValue('chợ, trung tâm');
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  await expect(dialog).toBeHidden();
});

test("a ward operator renames its ward's screen but cannot move it out of its ward", async ({ browser }) => {
  await api.call('POST', '/api/users', { username: 'phuong.hoankiem', role: 'ward_operator', wardCode: '00070', password: TEMP });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  await page.goto(server.adminUrl);
  await page.getByLabel('Tên đăng nhập').fill('phuong.hoankiem');
  await page.getByLabel('Mật khẩu').fill(TEMP);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByLabel('Mật khẩu hiện tại').fill(TEMP);
  await page.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill(OWN);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(OWN);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.locator('nav')).toBeVisible();
  await page.locator('button[data-view="screens"]').click();

  await row(page).locator('[data-action="manage"]').click();
  const dialog = page.locator('bt-screen-manage dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('select[name="wardCode"]')).toBeDisabled();
  await expect(dialog.locator('select[name="wardCode"]')).toHaveValue('00070');
  await dialog.getByLabel('Tên màn hình').fill('Bảng tin phố cổ');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page).locator('strong')).toHaveText('Bảng tin phố cổ');
  expect(await listed()).toMatchObject({ name: 'Bảng tin phố cổ', wardCode: '00070', ward: 'Phường Hoàn Kiếm', tags: ['chợ', 'trung tâm'] });
  await context.close();
  expect(problems, 'page errors and console errors').toEqual([]);
});
