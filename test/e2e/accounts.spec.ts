import type { Browser, Page } from '@playwright/test';
import { expect, signInAdmin, test } from './fixtures.ts';
import { ADMIN_PASSWORD, BangtinServer } from './server.ts';

let server: BangtinServer;
test.beforeAll(async () => {
  server = await BangtinServer.start();
});
test.afterAll(async () => {
  await server.dispose();
});

const XSS = '<img src=x onerror="window.__xss=1">';
const BAD_CSV = 'code,name,type\n00004,Phường Ba Đình,phường\n00004,Trùng mã,phường\n00008,Thị trấn Tây Đằng,thị trấn\n';
const GOOD_CSV = `\uFEFFcode,name,type\r\n00004,Phường Ba Đình,phường\r\n00070,Phường Hoàn Kiếm,phường\r\n09877,"${XSS.replace(/"/g, '""')}",xã\r\n`;

async function importCsv(page: Page, csv: string) {
  await page.locator('bt-ward-list input[type=file]').setInputFiles({ name: 'xa-phuong.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Nhập từ CSV' }).click();
}

async function signInAs(browser: Browser, username: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(server.adminUrl);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  return page;
}

test('an admin imports wards, adds a ward operator who must change the password, and finds both in the audit log', async ({ page, browser, problems }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAdmin(page, server);
  await page.getByRole('button', { name: 'Xã, phường' }).click();

  // A file with bad rows is refused whole, with a report by line.
  problems.allowNetworkErrors = true; // Chromium logs the 422 answer as a failed resource.
  await importCsv(page, BAD_CSV);
  await expect(page.locator('bt-ward-list table.report tr[data-line]')).toHaveCount(2);
  await expect(page.locator('bt-ward-list tr[data-line="3"]')).toContainText('trùng với dòng 2');
  await expect(page.locator('bt-ward-list tr[data-line="4"]')).toContainText('"xã" hoặc "phường"');
  await expect(page.locator('bt-ward-list tr[data-ward-code]')).toHaveCount(0);
  problems.allowNetworkErrors = false;

  await importCsv(page, GOOD_CSV);
  await expect(page.locator('bt-ward-list [role=status]')).toHaveText('Đã nhập: 3 mới, 0 cập nhật, 0 không đổi.');
  await expect(page.locator('bt-ward-list tr[data-ward-code]')).toHaveCount(3);
  // A name with markup stays text.
  await expect(page.locator('bt-ward-list tr[data-ward-code="09877"] td').nth(1)).toHaveText(XSS);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

  await page.getByRole('button', { name: 'Người dùng' }).click();
  const form = page.getByRole('form', { name: 'Thêm người dùng' });
  await form.getByLabel('Tên đăng nhập').fill('phuong.hoankiem');
  await form.getByLabel('Vai trò').selectOption('ward_operator');
  await form.getByLabel('Xã, phường').selectOption('00070');
  await form.getByLabel('Mật khẩu tạm thời (ít nhất 10 ký tự)').fill('mật khẩu tạm 01');
  await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
  const row = page.locator('bt-user-list tr[data-username="phuong.hoankiem"]');
  await expect(row).toContainText('Chờ đổi mật khẩu');

  // The operator must change the temporary password, then sees only the views a ward operator may use.
  const operator = await signInAs(browser, 'phuong.hoankiem', 'mật khẩu tạm 01');
  await operator.getByLabel('Mật khẩu hiện tại').fill('mật khẩu tạm 01');
  await operator.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill('mật khẩu riêng của phường');
  await operator.getByLabel('Nhập lại mật khẩu mới').fill('mật khẩu riêng của phường');
  await operator.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(operator.locator('nav button')).toHaveText(['Nội dung phát', 'Ảnh, video', 'Lịch phát', 'Lịch sử xuất bản', 'Màn hình', 'Báo cáo', 'Liên thông', 'Xã, phường']);
  await operator.getByRole('button', { name: 'Xã, phường' }).click();
  await expect(operator.locator('bt-ward-list tr[data-ward-code]')).toHaveCount(3);
  await expect(operator.locator('bt-ward-list input[type=file]')).toHaveCount(0);
  await operator.context().close();

  await page.getByRole('button', { name: 'Nhật ký' }).click();
  await page.locator('bt-audit-log select[name=objectType]').selectOption('user');
  await page.getByRole('button', { name: 'Lọc' }).click();
  const actions = page.locator('bt-audit-log tr[data-entry-id] td:nth-child(3)');
  await expect(actions.first()).toHaveText('Đổi mật khẩu');
  await expect(actions).toContainText(['Đổi mật khẩu', 'Đăng nhập', 'Tạo', 'Đăng nhập']);
  // The export follows the filter (the newest entry reads the same with or without it: wait).
  const exportLink = page.locator('bt-audit-log a.export');
  await expect(exportLink).toHaveAttribute('href', '/api/audit.csv?objectType=user');
  const href = (await exportLink.getAttribute('href'))!;
  const csv = await page.request.get(`${server.origin}${href}`);
  expect(csv.status()).toBe(200);
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(body.toString('utf8')).toContain('phuong.hoankiem');
});

test('signing out everywhere ends the session in every browser', async ({ page, browser }) => {
  const other = await signInAs(browser, 'admin', ADMIN_PASSWORD);
  await expect(other.locator('nav')).toBeVisible();
  await signInAdmin(page, server);
  await page.getByRole('button', { name: 'Đăng xuất mọi nơi' }).click();
  await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
  await other.reload();
  await expect(other.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
  await other.context().close();
});
