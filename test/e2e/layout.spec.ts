import type { Page } from '@playwright/test';
import type { z } from 'zod';
import { toLocalIso, type ScreenLayout, type ScreenList } from '../../playlists/index.ts';
import { ApiClient } from './api.ts';
import { expect, newPlayer, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

// The screen layout (DESIGN.md: canvas and zones): the player draws only inside the canvas,
// a ticker strip runs beside the main zone, and the theme changes live.

const CANVAS = { x: 100, y: 50, width: 384, height: 192 };
const TICKER_TEXT = 'Ngày Kỹ năng lao động Việt Nam 04/10 — đăng ký học nghề miễn phí tại phường';

let server: BangtinServer;
let api: ApiClient;
let screenId: string;
test.beforeAll(async () => {
  server = await BangtinServer.start();
  api = await ApiClient.signIn(server);
  screenId = (await api.call<z.infer<typeof ScreenList>>('GET', '/api/screens')).screens[0]!.id;
});
test.afterAll(async () => {
  await server.dispose();
});

const setLayout = (layout: ScreenLayout) => api.call('PUT', `/api/screens/${screenId}/layout`, layout);

/** A box in page CSS px. */
async function boxOf(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on the page`);
  return box;
}

/** The colour of page pixels, read from a real screenshot decoded by the browser itself. */
async function pixels(page: Page, points: { x: number; y: number }[]): Promise<number[][]> {
  const png = (await page.screenshot()).toString('base64');
  return page.evaluate(
    async ({ png, points }) => {
      // Decoded here rather than fetched: the player's CSP allows no data: URLs.
      const bytes = Uint8Array.from(atob(png), (ch) => ch.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = document.createElement('canvas');
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      return points.map(({ x, y }) => Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3)));
    },
    { png, points },
  );
}

/** Marks the page, so a test can tell a live change from a reload. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { layoutMark: number }).layoutMark = 1));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { layoutMark?: number }).layoutMark === 1);

test('draws only inside the canvas rectangle and keeps the rest of the output black', async ({ context }) => {
  await setLayout({ canvas: CANVAS, ticker: null, theme: 'outdoor' });
  const player = await newPlayer(context, server.demoPlayerUrl);
  await expect(player.locator('bt-player[data-state="playing"]')).toBeAttached();

  expect(await boxOf(player, 'bt-player >> .canvas')).toEqual(CANVAS);
  const item = await boxOf(player, '[data-item-id]');
  expect(item.x).toBeGreaterThanOrEqual(CANVAS.x);
  expect(item.y).toBeGreaterThanOrEqual(CANVAS.y);
  expect(item.x + item.width).toBeLessThanOrEqual(CANVAS.x + CANVAS.width);
  expect(item.y + item.height).toBeLessThanOrEqual(CANVAS.y + CANVAS.height);

  // Outside: black in every corner and right beside the canvas. Inside: the item is drawn.
  const outside = [{ x: 5, y: 5 }, { x: 99, y: 120 }, { x: 300, y: 243 }, { x: 485, y: 60 }, { x: 1910, y: 1070 }, { x: 960, y: 540 }];
  for (const rgb of await pixels(player, outside)) expect(rgb).toEqual([0, 0, 0]);
  const grid = Array.from({ length: 48 * 24 }, (_, i) => ({ x: CANVAS.x + (i % 48) * 8 + 4, y: CANVAS.y + Math.floor(i / 48) * 8 + 4 }));
  const lit = (await pixels(player, grid)).filter((rgb) => rgb.some((v) => v > 128));
  expect(lit.length, 'something drawn inside the canvas').toBeGreaterThan(0);
});

test('moves the canvas at once when an operator changes it, without reloading', async ({ context }) => {
  await setLayout({ canvas: CANVAS, ticker: null, theme: 'outdoor' });
  const player = await newPlayer(context, server.demoPlayerUrl);
  await expect.poll(() => boxOf(player, 'bt-player >> .canvas')).toEqual(CANVAS);
  await mark(player);
  const moved = { x: 0, y: 0, width: 192, height: 96 };
  await setLayout({ canvas: moved, ticker: null, theme: 'outdoor' });
  await expect.poll(() => boxOf(player, 'bt-player >> .canvas')).toEqual(moved);
  await setLayout({ canvas: null, ticker: null, theme: 'outdoor' });
  await expect.poll(() => boxOf(player, 'bt-player >> .canvas')).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
  expect(await marked(player)).toBe(true);
});

test('runs a scheduled ticker in the strip beside the main zone, and collapses the strip without one', async ({ context }) => {
  const strip = { position: 'bottom' as const, heightPx: 48 };
  await setLayout({ canvas: CANVAS, ticker: strip, theme: 'outdoor' });
  const player = await newPlayer(context, server.demoPlayerUrl);
  await expect(player.locator('bt-player[data-state="playing"]')).toBeAttached();
  // Nothing is scheduled for the strip yet: the main zone has the whole canvas.
  await expect(player.locator('bt-player [data-zone="ticker"]')).toHaveCount(0);
  expect(await boxOf(player, 'bt-player [data-zone="main"]')).toEqual(CANVAS);

  const { item } = await api.call<{ item: { id: string } }>('POST', '/api/content', {
    kind: 'ticker', theme: 2, durationMs: 20_000, text: TICKER_TEXT, speedPxPerSec: 120,
  });
  const { playlist } = await api.call<{ playlist: { id: string } }>('POST', '/api/playlists', { name: 'Chữ chạy', itemIds: [item.id] });
  const schedule = await api.call<{ schedule: { id: string } }>('POST', '/api/schedules', {
    name: 'Chữ chạy cả ngày', playlistId: playlist.id, zone: 'ticker', target: { all: true },
    time: { startDate: toLocalIso(Date.now() - 86_400_000).slice(0, 10) },
  });
  await api.call('POST', '/api/publish');

  const stripZone = player.locator('bt-player [data-zone="ticker"]');
  await expect(stripZone.locator(`bt-ticker[data-item-id="${item.id}"]`)).toBeAttached();
  await expect(player.locator('bt-player[data-strip="bottom"]')).toBeAttached();
  expect(await boxOf(player, 'bt-player [data-zone="ticker"]')).toEqual({ x: CANVAS.x, y: CANVAS.y + CANVAS.height - 48, width: CANVAS.width, height: 48 });
  expect(await boxOf(player, 'bt-player [data-zone="main"]')).toEqual({ ...CANVAS, height: CANVAS.height - 48 });
  // The main zone keeps playing its own item above the strip.
  await expect(player.locator('bt-player [data-zone="main"] [data-item-id]')).toBeAttached();
  const mainItem = await player.locator('bt-player [data-zone="main"] [data-item-id]').first().getAttribute('data-item-id');
  expect(mainItem).not.toBe(item.id);
  // The text scrolls.
  const ticker = stripZone.locator('bt-ticker');
  const x0 = Number(await ticker.getAttribute('data-x'));
  // It moves (x0 may be read just before the loop starts again, so "left of x0" could take a whole loop).
  await expect.poll(async () => Number(await ticker.getAttribute('data-x'))).not.toBe(x0);

  // The strip goes to the top live.
  await setLayout({ canvas: CANVAS, ticker: { position: 'top', heightPx: 32 }, theme: 'outdoor' });
  await expect.poll(() => boxOf(player, 'bt-player [data-zone="ticker"]')).toEqual({ x: CANVAS.x, y: CANVAS.y, width: CANVAS.width, height: 32 });
  expect(await boxOf(player, 'bt-player [data-zone="main"]')).toEqual({ ...CANVAS, y: CANVAS.y + 32, height: CANVAS.height - 32 });

  // Without the schedule the strip collapses and the main zone takes the whole canvas again.
  await api.call('DELETE', `/api/schedules/${schedule.schedule.id}`);
  await api.call('POST', '/api/publish');
  await expect(stripZone).toHaveCount(0);
  expect(await boxOf(player, 'bt-player [data-zone="main"]')).toEqual(CANVAS);
});

test('switches to the indoor theme live: dark text on a light ground inside the canvas, black outside', async ({ context }) => {
  await setLayout({ canvas: CANVAS, ticker: null, theme: 'outdoor' });
  const player = await newPlayer(context, server.demoPlayerUrl);
  await expect(player.locator('bt-player[data-state="playing"]')).toBeAttached();
  const ground = () => player.locator('bt-player >> .canvas').evaluate((el) => getComputedStyle(el).backgroundColor);
  const itemColours = () =>
    player.locator('[data-item-id]').first().evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, fg: getComputedStyle(el).color }));
  expect(await ground()).toBe('rgb(0, 0, 0)');
  expect(await itemColours()).toEqual({ bg: 'rgb(0, 0, 0)', fg: 'rgb(255, 255, 255)' });
  await mark(player);

  await setLayout({ canvas: CANVAS, ticker: null, theme: 'indoor' });
  await expect(player.locator('bt-player[data-theme="indoor"]')).toBeAttached();
  await expect.poll(ground).toBe('rgb(246, 243, 236)');
  expect(await itemColours()).toEqual({ bg: 'rgb(246, 243, 236)', fg: 'rgb(21, 24, 28)' });
  // A picture or a story's photo may fill the canvas's corner for its slot: the ground shows
  // through again with the next text item.
  await expect.poll(async () => (await pixels(player, [{ x: CANVAS.x + 2, y: CANVAS.y + 2 }]))[0], { timeout: 30_000 }).toEqual([246, 243, 236]);
  const [outside] = await pixels(player, [{ x: 20, y: 20 }]);
  expect(outside).toEqual([0, 0, 0]);
  expect(await marked(player)).toBe(true);
});

test('scrolls a slogan scheduled into the strip as a ticker', async ({ context }) => {
  await setLayout({ canvas: CANVAS, ticker: { position: 'bottom', heightPx: 40 }, theme: 'outdoor' });
  const text = 'Học nghề hôm nay — việc làm ngày mai';
  const { item } = await api.call<{ item: { id: string } }>('POST', '/api/content', { kind: 'slogan', theme: 3, durationMs: 20_000, text });
  const { playlist } = await api.call<{ playlist: { id: string } }>('POST', '/api/playlists', { name: 'Khẩu hiệu chạy', itemIds: [item.id] });
  const schedule = await api.call<{ schedule: { id: string } }>('POST', '/api/schedules', {
    name: 'Khẩu hiệu trên dải chữ chạy', playlistId: playlist.id, zone: 'ticker', target: { all: true },
    time: { startDate: toLocalIso(Date.now() - 86_400_000).slice(0, 10) },
  });
  await api.call('POST', '/api/publish');

  const player = await newPlayer(context, server.demoPlayerUrl);
  const ticker = player.locator('bt-player [data-zone="ticker"] bt-ticker');
  await expect(ticker).toBeAttached();
  await expect(player.locator('bt-player [data-zone="ticker"] bt-slogan')).toHaveCount(0);
  expect(await ticker.evaluate((el) => el.shadowRoot?.querySelector('.copy')?.textContent)).toBe(text);
  const x0 = Number(await ticker.getAttribute('data-x'));
  // It moves (x0 may be read just before the loop starts again, so "left of x0" could take a whole loop).
  await expect.poll(async () => Number(await ticker.getAttribute('data-x'))).not.toBe(x0);

  await api.call('DELETE', `/api/schedules/${schedule.schedule.id}`);
  await api.call('POST', '/api/publish');
  await expect(ticker).toHaveCount(0);
});

test('an operator sets an LED board layout in the admin form and the open player follows', async ({ context }) => {
  await setLayout({ canvas: null, ticker: null, theme: 'outdoor' });
  const player = await newPlayer(context, server.demoPlayerUrl);
  await mark(player);
  const admin = await context.newPage();
  await admin.setViewportSize({ width: 1400, height: 900 });
  await signInAdmin(admin, server);
  await admin.locator('button[data-view="screens"]').click();
  await admin.locator(`[data-screen-id="${screenId}"] [data-action="layout"]`).click();
  const dialog = admin.locator('bt-screen-layout dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Kích thước có sẵn').selectOption('led192');
  await dialog.getByLabel('Cách lề trái (X)').fill('10');
  await dialog.getByLabel('Cách lề trên (Y)').fill('20');
  await dialog.getByLabel('Trong nhà: chữ tối trên nền sáng').check();
  // A strip taller than half the board is refused before it reaches the server.
  await dialog.getByLabel('Ở dưới').check();
  await dialog.getByLabel('Chiều cao dải chữ chạy').fill('60');
  await expect(dialog.getByRole('button', { name: 'Lưu bố cục' })).toBeDisabled();
  await dialog.getByLabel('Chiều cao dải chữ chạy').fill('24');
  await expect(admin.locator('bt-screen-layout svg')).toHaveAttribute('data-canvas', '10,20,192,96');
  await dialog.getByRole('button', { name: 'Lưu bố cục' }).click();
  await expect(dialog).toBeHidden();

  await expect.poll(() => boxOf(player, 'bt-player >> .canvas')).toEqual({ x: 10, y: 20, width: 192, height: 96 });
  await expect(player.locator('bt-player[data-theme="indoor"]')).toBeAttached();
  expect(await marked(player)).toBe(true);
  const listed = (await api.call<z.infer<typeof ScreenList>>('GET', '/api/screens')).screens.find((s) => s.id === screenId);
  expect(listed).toMatchObject({ canvas: { x: 10, y: 20, width: 192, height: 96 }, ticker: { position: 'bottom', heightPx: 24 }, theme: 'indoor' });
});
