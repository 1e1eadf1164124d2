import type { Page } from '@playwright/test';
import type { ContentEntry, PlaylistEntry } from '../../playlists/index.ts';
import { ApiClient } from './api.ts';
import { expect, openAddForm, openItem, publishFromBar, signInAdmin, test } from './fixtures.ts';
import { unreachable } from './reach.ts';
import { BangtinServer } from './server.ts';

// Issue 12, item 8: the content view is a list and one editor at a time, not a page of every
// item's open form.
let server: BangtinServer;
let api: ApiClient;
test.beforeAll(async () => {
  server = await BangtinServer.start();
  api = await ApiClient.signIn(server);
  // Thirteen items: the demo's and two more, as a city playlist grows.
  const more = [
    { kind: 'notice', theme: 2, durationMs: 10_000, title: 'Hỗ trợ học phí học nghề', body: 'Người lao động được hỗ trợ học phí khi học nghề ngắn hạn tại cơ sở GDNN.', source: 'Sở Nội vụ' },
    { kind: 'ticker', theme: 3, durationMs: 30_000, text: 'Tuyển sinh trung cấp, cao đẳng năm 2026: đăng ký tại UBND xã, phường.', speedPxPerSec: 90 },
  ];
  const ids = await order();
  for (const item of more) ids.push((await api.call<ContentEntry>('POST', '/api/content', item)).item.id);
  const { defaultPlaylistId, playlists } = await lists();
  await api.call('PUT', `/api/playlists/${defaultPlaylistId}`, { name: playlists.find((p) => p.playlist.id === defaultPlaylistId)!.playlist.name, itemIds: ids });
  await api.call('POST', '/api/publish');
});
test.afterAll(async () => {
  await server.dispose();
});

const lists = () => api.call<{ playlists: PlaylistEntry[]; defaultPlaylistId: string }>('GET', '/api/playlists');
const order = async () => {
  const { playlists, defaultPlaylistId } = await lists();
  return [...playlists.find((p) => p.playlist.id === defaultPlaylistId)!.playlist.itemIds];
};
const itemText = async (id: string) => {
  const { items } = await api.call<{ items: ContentEntry[] }>('GET', '/api/content');
  const item = items.find((e) => e.item.id === id)!.item;
  return 'text' in item ? item.text : null;
};
const pageHeight = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);
const rows = (page: Page) => page.locator('bt-item-order li[role=option]');
const selectedRow = (page: Page) => page.locator('bt-item-order li[aria-selected=true]');

test('at 1440×900 the content view of 13 items is one list and one editor beside it, under 2,000 px tall, every control in reach', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAdmin(page, server);
  const ids = await order();
  expect(ids).toHaveLength(13);
  await expect(rows(page)).toHaveCount(13);
  // The first item opens by itself; only ever one editor.
  await expect(page.locator('bt-item-editor')).toHaveCount(1);
  await expect(selectedRow(page)).toHaveAttribute('data-order-id', ids[0]!);

  const heights: number[] = [];
  for (const [i, id] of ids.entries()) {
    const editor = await openItem(page, i);
    await expect(page.locator('bt-item-editor')).toHaveCount(1);
    await expect(editor.locator('bt-item-preview')).toBeVisible();
    await page.waitForLoadState('networkidle');
    heights.push(await pageHeight(page));
    // Beside the list: the editor starts right of it, and their tops are level.
    const list = (await page.locator('bt-item-order').boundingBox())!;
    const box = (await editor.boundingBox())!;
    expect(box.x, `item ${id}`).toBeGreaterThanOrEqual(list.x + list.width);
    expect((await unreachable(page)).map((p) => `item ${i + 1}: ${p}`)).toEqual([]);
  }
  await openAddForm(page);
  heights.push(await pageHeight(page));
  expect((await unreachable(page)).map((p) => `add form: ${p}`)).toEqual([]);
  console.log(`content view at 1440×900, 13 items: page ${Math.min(...heights)}–${Math.max(...heights)} px tall with one editor open (${heights.join(', ')})`);
  expect(Math.max(...heights)).toBeLessThan(2_000);
  await page.screenshot({ path: 'test-results/content-list/1440x900.png' });
});

