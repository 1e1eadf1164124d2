import type { Page } from '@playwright/test';
import { formatLocalTime, type ScreenHours, type ScreenStatus } from '../../playlists/index.ts';
import { ApiClient } from './api.ts';
import { expect, signInAdmin, somethingOnScreen, test } from './fixtures.ts';
import { queuedPlays } from './player-storage.ts';
import { BangtinServer } from './server.ts';

let server: BangtinServer;
let api: ApiClient;
let screenId: string;
test.beforeAll(async () => {
  server = await BangtinServer.start();
  api = await ApiClient.signIn(server);
  const { screens } = await api.call<{ screens: ScreenStatus[] }>('GET', '/api/screens');
  screenId = screens.find((s) => s.name.startsWith('Màn hình demo'))!.id;
});
test.afterAll(async () => {
  await server.dispose();
});

const MIN = 60_000;
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
/** A daily window from `from` to `to` minutes away from now (Hanoi time, whole minutes). */
const window = (now: number, from: number, to: number) => ({ days: ALL_DAYS, from: formatLocalTime(now + from * MIN), to: formatLocalTime(now + to * MIN) });

/** The brightest channel of any pixel of the page, from a real screenshot decoded by the browser. */
async function brightest(page: Page): Promise<number> {
  const png = (await page.screenshot()).toString('base64');
  return page.evaluate(async (png) => {
    // Decoded here rather than fetched: the player's CSP allows no data: URLs.
    const bytes = Uint8Array.from(atob(png), (ch) => ch.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let max = 0;
    for (let i = 0; i < data.length; i += 4) max = Math.max(max, data[i]!, data[i + 1]!, data[i + 2]!);
    return max;
  }, png);
}

test('a screen goes black at closing and back to content at opening on its own clock, and shows an emergency at any hour', async ({ context, problems }) => {
  const now = Date.now();
  // Open now for five minutes, closed for five, open again for twenty; every day.
  const hours: ScreenHours = { hours: { windows: [window(now, -2, 5), window(now, 10, 30)], outside: 'black' }, dailyReloadAt: null };
  await api.call('PUT', `/api/screens/${screenId}/hours`, hours);

  const player = await context.newPage();
  await player.setViewportSize({ width: 384, height: 192 });
  await player.clock.install({ time: now });
  await player.goto(server.demoPlayerUrl);
  await player.bringToFront();
  const bt = player.locator('bt-player');
  await expect(bt).toHaveAttribute('data-connection', 'online');
  await expect(bt).toHaveAttribute('data-state', 'playing');
  await expect(bt).toHaveAttribute('data-hours', 'open');
  expect(await brightest(player)).toBeGreaterThan(100);

  // With the server gone, the player alone keeps time: the page clock moves past closing …
  problems.allowNetworkErrors = true;
  await server.stop();
  await expect(bt).not.toHaveAttribute('data-connection', 'online');
  await player.clock.fastForward(6 * MIN);
  await expect(bt).toHaveAttribute('data-hours', 'black');
  await expect(bt).toHaveAttribute('data-state', 'idle');
  await expect.poll(() => brightest(player)).toBe(0);
  expect(await player.locator('bt-player [data-item-id], bt-player bt-idle').count()).toBe(0);
  // Rotation goes on unseen, but nothing counts as played while the screen is black.
  const queued = (await queuedPlays(player)).length;
  await player.clock.fastForward(2 * MIN);
  await expect(bt).toHaveAttribute('data-hours', 'black');
  expect((await queuedPlays(player)).length).toBe(queued);

  // … and past the next opening, where content comes back.
  await player.clock.fastForward(4 * MIN);
  await expect(bt).toHaveAttribute('data-hours', 'open');
  await expect(bt).toHaveAttribute('data-state', 'playing');
  await expect.poll(() => somethingOnScreen(player)).toBe(true);

  // Back online on real time (open again), then closed by the operator: black at once.
  await server.launch();
  await expect(bt).toHaveAttribute('data-connection', 'online', { timeout: 20_000 });
  problems.allowNetworkErrors = false;
  const later = Date.now();
  await api.call('PUT', `/api/screens/${screenId}/hours`, { hours: { windows: [window(later, 10, 30)], outside: 'black' }, dailyReloadAt: null });
  await expect(bt).toHaveAttribute('data-hours', 'black');
  await expect.poll(() => brightest(player)).toBe(0);
  const status = (await api.call<{ screens: ScreenStatus[] }>('GET', '/api/screens')).screens.find((s) => s.id === screenId)!;
  expect(status.open).toBe(false);

  // An emergency shows at any hour, at once; after it ends the screen is black again.
  const text = `Khẩn cấp ${Date.now() % 10_000}: mưa lớn, hạn chế ra đường`;
  const { scheduleId } = await api.call<{ scheduleId: string }>('POST', '/api/emergencies', { text });
  await expect(player.getByText(text)).toBeVisible({ timeout: 5_000 });
  await expect(bt).toHaveAttribute('data-hours', 'open');
  expect(await brightest(player)).toBeGreaterThan(100);
  await api.call('DELETE', `/api/emergencies/${scheduleId}`);
  await expect(player.getByText(text)).toHaveCount(0, { timeout: 5_000 });
  await expect(bt).toHaveAttribute('data-hours', 'black');

  await api.call('PUT', `/api/screens/${screenId}/hours`, { hours: null, dailyReloadAt: '03:30' });
  await expect(bt).toHaveAttribute('data-hours', 'open');
});

test('an operator sets a screen\'s hours in the admin form, with checks in Vietnamese', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await signInAdmin(page, server);
  await page.getByRole('button', { name: 'Màn hình', exact: true }).click();
  const row = page.locator(`bt-screen-list [data-screen-id="${screenId}"]`);
  await row.getByRole('button', { name: /^Giờ hoạt động của/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Giờ hoạt động/ });
  await expect(dialog.getByRole('radio', { name: 'Luôn bật' })).toBeChecked();

  // Custom hours with every day unticked cannot be saved, and say why.
  await dialog.getByRole('radio', { name: 'Tùy chỉnh theo ngày' }).check();
  for (const day of ['Thứ 2', 'Thứ 3', 'Thứ 4', 'Thứ 5', 'Thứ 6', 'Thứ 7', 'Chủ nhật']) await dialog.getByRole('checkbox', { name: day, exact: true }).uncheck();
  await expect(dialog.getByRole('alert')).toHaveText('Chọn ít nhất một ngày hoạt động.');
  await expect(dialog.getByRole('button', { name: 'Lưu' })).toBeDisabled();

  // Saturday evening past midnight, black outside, reload at 04:15.
  await dialog.getByRole('checkbox', { name: 'Thứ 7', exact: true }).check();
  await dialog.getByLabel('Thứ 7: Từ').fill('18:00');
  await dialog.getByLabel('Thứ 7: Đến').fill('01:00');
  await expect(dialog.getByText('qua nửa đêm')).toBeVisible();
  await dialog.getByRole('radio', { name: 'Tắt màn hình (đen)' }).check();
  await dialog.locator('input[name=reloadAt]').fill('04:15');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();
  const { screens } = await api.call<{ screens: ScreenStatus[] }>('GET', '/api/screens');
  expect(screens.find((s) => s.id === screenId)).toMatchObject({
    hours: { windows: [{ days: [6], from: '18:00', to: '01:00' }], outside: 'black' },
    dailyReloadAt: '04:15',
  });
  await api.call('PUT', `/api/screens/${screenId}/hours`, { hours: null, dailyReloadAt: '03:30' });
});
