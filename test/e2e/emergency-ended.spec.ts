import { toLocalIso } from '../../playlists/index.ts';
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

test('an emergency that ended by time leaves the draft schedules and shows as ended among emergencies', async ({ page }) => {
  const endsAt = Date.now() + 4_000;
  const ended = await api.call<{ scheduleId: string }>('POST', '/api/emergencies', { text: 'Tin khẩn đã hết giờ', endsAt: toLocalIso(endsAt) });
  const open = await api.call<{ scheduleId: string }>('POST', '/api/emergencies', { text: 'Tin khẩn đến khi hủy' });
  await page.waitForTimeout(Math.max(0, endsAt - Date.now()) + 500);

  await signInAdmin(page, server);
  await page.locator('button[data-view=schedules]').click();
  const view = page.locator('bt-schedule-view');
  // The one still on air is listed (and can be edited or taken down); the ended one is not a draft any more.
  await expect(view.locator(`tr[data-schedule-id="${open.scheduleId}"]`)).toBeVisible();
  await expect(view.locator(`tr[data-schedule-id="${ended.scheduleId}"]`)).toHaveCount(0);
  // It stays in the emergencies' history, marked as ended.
  const panel = view.locator('bt-emergency-panel');
  await expect(panel.locator(`[data-emergency-id="${ended.scheduleId}"]`)).toContainText('Đã kết thúc');
  await expect(panel.locator(`[data-emergency-id="${open.scheduleId}"]`)).toContainText('Đang phát');
});