test('at 1280×800 the list stays in sight below the bar wherever the page is scrolled', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAdmin(page, server);
  const editor = await openItem(page, 2);
  const add = page.locator('bt-playlist-editor button[data-action=add-item]');
  // Nothing lies over the list's first control (the sticky bar, say): it is the one a click at its middle finds.
  const onTop = () => add.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = (el.getRootNode() as ShadowRoot).elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return hit === el && r.top >= 0 && r.bottom <= innerHeight;
  });
  for (const y of [400, 100_000]) {
    await page.evaluate((to) => window.scrollTo(0, to), y);
    await expect.poll(onTop, `scrolled to ${y}`).toBe(true);
  }
  // The editor is wide enough for its fields and preview side by side.
  const fields = (await editor.locator('.fields').boundingBox())!;
  const preview = (await editor.locator('aside').boundingBox())!;
  expect(preview.x).toBeGreaterThanOrEqual(fields.x + fields.width);
});

test('on a narrow window the editor opens below the list', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await signInAdmin(page, server);
  const editor = await openItem(page, 2);
  const list = (await page.locator('bt-item-order').boundingBox())!;
  const box = (await editor.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(list.y + list.height);
  expect(box.x + box.width).toBeLessThanOrEqual(1024);
  await page.screenshot({ path: 'test-results/content-list/1024x768.png', fullPage: true });
});

test('switching items right after typing keeps the edit; Enter opens a row; a reload and a publish keep the open item', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAdmin(page, server);
  // Two slogans, and the row between them.
  await rows(page).first().waitFor();
  await page.locator('bt-item-order select[name=item-kind]').selectOption('slogan');
  const slogans = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id')!));
  await page.locator('bt-item-order select[name=item-kind]').selectOption('');
  const [a, b] = slogans as [string, string];

  const editor = await openItem(page, a);
  expect(page.url()).toContain(`/${a}`);
  const typed = `Học nghề hôm nay, vững nghề ngày mai ${Date.now() % 10_000}`;
  await editor.locator('textarea[name=text]').fill(typed);
  // No pause, no blur first: the very next click opens another item.
  await page.locator(`bt-item-order li[data-order-id="${b}"]`).click();
  await expect(page.locator(`bt-item-editor[data-item-id="${b}"]`)).toBeVisible();
  await expect(page.locator('bt-item-editor')).toHaveCount(1);
  expect(await itemText(a)).toBe(typed);
  // The list's row says so too, and the item reopens with the text.
  await expect(page.locator(`bt-item-order li[data-order-id="${a}"]`)).toContainText(typed.slice(0, 30));
  await expect((await openItem(page, a)).locator('textarea[name=text]')).toHaveValue(typed);

  // From the keyboard: arrow down moves the focus, Enter opens the focused row.
  await selectedRow(page).focus();
  await page.keyboard.press('ArrowDown');
  const next = await page.locator('bt-item-order li:focus').getAttribute('data-order-id');
  expect(next).not.toBe(a);
  await page.keyboard.press('Enter');
  await expect(selectedRow(page)).toHaveAttribute('data-order-id', next!);
  await expect(page.locator(`bt-item-editor[data-item-id="${next}"]`)).toBeVisible();

  // The address keeps it: a reload opens the same item; so does a publish.
  expect(page.url()).toContain(`#content/`);
  expect(page.url()).toContain(`/${next}`);
  await page.reload();
  await expect(selectedRow(page)).toHaveAttribute('data-order-id', next!);
  await expect(page.locator(`bt-item-editor[data-item-id="${next}"]`)).toBeVisible();
  const second = await openItem(page, b);
  const retyped = `${typed} — bản hai`;
  await second.locator('textarea[name=text]').fill(retyped);
  await publishFromBar(page);
  await expect(page.locator('bt-playlist-editor p.ok')).toContainText('Đã xuất bản phiên bản');
  expect(await itemText(b)).toBe(retyped);
  await expect(selectedRow(page)).toHaveAttribute('data-order-id', b);
  await expect(page.locator(`bt-item-editor[data-item-id="${b}"] textarea[name=text]`)).toHaveValue(retyped);
});

