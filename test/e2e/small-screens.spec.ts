import type { Page } from '@playwright/test';
import sharp from 'sharp';
import type { z } from 'zod';
import type { ContentEntry, MediaInfo, PlaylistEntry, ScreenCreated } from '../../playlists/index.ts';
import { ApiClient } from './api.ts';
import { expect, newPlayer, openItem, signInAdmin, test } from './fixtures.ts';
import { ADMIN_PASSWORD, BangtinServer } from './server.ts';
import { missingWords, watchShownText } from './shown-text.ts';

/**
 * Issue 12, item 3: on small LED boards nothing drops silently. Every kind's text parts all
 * show over the item's slot (taking turns, or scrolling), never under the 15 px minimum; and the
 * admin says, before publishing, what will take turns on which screens.
 */

const SMALL = [
  { width: 384, height: 192 },
  { width: 192, height: 96 },
] as const;
const HK = { code: '00070', name: 'Phường Hoàn Kiếm' };

let server: BangtinServer;
let api: ApiClient;
const playerUrls = new Map<string, string>();
let photo: MediaInfo;

async function upload(bytes: Uint8Array, name: string): Promise<MediaInfo> {
  const session = await fetch(`${server.origin}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.origin },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
  const res = await fetch(`${server.origin}/api/media`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: server.origin, 'Content-Type': 'application/octet-stream', 'X-Filename': encodeURIComponent(name) },
    body: Buffer.from(bytes),
  });
  if (!res.ok) throw new Error(`upload ${name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as MediaInfo;
}

test.beforeAll(async () => {
  server = await BangtinServer.start();
  api = await ApiClient.signIn(server);
  await api.call('POST', '/api/wards', { code: HK.code, name: HK.name, kind: 'phuong' });
  for (const { width, height } of SMALL) {
    const created = await api.call<z.infer<typeof ScreenCreated>>('POST', '/api/screens', { name: `Bảng LED ${width}×${height}`, locationKind: 'street' });
    playerUrls.set(`${width}x${height}`, created.playerUrl);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800"><rect width="1200" height="800" fill="#1d5fa8"/><circle cx="600" cy="400" r="300" fill="#e8412c"/></svg>`;
  photo = await upload(await sharp(Buffer.from(svg)).jpeg().toBuffer(), 'thuc-hanh.jpg');
});
test.afterAll(async () => {
  await server.dispose();
});

/** Makes `itemIds` the whole default playlist and publishes. */
async function playOnly(itemIds: string[]): Promise<void> {
  const { playlists, defaultPlaylistId } = await api.call<{ playlists: PlaylistEntry[]; defaultPlaylistId: string }>('GET', '/api/playlists');
  const { id, name } = playlists.find((p) => p.playlist.id === defaultPlaylistId)!.playlist;
  await api.call('PUT', `/api/playlists/${id}`, { name, itemIds });
  await api.call('POST', '/api/publish');
}

const add = async (fields: Record<string, unknown>) => (await api.call<ContentEntry>('POST', '/api/content', { theme: 2, ...fields })).item.id;

interface Case {
  kind: string;
  fields: Record<string, unknown>;
  /** Every text part that must show at some point of the slot. */
  parts: string[];
}

const cases: Case[] = [
  {
    kind: 'notice',
    fields: {
      kind: 'notice', durationMs: 18_000,
      title: 'Hỗ trợ chi phí học nghề cho người lao động',
      body: 'Lao động nông thôn, người khuyết tật và người thuộc hộ nghèo được hỗ trợ chi phí đào tạo trình độ sơ cấp và đào tạo dưới 3 tháng. Đăng ký tại UBND xã, phường nơi cư trú.',
      source: 'Nguồn: Sở Giáo dục và Đào tạo Hà Nội',
    },
    parts: ['title', 'body', 'source'],
  },
  {
    kind: 'story',
    fields: {
      kind: 'story', durationMs: 16_000,
      name: 'Nguyễn Thị Ngọc Ánh', trade: 'Kỹ thuật viên điện tử công nghiệp', school: 'Trường Cao đẳng nghề Công nghiệp Hà Nội',
      outcome: 'Trưởng ca tại một doanh nghiệp ở Khu công nghệ cao Hòa Lạc',
      quote: 'Học nghề giúp em có việc làm ổn định ngay sau khi tốt nghiệp.',
    },
    parts: ['name', 'trade', 'school', 'outcome', 'quote'],
  },
  {
    kind: 'countdown',
    fields: { kind: 'countdown', durationMs: 10_000, title: 'Ngày Kỹ năng lao động Việt Nam', eventDate: '2099-10-04', annual: false, afterDays: 0, place: 'Cung Văn hóa Lao động' },
    parts: ['title', 'place'],
  },
  {
    kind: 'clock',
    fields: { kind: 'clock', durationMs: 9_000, caption: 'Thủ đô học nghề — vững bước tương lai' },
    parts: ['caption'],
  },
  {
    kind: 'image',
    fields: { kind: 'image', durationMs: 10_000, fit: 'cover', caption: 'Học viên thực hành điện công nghiệp tại Trường Cao đẳng nghề Công nghiệp Hà Nội' },
    parts: ['caption'],
  },
  {
    kind: 'slogan',
    fields: { kind: 'slogan', durationMs: 8_000, text: 'Học nghề hôm nay — vững tay nghề ngày mai: Thủ đô cần những người thợ giỏi, kỹ thuật viên lành nghề cho mọi ngành', secondary: 'Tuyển sinh 2026' },
    parts: ['text', 'secondary'],
  },
  {
    kind: 'ticker',
    fields: { kind: 'ticker', durationMs: 8_000, text: 'Tuyển sinh học nghề năm 2026 — Đăng ký tại UBND xã, phường nơi cư trú', speedPxPerSec: 80 },
    parts: ['text'],
  },
];

for (const c of cases) {
  test(`every part of a ${c.kind} shows over its slot at 384×192 and 192×96, never under 15 px`, async ({ context, problems }, testInfo) => {
    void problems; // fails the test on any page or console error
    const fields = c.kind === 'image' ? { ...c.fields, media: photo.id } : c.fields;
    const id = await add(fields);
    await playOnly([id]);
    const players: Page[] = [];
    for (const size of SMALL) {
      const player = await newPlayer(context, playerUrls.get(`${size.width}x${size.height}`)!, size);
      players.push(player);
    }
    await Promise.all(players.map(async (p) => {
      await expect(p.locator(`[data-item-id="${id}"]`)).toBeVisible({ timeout: 20_000 });
      await p.evaluate(() => document.fonts.ready.then(() => undefined));
    }));
    // A whole slot, from wherever it is now: every turn shows once within it.
    const slot = fields['durationMs'] as number;
    const shown = await Promise.all(players.map((p) => watchShownText(p, id, slot + 1_500)));
    for (const [i, size] of SMALL.entries()) {
      const at = `${c.kind} at ${size.width}×${size.height}`;
      await players[i]!.screenshot({ path: testInfo.outputPath(`${c.kind}-${size.width}x${size.height}.png`) });
      expect(shown[i]!.samples, at).toBeGreaterThan(10);
      for (const part of c.parts) {
        const text = part === 'place' ? (fields['place'] as string) : (fields[part] as string);
        expect(missingWords(shown[i]!, text), `${at}: words of its ${part} that never showed`).toEqual([]);
      }
      expect(shown[i]!.minFontPx, `${at}: smallest text (${shown[i]!.smallest})`).toBeGreaterThanOrEqual(15);
    }
    for (const p of players) await p.close();
  });
}

test('the admin warns, in the preview and before publishing, what will take turns on which small boards', async ({ context, problems }, testInfo) => {
  void problems; // fails the test on any page or console error
  // Three 384×192 boards in Phường Hoàn Kiếm, sized by their canvas.
  for (const n of [1, 2, 3]) {
    const created = await api.call<z.infer<typeof ScreenCreated>>('POST', '/api/screens', { name: `Bảng Hồ Gươm ${n}`, ward: HK.name, locationKind: 'park' });
    await api.call('PUT', `/api/screens/${created.screen.id}/ward`, { wardCode: HK.code });
    await api.call('PUT', `/api/screens/${created.screen.id}/layout`, { canvas: { x: 0, y: 0, width: 384, height: 192 }, ticker: null, theme: 'outdoor' });
  }
  const title = `Hỗ trợ chi phí học nghề ${Date.now() % 10_000}`;
  // A new notice, a draft on its own in the playlist, not yet published.
  const id = await add({ ...cases[0]!.fields, title });
  const { playlists, defaultPlaylistId } = await api.call<{ playlists: PlaylistEntry[]; defaultPlaylistId: string }>('GET', '/api/playlists');
  const { id: listId, name } = playlists.find((p) => p.playlist.id === defaultPlaylistId)!.playlist;
  await api.call('PUT', `/api/playlists/${listId}`, { name, itemIds: [id] });
  const revisionsBefore = (await api.call<{ revisions: unknown[] }>('GET', '/api/revisions')).revisions.length;

  const admin = await context.newPage();
  await admin.setViewportSize({ width: 1280, height: 900 });
  await signInAdmin(admin, server);
  const row = await openItem(admin, id);
  // The editor's preview warns as it shows: by size and ward, naming what takes turns.
  const warning = row.locator('bt-legibility-warnings li[data-size="384x192"]');
  await expect(warning).toContainText(`Trên 3 màn hình 384×192 ở ${HK.name}`);
  await expect(warning).toContainText('Nội dung và nguồn không hiện cùng lúc mà hiện lần lượt');
  await expect(row.locator('bt-legibility-warnings li[data-size="192x96"]')).toContainText('Nội dung và nguồn không hiện cùng lúc');

  // Before publishing: the same, for the screens it goes to, and a way back.
  await admin.getByRole('button', { name: 'Xuất bản', exact: true }).click();
  const dialog = admin.getByRole('dialog', { name: 'Nội dung sẽ không hiện đủ cùng lúc trên một số màn hình' });
  await expect(dialog).toBeVisible();
  const line = dialog.locator('li', { hasText: `Trên 3 màn hình 384×192 ở ${HK.name}` });
  await expect(line).toContainText(`«${title}»: `);
  await expect(line).toContainText('Nội dung và nguồn không hiện cùng lúc mà hiện lần lượt');
  await admin.screenshot({ path: testInfo.outputPath('publish-warning.png') });
  await dialog.getByRole('button', { name: 'Quay lại sửa' }).click();
  await expect(dialog).toBeHidden();
  expect((await api.call<{ revisions: unknown[] }>('GET', '/api/revisions')).revisions.length, 'nothing published').toBe(revisionsBefore);

  // Too short a duration for every turn: the warning says what will not show.
  await row.locator('input[name=duration]').fill('4');
  await row.locator('input[name=duration]').blur();
  await expect(row.locator('bt-legibility-warnings li[data-size="384x192"][data-dropped]')).toContainText('thời lượng 4 giây không đủ');
  await admin.getByRole('button', { name: 'Xuất bản', exact: true }).click();
  await expect(dialog).toContainText('sẽ không hiện hết');
  await dialog.getByRole('button', { name: 'Vẫn xuất bản' }).click();
  await expect(admin.locator('bt-playlist-editor p.ok')).toContainText('Đã xuất bản phiên bản');
  expect((await api.call<{ revisions: unknown[] }>('GET', '/api/revisions')).revisions.length).toBe(revisionsBefore + 1);
});

test('an editor is asked before submitting content that will take turns on the small boards registered', async ({ browser, problems }, testInfo) => {
  void problems; // fails the test on any page or console error
  const temp = 'mật khẩu tạm 0123';
  await api.call('POST', '/api/users', { username: 'bientap', role: 'editor', password: temp });
  const board = await api.call<z.infer<typeof ScreenCreated>>('POST', '/api/screens', { name: 'Bảng phố Hàng Đào', ward: HK.name, locationKind: 'street' });
  await api.call('PUT', `/api/screens/${board.screen.id}/layout`, { canvas: { x: 0, y: 0, width: 192, height: 96 }, ticker: null, theme: 'outdoor' });
  const id = await add({ ...cases[0]!.fields, title: `Thông báo chờ duyệt ${Date.now() % 10_000}` });
  await playOnly([id]);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(server.adminUrl);
  await page.getByLabel('Tên đăng nhập').fill('bientap');
  await page.getByLabel('Mật khẩu').fill(temp);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByLabel('Mật khẩu hiện tại').fill(temp);
  await page.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill('mật khẩu riêng 0123');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('mật khẩu riêng 0123');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  // The editor's change is a draft, to submit for approval.
  const row = await openItem(page, id);
  await row.locator('input[name=source]').fill('Nguồn: Sở Lao động Hà Nội');
  await row.locator('input[name=source]').blur();
  await expect(row.locator('[data-review-state]')).toHaveAttribute('data-review-state', 'draft');
  const submit = row.getByRole('button', { name: 'Gửi duyệt' });
  const dialog = page.getByRole('dialog', { name: 'Nội dung sẽ không hiện đủ cùng lúc trên một số màn hình' });

  await submit.click();
  // The registered boards it would take turns on, by size and ward.
  await expect(dialog.locator('li', { hasText: `màn hình 192×96 ở ${HK.name}` })).toContainText('Nội dung và nguồn không hiện cùng lúc mà hiện lần lượt');
  await page.screenshot({ path: testInfo.outputPath('submit-warning.png') });
  await dialog.getByRole('button', { name: 'Quay lại sửa' }).click();
  await expect(row.locator('[data-review-state]')).toHaveAttribute('data-review-state', 'draft');

  await submit.click();
  await dialog.getByRole('button', { name: 'Vẫn gửi duyệt' }).click();
  await expect(row.locator('[data-review-state]')).toHaveAttribute('data-review-state', 'submitted');
});
