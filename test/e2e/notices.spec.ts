import type { Browser, Page } from '@playwright/test';
import { ApiClient } from './api.ts';
import { expect, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

let server: BangtinServer;
const TEMP = 'mật khẩu tạm 0123';
const OWN = 'mật khẩu riêng 0123';
const WAITING = 'Học nghề hôm nay, vững nghề ngày mai';
const REJECTED = 'Khẩu hiệu bị trả lại';
const REASON = 'Sai số điện thoại';

/** A new user, with the temporary password changed as a new user must. */
async function newUser(admin: ApiClient, username: string, role: string): Promise<ApiClient> {
  await admin.call('POST', '/api/users', { username, role, password: TEMP });
  const user = await ApiClient.signIn(server, username, TEMP);
  await user.call('PUT', '/api/session/password', { currentPassword: TEMP, newPassword: OWN });
  return ApiClient.signIn(server, username, OWN);
}

test.beforeAll(async () => {
  server = await BangtinServer.start();
  const admin = await ApiClient.signIn(server);
  const editor = await newUser(admin, 'bientap', 'editor');
  const approver = await newUser(admin, 'pheduyet', 'approver');
  for (const text of [WAITING, REJECTED]) {
    const { item } = await editor.call<{ item: { id: string } }>('POST', '/api/content', { kind: 'slogan', theme: 2, durationMs: 5_000, text });
    await editor.call('POST', `/api/content/${item.id}/submit`);
  }
  const queue = await approver.call<{ items: { id: string; version: string; submitted: { text?: string } }[] }>('GET', '/api/approvals');
  const refused = queue.items.find((e) => e.submitted.text === REJECTED)!;
  await approver.call('POST', `/api/content/${refused.id}/reject`, { reason: REASON, version: refused.version });
});
test.afterAll(async () => {
  await server.dispose();
});

async function signIn(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.adminUrl);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(OWN);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.locator('bt-playlist-editor')).toBeVisible();
  return page;
}

/** Fails the test on the page's errors, as the fixture does for its own pages. */
function watch(page: Page, problems: { list: string[] }) {
  page.on('pageerror', (e) => problems.list.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.list.push(`console error: ${m.text()}`));
}

test('the header bell tells an approver what waits for approval and an editor that a submission was rejected, and opens the view that handles it', async ({ browser, problems }) => {
  const approver = await signIn(browser, 'pheduyet');
  watch(approver, problems);
  const bell = approver.locator('bt-notice-bell button[name=notices]');
  await expect(bell).toHaveAttribute('data-count', '1');
  await expect(bell).toHaveAccessibleName('Thông báo: 1 thông báo mới');
  await bell.click();
  const panel = approver.getByRole('region', { name: 'Thông báo' });
  await expect(panel.locator('li')).toHaveText([`Chờ duyệt: «${WAITING}», gửi bởi bientap.`]);
  await panel.getByRole('button', { name: new RegExp(`Chờ duyệt: «${WAITING}»`) }).click();
  await expect(approver.locator('bt-approval-queue')).toBeVisible();
  await expect(panel).toHaveCount(0);

  const editor = await signIn(browser, 'bientap');
  watch(editor, problems);
  const editorBell = editor.locator('bt-notice-bell button[name=notices]');
  await expect(editorBell).toHaveAttribute('data-count', '1');
  await editor.getByRole('button', { name: 'Duyệt nội dung' }).count().then((n) => expect(n).toBe(0));
  await editorBell.focus();
  await editor.keyboard.press('Enter');
  const editorPanel = editor.getByRole('region', { name: 'Thông báo' });
  await expect(editorPanel.locator('li')).toHaveText([`Bị từ chối: «${REJECTED}» (pheduyet) — lý do: ${REASON}.`]);
  await editor.keyboard.press('Tab');
  await editor.keyboard.press('Escape');
  await expect(editorPanel).toHaveCount(0);
  await expect(editorBell).toBeFocused();
});
