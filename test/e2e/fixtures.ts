import { test as base, expect, type Page, type BrowserContext, type Locator } from '@playwright/test';
import { ADMIN_PASSWORD, type BangtinServer } from './server.ts';

/**
 * Every page of the test fails it on a page error or a console error. During a deliberate
 * outage Chromium logs each failed WebSocket reconnect as a console error: a test opens that
 * window with `problems.allowNetworkErrors = true`, and closes it again.
 */
export const test = base.extend<{ problems: { list: string[]; allowNetworkErrors: boolean } }>({
  problems: async ({ context }, use) => {
    const problems = { list: [] as string[], allowNetworkErrors: false };
    const watch = (page: Page) => {
      page.on('pageerror', (e) => problems.list.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() !== 'error') return;
        const network = /WebSocket connection|Failed to load resource|ERR_CONNECTION_REFUSED/.test(m.text());
        if (network && problems.allowNetworkErrors) return;
        problems.list.push(`console error: ${m.text()}`);
      });
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    await use(problems);
    expect(problems.list, 'page errors and console errors').toEqual([]);
  },
});
export { expect };

export async function signInAdmin(page: Page, server: BangtinServer): Promise<void> {
  await page.goto(server.adminUrl);
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(contentView(page)).toBeVisible();
}

/** The content view once loaded: its list of items, or the add form of an empty playlist. */
export function contentView(page: Page): Locator {
  return page.locator('bt-item-order li, bt-item-add form').first();
}

/**
 * Opens an item's editor the way an operator does, by clicking its row in the content list:
 * `which` is the item's id, or its index among the rows shown (0-based, like `nth`). Resolves
 * to the open editor.
 */
export async function openItem(page: Page, which: string | number): Promise<Locator> {
  const row = typeof which === 'string'
    ? page.locator(`bt-item-order li[data-order-id="${which}"]`)
    : page.locator('bt-item-order li[role=option]').nth(which);
  const id = (await row.getAttribute('data-order-id'))!;
  await row.click();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  const editor = page.locator(`bt-item-editor[data-item-id="${id}"]`);
  await expect(editor).toBeVisible();
  return editor;
}

/** Opens the form that adds an item (the list's «+ Thêm nội dung») and resolves to it. */
export async function openAddForm(page: Page): Promise<Locator> {
  await page.locator('bt-playlist-editor button[data-action=add-item]').click();
  const form = page.locator('bt-item-add form');
  await expect(form).toBeVisible();
  return form;
}

/** The id of the item the player shows now, and its visible text. */
export async function onScreen(player: Page): Promise<{ itemId: string | null; text: string }> {
  const el = player.locator('[data-item-id]').first();
  const text = await el.evaluate((node) => (node.shadowRoot ?? node).textContent ?? '');
  return { itemId: await el.getAttribute('data-item-id'), text: text.replace(/\s+/g, ' ').trim() };
}

/**
 * Waits until a player can lose its server: content on screen and the service worker in
 * control. Renderers are chunks fetched when first needed; the worker precaches them all, so
 * after this an item not shown yet can still be drawn with the server gone.
 */
export async function readyOffline(player: Page): Promise<void> {
  await expect(player.locator('bt-player')).toHaveAttribute('data-state', 'playing');
  await player.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Whether the item on screen shows something: text, or a picture or clip (which may have no text). */
export async function somethingOnScreen(player: Page): Promise<boolean> {
  const { text } = await onScreen(player);
  const pictured = await player.locator('[data-item-id]').first().evaluate((node) => (node.shadowRoot ?? node).querySelector('img, video') !== null);
  return text.length > 0 || pictured;
}

export async function newPlayer(context: BrowserContext, url: string, size = { width: 1920, height: 1080 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(size);
  await page.goto(url);
  await expect(page.locator('bt-player[data-manifest-version]')).toBeAttached();
  return page;
}

/**
 * Publishes from the playlist editor's bar, saying yes when it asks first about screens where
 * the content will take turns (issue 12): tests that are not about that warning go through it.
 */
export async function publishFromBar(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Xuất bản', exact: true }).click();
  const anyway = page.getByRole('button', { name: 'Vẫn xuất bản' });
  const done = page.locator('bt-playlist-editor p.ok', { hasText: 'Đã xuất bản phiên bản' });
  await expect(anyway.or(done)).toBeVisible();
  if (await anyway.isVisible()) await anyway.click();
}
