import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import type { PlaylistEntry } from '../../playlists/index.ts';
import { ApiClient } from './api.ts';
import { contentView, expect, newPlayer, openAddForm, openItem, test, publishFromBar } from './fixtures.ts';
import { firstPageSignature, type Signature } from './render-signature.ts';
import { ADMIN_PASSWORD, BangtinServer } from './server.ts';

/**
 * "Done when" of issue 3: an operator creates an item of each kind in the admin page, previews
 * it at 192×96 and at 1080×1920, publishes, and players of those sizes show exactly what the
 * preview showed: the same renderer, the same fitted text sizes, the same boxes.
 */

const SHOTS = 'test-results/preview';
/** The add form's default duration (admin/item-form.ts): an item's pages turn within it. */
const DEFAULT_DURATION_MS = 8_000;
const SIZES = [
  { width: 192, height: 96 },
  { width: 1080, height: 1920 },
] as const;

let server: BangtinServer;
let client: ApiClient;
/** Player pages, one screen per size. */
const playerUrls = new Map<string, string>();

test.beforeAll(async () => {
  server = await BangtinServer.start();
  client = await ApiClient.signIn(server);
  for (const { width, height } of SIZES) {
    const created = await client.call<{ playerUrl: string }>('POST', '/api/screens', { name: `Màn hình ${width}×${height}`, locationKind: 'bulletin_board' });
    playerUrls.set(`${width}x${height}`, created.playerUrl);
  }
  mkdirSync(SHOTS, { recursive: true });
});
test.afterAll(async () => {
  await server.dispose();
});

/** Empties the default playlist (a draft), so the item a test adds is the only one that plays. */
async function emptyPlaylist(): Promise<void> {
  const { playlists, defaultPlaylistId } = await client.call<{ playlists: PlaylistEntry[]; defaultPlaylistId: string }>('GET', '/api/playlists');
  const { id, name } = playlists.find((p) => p.playlist.id === defaultPlaylistId)!.playlist;
  await client.call('PUT', `/api/playlists/${id}`, { name, itemIds: [] });
}

async function openAdmin(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(server.adminUrl);
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(contentView(page)).toBeVisible();
}

