import { ApiClient } from './api.ts';
import { expect, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

let server: BangtinServer;
let api: ApiClient;
test.beforeAll(async () => {
  server = await BangtinServer.start();
  api = await ApiClient.signIn(server);
});
test.afterAll(async () => {
  await server.dispose();
});

test('a city operator keeps several playlists: creates, renames, duplicates and deletes them, and a playlist in use is not deleted', async ({ page, problems }) => {
  await signInAdmin(page, server);
  const editor = page.locator('bt-playlist-editor');
  const chooser = editor.locator('select[name="playlist"]');
  const options = chooser.locator('option');
  const message = editor.locator('[data-playlist-message]');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('(mặc định)');

  await editor.getByRole('button', { name: 'Danh sách mới' }).click();
  await expect(message).toHaveText('Đã tạo danh sách «Danh sách mới 2».');
  await expect(chooser.locator('option:checked')).toHaveText('Danh sách mới 2');
  await expect(editor.locator('bt-item-editor')).toHaveCount(0);

  await editor.getByLabel('Tên danh sách').fill('Chiến dịch hè');
  await editor.getByRole('button', { name: 'Đổi tên' }).click();
  await expect(message).toHaveText('Đã đổi tên thành «Chiến dịch hè».');
  await expect(chooser.locator('option:checked')).toHaveText('Chiến dịch hè');
  await expect(editor.locator('h2')).toContainText('Chiến dịch hè');

  await editor.getByRole('button', { name: 'Nhân bản' }).click();
  await expect(chooser.locator('option:checked')).toHaveText('Chiến dịch hè (bản sao)');
  await expect(options).toHaveCount(3);

  // Deleting asks first; saying no keeps it.
  await editor.getByRole('button', { name: 'Xoá danh sách' }).click();
  const dialog = page.getByRole('dialog', { name: 'Xoá danh sách «Chiến dịch hè (bản sao)»?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Giữ lại' }).click();
  await expect(options).toHaveCount(3);
  await editor.getByRole('button', { name: 'Xoá danh sách' }).click();
  await dialog.getByRole('button', { name: 'Xoá', exact: true }).click();
  await expect(message).toContainText('Đã xoá danh sách «Chiến dịch hè (bản sao)»');
  await expect(options).toHaveCount(2);

  // A schedule plays «Chiến dịch hè»: deleting it is refused, naming the schedule.
  const lists = await api.call<{ playlists: { playlist: { id: string; name: string } }[] }>('GET', '/api/playlists');
  const summer = lists.playlists.find((p) => p.playlist.name === 'Chiến dịch hè')!;
  await api.call('POST', '/api/schedules', { name: 'Lịch hè', playlistId: summer.playlist.id, target: { all: true }, time: { startDate: '2026-06-01' } });
  problems.allowNetworkErrors = true; // the browser logs the 409 answer
  await chooser.selectOption({ label: 'Chiến dịch hè' });
  await expect(editor.locator('h2')).toContainText('Chiến dịch hè');
  await editor.getByRole('button', { name: 'Xoá danh sách' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Xoá', exact: true }).click();
  await expect(message).toContainText('Chưa xoá được');
  await expect(message.locator('li')).toHaveText(['Lịch «Lịch hè»']);
  await expect(options).toHaveCount(2);
});
