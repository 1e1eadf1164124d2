import { ApiClient } from './api.ts';
import { expect, openItem, signInAdmin, test } from './fixtures.ts';
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

const order = async () => {
  const lists = await api.call<{ playlists: { playlist: { id: string; itemIds: string[] } }[]; defaultPlaylistId: string }>('GET', '/api/playlists');
  return lists.playlists.find((p) => p.playlist.id === lists.defaultPlaylistId)!.playlist.itemIds;
};

test('the content list searches and filters its rows, and reorders by drag and drop and from the keyboard', async ({ page }) => {
  await signInAdmin(page, server);
  const list = page.locator('bt-item-order');
  const rows = list.locator('li[role=option]');
  const total = await rows.count();
  expect(total).toBeGreaterThan(3);
  expect(total).toBe((await order()).length);

  // Filter by kind: only slogans' rows show; a search narrows further, accents ignored.
  await list.locator('select[name=item-kind]').selectOption('slogan');
  await expect.poll(() => rows.count()).toBeLessThan(total);
  const slogans = await rows.count();
  expect(slogans).toBeGreaterThan(0);
  await expect(list.locator('[data-shown]')).toHaveAttribute('data-shown', String(slogans));
  const firstSlogan = await (await openItem(page, 0)).locator('textarea[name=text]').inputValue();
  const word = firstSlogan.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a));
  await list.locator('input[name=item-search]').fill(word.normalize('NFD').replace(/\p{Diacritic}/gu, ''));
  await expect.poll(() => rows.count()).toBeLessThan(slogans + 1);
  await expect(rows.first()).toContainText(word);
  await list.locator('input[name=item-search]').fill('');
  await list.locator('select[name=item-kind]').selectOption('');
  await expect(rows).toHaveCount(total);

  // Drag the third row onto the first: the server keeps the new order, and the list shows it.
  const before = await order();
  await rows.nth(2).dragTo(rows.nth(0));
  await expect.poll(order).toEqual([before[2], before[0], before[1], ...before.slice(3)]);
  await expect(rows.first()).toHaveAttribute('data-order-id', before[2]!);

  // From the keyboard: Alt + arrow down moves the focused row one place down, and it keeps the focus.
  await rows.nth(0).focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(order).toEqual([before[0], before[2], before[1], ...before.slice(3)]);
  await expect(rows.nth(1)).toBeFocused();
  await expect(rows.nth(1)).toHaveAttribute('data-order-id', before[2]!);
});
