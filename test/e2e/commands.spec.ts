import { expect, newPlayer, signInAdmin, test } from './fixtures.ts';
import { storedManifest } from './player-storage.ts';
import { BangtinServer } from './server.ts';

let server: BangtinServer;
test.beforeAll(async () => {
  server = await BangtinServer.start();
});
test.afterAll(async () => {
  await server.dispose();
});

test('an operator identifies, clears the cache of and reloads a screen from the dashboard', async ({ context, problems }) => {
  const player = await newPlayer(context, server.demoPlayerUrl, { width: 384, height: 192 });
  const bt = player.locator('bt-player');
  await expect(bt).toHaveAttribute('data-connection', 'online');
  const screenId = (await bt.getAttribute('data-screen-id'))!;
  let loads = 0;
  player.on('load', () => (loads += 1));

  const admin = await context.newPage();
  await admin.setViewportSize({ width: 1600, height: 900 });
  await signInAdmin(admin, server);
  await admin.getByRole('button', { name: 'Màn hình', exact: true }).click();
  const row = admin.locator(`bt-screen-list [data-screen-id="${screenId}"]`);
  await expect(row).toHaveAttribute('data-connected', 'true');
  const menu = row.getByRole('combobox', { name: /^Gửi lệnh cho/ });
  const lastState = row.locator('[data-command-state]');

  // Identify: the name over the content for 10 s, then gone.
  await menu.selectOption('identify');
  await expect(bt).toHaveAttribute('data-identifying', 'true');
  await expect(player.locator('bt-notice.identify')).toContainText('Màn hình demo');
  await expect(lastState).toHaveAttribute('data-command-state', 'done');
  await expect(bt).not.toHaveAttribute('data-identifying', 'true', { timeout: 15_000 });

  // Clear cache: the stored manifest goes and comes back, and content never leaves the screen.
  const stored = async () => (await storedManifest(player)) !== null;
  await menu.selectOption('clear_cache');
  await expect(lastState).toHaveText(/Xóa bộ nhớ đệm: ✓ xong/);
  await expect.poll(stored).toBe(true);
  await expect(bt).toHaveAttribute('data-state', 'playing');
  await expect(bt).toHaveAttribute('data-connection', 'online');
  expect(loads).toBe(0);

  // Reload: the page loads again and comes back by itself.
  await menu.selectOption('reload');
  await expect.poll(() => loads).toBe(1);
  await expect(bt).toHaveAttribute('data-connection', 'online');
  await expect(bt).toHaveAttribute('data-state', 'playing');
  await expect(lastState).toHaveText(/Tải lại: ✓ xong/);
  expect(problems.list).toEqual([]);
});