test('a new item opens in the editor; removing the open item opens its neighbour', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAdmin(page, server);
  const form = await openAddForm(page);
  await expect(page.locator('bt-item-editor')).toHaveCount(0);
  const text = `Nghề giỏi nuôi thân, nghề hay giúp đời ${Date.now() % 10_000}`;
  await form.locator('textarea[name=text]').fill(text);
  await form.getByRole('button', { name: 'Thêm vào danh sách' }).click();
  await expect.poll(async () => (await order()).length).toBe(14);
  const ids = await order();
  const created = ids.at(-1)!;
  await expect(page.locator(`bt-item-editor[data-item-id="${created}"] textarea[name=text]`)).toHaveValue(text);
  await expect(selectedRow(page)).toHaveAttribute('data-order-id', created);

  // The last item goes: the one before it opens.
  await page.locator(`bt-item-editor[data-item-id="${created}"]`).getByRole('button', { name: 'Bỏ khỏi danh sách' }).click();
  await expect(selectedRow(page)).toHaveAttribute('data-order-id', ids.at(-2)!);
  await expect(page.locator(`bt-item-editor[data-item-id="${ids.at(-2)}"]`)).toBeVisible();
  // An item in the middle goes: the next one opens.
  const editor = await openItem(page, 3);
  await editor.getByRole('button', { name: 'Bỏ khỏi danh sách' }).click();
  await expect(selectedRow(page)).toHaveAttribute('data-order-id', ids[4]!);
  await expect(page.locator(`bt-item-editor[data-item-id="${ids[4]}"]`)).toBeVisible();
  await expect.poll(order).toEqual([...ids.slice(0, 3), ...ids.slice(4, 13)]);
});

test('leaving an item whose edits cannot be saved, or a new item begun, asks first', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAdmin(page, server);
  await page.locator('bt-item-order select[name=item-kind]').selectOption('slogan');
  const [a, b] = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id')!));
  await page.locator('bt-item-order select[name=item-kind]').selectOption('');
  const before = await itemText(a!);

  // An empty slogan cannot be saved: the operator is asked, and may go back to fix it.
  const editor = await openItem(page, a!);
  await editor.locator('textarea[name=text]').fill('');
  await page.locator(`bt-item-order li[data-order-id="${b}"]`).click();
  const ask = page.getByRole('dialog', { name: 'Nội dung đang sửa chưa lưu được' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Quay lại sửa' }).click();
  await expect(selectedRow(page)).toHaveAttribute('data-order-id', a!);
  await expect(editor.locator('textarea[name=text]')).toHaveValue('');
  // … or drop the change: the other item opens, and the saved text is as it was.
  await page.locator(`bt-item-order li[data-order-id="${b}"]`).click();
  await ask.getByRole('button', { name: 'Bỏ thay đổi' }).click();
  await expect(selectedRow(page)).toHaveAttribute('data-order-id', b!);
  expect(await itemText(a!)).toBe(before);
  await expect((await openItem(page, a!)).locator('textarea[name=text]')).toHaveValue(before!);

  // A new item begun in the add form is not dropped without a word either.
  const form = await openAddForm(page);
  await form.locator('textarea[name=text]').fill('Một khẩu hiệu mới chưa thêm');
  await page.locator(`bt-item-order li[data-order-id="${b}"]`).click();
  const askNew = page.getByRole('dialog', { name: 'Nội dung mới chưa được thêm' });
  await askNew.getByRole('button', { name: 'Quay lại' }).click();
  await expect(form.locator('textarea[name=text]')).toHaveValue('Một khẩu hiệu mới chưa thêm');
  await page.locator(`bt-item-order li[data-order-id="${b}"]`).click();
  await askNew.getByRole('button', { name: 'Bỏ nội dung mới' }).click();
  await expect(page.locator(`bt-item-editor[data-item-id="${b}"]`)).toBeVisible();
});