/** A date 40 days ahead, `YYYY-MM-DD` in Asia/Ho_Chi_Minh. */
function daysAhead(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

interface Case {
  kind: string;
  label: string;
  fill(form: Locator): Promise<void>;
  /** Text the player shows, to know the right item is up. */
  expectText?: string;
  /** The item's duration (the add form's default): its pages turn within it. */
  slotMs: number;
}

const cases: Case[] = [
  {
    kind: 'slogan',
    label: 'Khẩu hiệu',
    fill: async (form) => {
      await form.locator('textarea[name=text]').fill('Học nghề hôm nay — vững nghiệp ngày mai, Thủ đô cần những bàn tay giỏi nghề');
      await form.locator('input[name=secondary]').fill('Tuyển sinh giáo dục nghề nghiệp 2026');
    },
    expectText: 'Học nghề hôm nay',
    slotMs: DEFAULT_DURATION_MS,
  },
  {
    kind: 'countdown',
    label: 'Đếm ngược',
    fill: async (form) => {
      await form.locator('input[name=title]').fill('Ngày hội tư vấn tuyển sinh học nghề');
      // Typed day/month/year, as the admin's date fields read (issue 12, item 9).
      await form.locator('input[name=eventDate]').fill(daysAhead(40).split('-').reverse().join('/'));
      await form.locator('input[name=place]').fill('Cung Văn hóa Lao động');
    },
    expectText: 'Ngày hội tư vấn',
    slotMs: DEFAULT_DURATION_MS,
  },
  {
    kind: 'notice',
    label: 'Thông báo chính sách',
    fill: async (form) => {
      await form.locator('input[name=title]').fill('Hỗ trợ chi phí học nghề');
      await form.locator('textarea[name=body]').fill('Lao động nông thôn, người khuyết tật và người thuộc hộ nghèo được hỗ trợ chi phí đào tạo trình độ sơ cấp.');
      await form.locator('input[name=qrUrl]').fill('https://hanoi.gov.vn/giao-duc-nghe-nghiep');
    },
    expectText: 'Hỗ trợ chi phí học nghề',
    slotMs: DEFAULT_DURATION_MS,
  },
  {
    kind: 'clock',
    label: 'Đồng hồ',
    fill: async (form) => {
      await form.locator('input[name=caption]').fill('Giờ Hà Nội');
    },
    slotMs: DEFAULT_DURATION_MS,
  },
  {
    kind: 'ticker',
    label: 'Chữ chạy',
    fill: async (form) => {
      await form.locator('textarea[name=text]').fill('Đăng ký học nghề miễn phí tại UBND phường — hạn chót 30/6');
      await form.locator('input[name=speedPxPerSec]').fill('40');
    },
    slotMs: DEFAULT_DURATION_MS,
  },
];

/** Compares what the preview drew with what the player draws: same parts, sizes and boxes. */
function expectSame(preview: Signature, player: Signature, what: string): void {
  expect(preview.tag, `${what}: renderer`).toBe(player.tag);
  expect(preview.width, `${what}: renderer width`).toBeCloseTo(player.width, 0);
  expect(preview.height, `${what}: renderer height`).toBeCloseTo(player.height, 0);
  expect(preview.fallback, `${what}: ticker fallback`).toBe(player.fallback);
  const shape = (s: Signature) => s.parts.map((p) => `${p.tag}.${p.cls}@${p.fit}`);
  expect(shape(preview), `${what}: parts and fitted sizes`).toEqual(shape(player));
  preview.parts.forEach((p, i) => {
    const q = player.parts[i]!;
    expect(Math.abs(p.width - q.width), `${what}: width of ${p.tag}.${p.cls}`).toBeLessThanOrEqual(1.5);
    expect(Math.abs(p.height - q.height), `${what}: height of ${p.tag}.${p.cls}`).toBeLessThanOrEqual(1.5);
    if (!p.moving) {
      expect(Math.abs(p.x - q.x), `${what}: x of ${p.tag}.${p.cls}`).toBeLessThanOrEqual(1.5);
      expect(Math.abs(p.y - q.y), `${what}: y of ${p.tag}.${p.cls}`).toBeLessThanOrEqual(1.5);
    }
  });
}

for (const c of cases) {
  test(`a ${c.kind} previewed at 192×96 and 1080×1920 plays exactly as previewed`, async ({ context, problems }) => {
    void problems; // fails the test on any page or console error
    await emptyPlaylist();
    const admin = await context.newPage();
    await openAdmin(admin);
    const form = await openAddForm(admin);
    await form.locator('select[name=kind]').selectOption(c.kind);
    await c.fill(form);
    // The add form previews the draft as it is typed.
    await expect(form.locator('bt-item-preview .screen > *')).toHaveCount(1);
    await admin.getByRole('button', { name: 'Thêm vào danh sách' }).click();
    const row = admin.locator('bt-item-editor');
    await expect(row).toHaveCount(1);
    await expect(row.locator('strong')).toHaveText(c.label);
    const id = (await row.getAttribute('data-item-id'))!;

    // The operator looks at both sizes before publishing; the box is the profile's exact size.
    for (const { width, height } of SIZES) {
      const screen = await choose(admin, row, width, height);
      expect(await screen.evaluate((el: HTMLElement) => [el.offsetWidth, el.offsetHeight])).toEqual([width, height]);
      await row.locator('bt-item-preview').screenshot({ path: `${SHOTS}/${c.kind}-preview-${width}x${height}.png` });
    }

    await publishFromBar(admin);
    await expect(admin.locator('bt-playlist-editor p.ok')).toContainText('Đã xuất bản phiên bản');

    for (const { width, height } of SIZES) {
      const key = `${width}x${height}`;
      const player = await newPlayer(context, playerUrls.get(key)!, { width, height });
      const shown = player.locator(`[data-item-id="${id}"]`);
      await expect(shown).toBeVisible({ timeout: 20_000 });
      await player.evaluate(() => document.fonts.ready.then(() => undefined));
      // The operator looks at the admin page again: a page in the background does not lay
      // out or deliver resize observations, so its preview would not follow the size change.
      await admin.bringToFront();
      const screen = await choose(admin, row, width, height);
      const scale = Number(await screen.getAttribute('data-scale'));
      // Preview and player are read back to back; a clock that turns a minute in between is read again.
      let preview: Signature | null = null;
      let onPlayer: Signature | null = null;
      // Parts that take turns (fit-plan.ts) are compared on their first page, on both sides.
      for (let attempt = 0; attempt < 3; attempt += 1) {
        preview = await firstPageSignature(screen.locator(':scope > *'), c.slotMs, scale);
        onPlayer = await firstPageSignature(shown, c.slotMs);
        if (texts(preview) === texts(onPlayer)) break;
      }
      if (c.expectText && !preview!.fallback) await expect(shown).toContainText(c.expectText);
      await player.screenshot({ path: `${SHOTS}/${c.kind}-player-${key}.png` });
      expectSame(preview!, onPlayer!, `${c.kind} at ${key}`);
      await player.close();
    }
  });
}

const texts = (s: Signature) => s.parts.map((p) => p.text).join('|');


/** Chooses the preview size in the playlist editor's bar; the row's preview box of that size. */
async function choose(admin: Page, row: Locator, width: number, height: number): Promise<Locator> {
  await admin.locator('bt-playlist-editor select[name=profile]').selectOption(`${width}x${height}`);
  const screen = row.locator(`bt-item-preview .screen[data-width="${width}"][data-height="${height}"]`);
  await expect(screen).toBeVisible();
  await admin.evaluate(() => document.fonts.ready.then(() => undefined));
  return screen;
}

test('the editor warns as you type when text cannot be legible on a small board, without blocking the save', async ({ context, problems }) => {
  void problems; // fails the test on any page or console error
  await emptyPlaylist();
  // The 192×96 screen reports its size when it connects.
  await newPlayer(context, playerUrls.get('192x96')!, { width: 192, height: 96 });
  const admin = await context.newPage();
  await openAdmin(admin);
  const form = await openAddForm(admin);
  const text = form.locator('textarea[name=text]');
  await text.fill('Học nghề');
  await expect(form.locator('bt-legibility-warnings li')).toHaveCount(0);
  await text.fill('Thủ đô cần những người thợ giỏi: học nghề hôm nay, có việc làm ngay, thu nhập ổn định, vững bước tương lai cùng Hà Nội');
  const warning = form.locator('bt-legibility-warnings li[data-size="192x96"]');
  await expect(warning).toContainText('Trên 1 màn hình 192×96');
  await expect(warning).toContainText('Chữ quá nhỏ — sẽ chạy dạng chữ chạy');
  // The registered 192×96 screen is named as affected.
  await expect(warning).toContainText('Màn hình 192×96');
  // A validation message shows as soon as a field is wrong, and goes when it is fixed.
  await form.locator('input[name=duration]').fill('1');
  await expect(form.locator('[data-error-for=durationMs]')).toHaveText('Thời lượng từ 2 đến 3600 giây.');
  await form.locator('input[name=duration]').fill('6');
  await expect(form.locator('[data-error-for=durationMs]')).toHaveCount(0);
  await admin.getByRole('button', { name: 'Thêm vào danh sách' }).click();
  await expect(admin.locator('bt-item-editor')).toHaveCount(1);
  await expect(admin.locator('bt-item-editor bt-legibility-warnings li[data-size="192x96"]')).toBeVisible();
});

test('a screen set to the indoor theme previews in its light colours, as it plays', async ({ context, problems }) => {
  void problems; // fails the test on any page or console error
  const { screens } = await client.call<{ screens: { id: string; name: string }[] }>('GET', '/api/screens');
  const board = screens.find((s) => s.name === 'Màn hình 192×96')!;
  await client.call('PUT', `/api/screens/${board.id}/layout`, { canvas: { x: 0, y: 0, width: 192, height: 96 }, ticker: null, theme: 'indoor' });
  await emptyPlaylist();
  const created = await client.call<{ item: { id: string } }>('POST', '/api/content', { kind: 'slogan', theme: 1, durationMs: 5_000, text: 'Học nghề — có việc làm' });
  const { playlists, defaultPlaylistId } = await client.call<{ playlists: PlaylistEntry[]; defaultPlaylistId: string }>('GET', '/api/playlists');
  const { id, name } = playlists.find((p) => p.playlist.id === defaultPlaylistId)!.playlist;
  await client.call('PUT', `/api/playlists/${id}`, { name, itemIds: [created.item.id] });
  const admin = await context.newPage();
  await openAdmin(admin);
  await openItem(admin, created.item.id);
  await admin.locator('bt-playlist-editor select[name=profile]').selectOption(`screen:${board.id}`);
  const screen = admin.locator('bt-item-editor bt-item-preview .screen').first();
  await expect(screen).toHaveAttribute('data-theme', 'indoor');
  // The preview's ground is the indoor theme's, the same custom property the player sets.
  await expect.poll(() => screen.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(246, 243, 236)');
  const text = screen.locator('bt-slogan');
  const colour = await text.evaluate((el) => getComputedStyle(el).color);
  expect(colour).toBe('rgb(21, 24, 28)');
});
