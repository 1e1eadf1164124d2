import { ApiClient } from './api.ts';
import { expect, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

/**
 * The fleet dashboard pages on the server (issue 15, item 3): 250 screens registered through the
 * API, 50 a page with next/previous, a search and a ward filter answered by the server, and the
 * counts always those of the whole fleet. Every list request the page makes is one bounded page.
 */
const COUNT = 250;
let server: BangtinServer;

test.beforeAll(async () => {
  server = await BangtinServer.start();
  const api = await ApiClient.signIn(server);
  await api.call('POST', '/api/wards', { code: '00004', name: 'Phường Ba Đình', kind: 'phuong' });
  for (let i = 0; i < COUNT; i++) {
    await api.call('POST', '/api/screens', {
      name: `Bảng tin ${String(i).padStart(3, '0')}`, locationKind: 'park', ...(i % 5 === 0 ? { wardCode: '00004' } : {}),
    });
  }
});
test.afterAll(async () => {
  await server.dispose();
});

test('the screens view shows 250 screens 50 a page, searches and filters on the server, and keeps the counts of the whole fleet', async ({ page, problems }) => {
  // (The content view, where sign-in lands, reads every screen once for its preview sizes.)
  const lists: URL[] = [];
  let dashboardOpen = false;
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (dashboardOpen && url.pathname === '/api/screens' && r.method() === 'GET') lists.push(url);
  });
  await page.setViewportSize({ width: 1600, height: 1000 });
  await signInAdmin(page, server);
  dashboardOpen = true;
  await page.getByRole('button', { name: 'Màn hình', exact: true }).click();
  const list = page.locator('bt-screen-list');
  const rows = list.locator('.window > .row');
  const pager = list.getByRole('navigation', { name: 'Các trang danh sách màn hình' });

  // The demo screen and the 250: none connected yet.
  await expect(list.locator('[data-summary]')).toHaveText(`0/${COUNT + 1} màn hình đang hoạt động`);
  await expect(list.locator('[data-shown]')).toHaveAttribute('data-shown', String(COUNT + 1));
  await expect(rows).toHaveCount(50);
  await expect(pager.locator('[data-range]')).toHaveText('1–50 trong 251');
  await expect(pager.getByRole('button', { name: 'Trang trước' })).toBeDisabled();
  await expect(rows.first()).toContainText('Bảng tin 000');

  // Next, next, … to the last page (one screen), and back.
  await pager.getByRole('button', { name: 'Trang sau' }).click();
  await expect(pager.locator('[data-range]')).toHaveText('51–100 trong 251');
  await expect(rows.first()).toContainText('Bảng tin 050');
  for (let i = 0; i < 4; i++) await pager.getByRole('button', { name: 'Trang sau' }).click();
  await expect(pager.locator('[data-range]')).toHaveText('251–251 trong 251');
  await expect(rows).toHaveCount(1);
  await expect(pager.getByRole('button', { name: 'Trang sau' })).toBeDisabled();
  await pager.getByRole('button', { name: 'Trang trước' }).click();
  await expect(pager.locator('[data-range]')).toHaveText('201–250 trong 251');
  await expect(rows).toHaveCount(50);

  // A search goes to the server and starts again at the first page; the counts stay the fleet's.
  await list.locator('.filters input[name=search]').fill('BẢNG TIN 12');
  await expect(list.locator('[data-shown]')).toHaveAttribute('data-shown', '10');
  await expect(rows).toHaveCount(10);
  await expect(rows.first()).toContainText('Bảng tin 120');
  await expect(pager).toHaveCount(0);
  await expect(list.locator('[data-summary]')).toHaveText(`0/${COUNT + 1} màn hình đang hoạt động`);

  // The ward filter lists the wards in use; combined with the search.
  await list.locator('.filters select[name=ward]').selectOption('Phường Ba Đình');
  await expect(list.locator('[data-shown]')).toHaveAttribute('data-shown', '2');
  await expect(rows).toHaveText([/Bảng tin 120/, /Bảng tin 125/]);
  await list.locator('.filters input[name=search]').fill('');
  await expect(list.locator('[data-shown]')).toHaveAttribute('data-shown', '50');
  await expect(pager).toHaveCount(0);

  // Every list request of the dashboard (they carry its state filter) was one bounded page.
  const dashboardReads = lists.filter((u) => u.searchParams.has('status'));
  expect(dashboardReads.length).toBeGreaterThan(5);
  for (const url of dashboardReads) expect(Number(url.searchParams.get('limit'))).toBeLessThanOrEqual(50);
  expect(problems.list).toEqual([]);
});
