import type { ScreenStatus } from '../../playlists/index.ts';
import { ApiClient } from './api.ts';
import { expect, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

/**
 * Retiring a screen (issue 12, item 5): an admin retires a paired, playing screen from its
 * «Quản lý» dialog after a question that names it; the player leaves the air at once for the
 * pairing view saying it was retired, and opens no new socket; the dashboard's count falls;
 * the audit log says who did it, in Vietnamese.
 */
let server: BangtinServer;
let api: ApiClient;
test.beforeAll(async () => {
  server = await BangtinServer.start();
  api = await ApiClient.signIn(server);
});
test.afterAll(async () => {
  await server.dispose();
});

test('an admin retires a paired screen: the player leaves the air for pairing and the dashboard count falls', async ({ context, problems }) => {
  void problems; // fails the test on any page or console error
  // A box is paired the usual way: its code claimed.
  const player = await context.newPage();
  await player.setViewportSize({ width: 960, height: 540 });
  const sockets: string[] = [];
  player.on('websocket', (ws) => sockets.push(ws.url()));
  await player.goto(`${server.origin}/player/`);
  const bt = player.locator('bt-player');
  const code = (await player.locator('bt-pairing[data-code]').getAttribute('data-code'))!;
  await api.call('POST', '/api/pairing/claim', { code, name: 'Bảng tin cổng chợ Hôm', locationKind: 'street' });
  await expect(bt).toHaveAttribute('data-state', 'playing', { timeout: 10_000 });
  await expect(bt).toHaveAttribute('data-connection', 'online');
  const screenId = (await bt.getAttribute('data-screen-id'))!;

  const admin = await context.newPage();
  await admin.setViewportSize({ width: 1280, height: 800 });
  await signInAdmin(admin, server);
  await admin.locator('button[data-view="screens"]').click();
  const all = (await api.call<{ screens: ScreenStatus[] }>('GET', '/api/screens')).screens.length;
  const row = admin.locator(`bt-screen-list [data-screen-id="${screenId}"]`);
  await expect(row).toHaveAttribute('data-connected', 'true', { timeout: 10_000 });
  const summary = admin.locator('bt-screen-list [data-summary]');
  await expect(summary).toContainText(`/${all} màn hình`);
  const onlineBefore = Number((await summary.innerText()).split('/')[0]);
  await expect(admin.locator('bt-screen-list [data-shown]')).toHaveAttribute('data-shown', String(all));

  await row.locator('[data-action="manage"]').click();
  const dialog = admin.locator('bt-screen-manage dialog').first();
  await expect(dialog).toBeVisible();
  await dialog.locator('[data-action="retire-screen"]').click();
  // The question names the screen and says it leaves the air for pairing.
  const question = admin.locator('bt-screen-manage bt-confirm-dialog dialog');
  await expect(question).toBeVisible();
  await expect(question.locator('h3')).toHaveText('Ngừng sử dụng màn hình «Bảng tin cổng chợ Hôm»?');
  await expect(question).toContainText('chuyển sang trang ghép nối');
  // No: nothing happens.
  await question.getByRole('button', { name: 'Không, giữ lại' }).click();
  await expect(question).toBeHidden();
  await expect(bt).toHaveAttribute('data-state', 'playing');
  await dialog.locator('[data-action="retire-screen"]').click();
  const retiredAt = Date.now();
  await question.getByRole('button', { name: 'Ngừng sử dụng', exact: true }).click();

  // Off the air at once: the pairing view with a new code, saying why.
  await expect(bt).toHaveAttribute('data-state', 'pairing', { timeout: 5_000 });
  console.log(`retire: confirm → player off the air in ${Date.now() - retiredAt} ms`);
  await expect(dialog).toBeHidden();
  await expect(bt).toHaveAttribute('data-retired', 'true');
  await expect(player.locator('bt-pairing')).toContainText('Màn hình này đã ngừng sử dụng');
  await expect(player.locator('bt-pairing[data-code]')).toBeVisible();
  expect(await player.evaluate(() => localStorage.getItem('bangtin.token'))).toBeNull();

  // Gone from the dashboard, and its counts fell.
  await expect(row).toHaveCount(0);
  await expect(admin.locator('bt-screen-list [data-shown]')).toHaveAttribute('data-shown', String(all - 1));
  await expect(summary).toHaveText(`${onlineBefore - 1}/${all - 1} màn hình đang hoạt động`);
  expect((await api.call<{ screens: ScreenStatus[] }>('GET', '/api/screens')).screens.map((s) => s.id)).not.toContain(screenId);

  // It does not knock again: no socket opened after the one that was closed.
  const opened = sockets.length;
  await player.waitForTimeout(3_000);
  expect(sockets.length).toBe(opened);

  // The audit log says who retired it, in words.
  await admin.locator('button[data-view="audit"]').click();
  const entry = admin.locator('bt-audit-log tr[data-entry-id]').filter({ hasText: 'Ngừng sử dụng' }).first();
  await expect(entry.locator('td').nth(1)).toHaveText('admin');
  await expect(entry.locator('td').nth(3)).toHaveText('Màn hình «Bảng tin cổng chợ Hôm»');
});
