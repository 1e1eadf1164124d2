import { mkdirSync, readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import type { MediaEntry, PlaylistEntry } from '../../playlists/index.ts';
import { ApiClient } from './api.ts';
import { contentView, expect, newPlayer, openAddForm, test, publishFromBar } from './fixtures.ts';
import { firstPageSignature, type Signature } from './render-signature.ts';
import { ADMIN_PASSWORD, BangtinServer } from './server.ts';

/**
 * Issue 3's "done when" for the kinds that show media: an operator uploads a photo and a clip
 * through the media library, makes a story, an image and a video in the admin page choosing
 * them with the media picker, previews each at 192×96 and 1080×1920, publishes, and players of
 * those sizes show what the preview showed: same boxes, fitted sizes, picture geometry and fit.
 */

const SHOTS = 'test-results/preview-media';
/** The add form's default duration (admin/item-form.ts): a story's pages turn within it. */
const ITEM_MS = 8_000;
const SIZES = [
  { width: 192, height: 96 },
  { width: 1080, height: 1920 },
] as const;
const PHOTO_NAME = 'Lễ tốt nghiệp.jpg';

let server: BangtinServer;
let client: ApiClient;
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

/** A phone photo: a landscape raster marked "turn a quarter" (portrait when shown), with a GPS position and the phone's make. */
function phonePhoto(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
    <rect width="1200" height="800" fill="#1d5fa8"/><rect x="30" y="30" width="1140" height="740" fill="none" stroke="#ffd400" stroke-width="30"/>
    <circle cx="400" cy="400" r="250" fill="#e8412c"/></svg>`;
  return sharp(Buffer.from(svg))
    .withExif({ IFD0: { Make: 'PhoneCo', Model: 'GradCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 42/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 50/1 3/1' } })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function emptyPlaylist(): Promise<void> {
  const { playlists, defaultPlaylistId } = await client.call<{ playlists: PlaylistEntry[]; defaultPlaylistId: string }>('GET', '/api/playlists');
  const { id, name } = playlists.find((p) => p.playlist.id === defaultPlaylistId)!.playlist;
  await client.call('PUT', `/api/playlists/${id}`, { name, itemIds: [] });
}

async function signIn(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(server.adminUrl);
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(contentView(page)).toBeVisible();
}

/** Picks a medium in the form's picker for `field` (photo or media). */
async function pick(form: Locator, field: string, mediaId: string): Promise<void> {
  const picker = form.locator(`bt-media-picker[name=${field}]`);
  await picker.getByRole('button', { name: 'Chọn từ thư viện…' }).click();
  await picker.locator(`button[data-media-id="${mediaId}"]`).click();
  await expect(picker.locator('.current .name')).toBeVisible();
}

/** The pictures and clips inside a renderer: CSS object-fit and position, and whether they decoded. */
function mediaLook(renderer: Locator) {
  return renderer.evaluate((host) => {
    const found: { tag: string; fit: string; position: string; ready: boolean }[] = [];
    const walk = (root: ShadowRoot | Element) => {
      for (const el of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if (!(el instanceof HTMLImageElement || el instanceof HTMLVideoElement) || el.getClientRects().length === 0) continue;
        const style = getComputedStyle(el);
        const ready = el instanceof HTMLImageElement ? el.complete && el.naturalWidth > 0 : el.readyState >= 2;
        found.push({ tag: el.tagName.toLowerCase(), fit: style.objectFit, position: style.objectPosition, ready });
      }
    };
    walk(host.shadowRoot ?? host);
    return found;
  });
}

function expectSame(preview: Signature, player: Signature, what: string): void {
  expect(preview.tag, `${what}: renderer`).toBe(player.tag);
  expect(Math.abs(preview.width - player.width), `${what}: renderer width`).toBeLessThanOrEqual(1.5);
  expect(Math.abs(preview.height - player.height), `${what}: renderer height`).toBeLessThanOrEqual(1.5);
  const shape = (s: Signature) => s.parts.map((p) => `${p.tag}.${p.cls}@${p.fit}`);
  expect(shape(preview), `${what}: parts and fitted sizes`).toEqual(shape(player));
  preview.parts.forEach((p, i) => {
    const q = player.parts[i]!;
    for (const k of ['x', 'y', 'width', 'height'] as const) {
      expect(Math.abs(p[k] - q[k]), `${what}: ${k} of ${p.tag}.${p.cls}`).toBeLessThanOrEqual(1.5);
    }
  });
}

async function choose(admin: Page, row: Locator, width: number, height: number): Promise<Locator> {
  await admin.locator('bt-playlist-editor select[name=profile]').selectOption(`${width}x${height}`);
  const screen = row.locator(`bt-item-preview .screen[data-width="${width}"][data-height="${height}"]`);
  await expect(screen).toBeVisible();
  await admin.evaluate(() => document.fonts.ready.then(() => undefined));
  return screen;
}

test('a story, an image and a clip chosen in the admin page play exactly as previewed', async ({ context, problems }) => {
  void problems; // fails the test on any page or console error
  test.setTimeout(90_000);
  const admin = await context.newPage();
  await signIn(admin);

  // Upload through the media library: a phone photo, and the demo clip (already there: deduplicated).
  await admin.getByRole('button', { name: 'Ảnh, video' }).click();
  await admin.locator('bt-media-library bt-media-upload input[type=file]').setInputFiles([
    { name: PHOTO_NAME, mimeType: 'image/jpeg', buffer: await phonePhoto() },
    { name: 'Phim giới thiệu.webm', mimeType: 'video/webm', buffer: readFileSync('server/seed/demo-media/demo-clip.webm') },
  ]);
  const rows = admin.locator('bt-media-library bt-media-upload li');
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await expect(row).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  const { media } = await client.call<{ media: MediaEntry[] }>('GET', '/api/media');
  const photo = media.find((m) => m.name === PHOTO_NAME)!;
  const clip = media.find((m) => m.kind === 'video')!;
  // Stored upright and without the phone's metadata: what players fetch says nothing of where it was taken.
  expect([photo.width, photo.height]).toEqual([800, 1200]);
  const original = Buffer.from(await (await fetch(`${server.origin}${photo.files.find((f) => f.type === 'image/jpeg')!.url}`)).arrayBuffer());
  expect((await sharp(original).metadata()).exif).toBeUndefined();
  expect(original.includes('PhoneCo')).toBe(false);

  const cases = [
    {
      kind: 'story',
      fill: async (form: Locator) => {
        await pick(form, 'photo', photo.id);
        await form.locator('input[name=name]').fill('Nguyễn Thị Hồng Nhung');
        await form.locator('input[name=trade]').fill('Điện công nghiệp');
        await form.locator('input[name=school]').fill('Trường Cao đẳng nghề Bách khoa Hà Nội');
        await form.locator('textarea[name=quote]').fill('Học nghề cho em một nghề vững.');
      },
    },
    {
      kind: 'image',
      fill: async (form: Locator) => {
        await pick(form, 'media', photo.id);
        await form.locator('input[name=fit][value=cover]').check();
        await form.locator('input[name=caption]').fill('Lễ tốt nghiệp khóa 2026');
      },
    },
    { kind: 'video', fill: (form: Locator) => pick(form, 'media', clip.id) },
  ];

  for (const c of cases) {
    await emptyPlaylist();
    await admin.goto(`${server.adminUrl}#content`);
    await admin.reload();
    const form = await openAddForm(admin);
    await form.locator('select[name=kind]').selectOption(c.kind);
    await c.fill(form);
    await expect(form.locator('bt-item-preview .screen > *')).toHaveCount(1);
    await admin.getByRole('button', { name: 'Thêm vào danh sách' }).click();
    const row = admin.locator('bt-item-editor');
    await expect(row).toHaveCount(1);
    const id = (await row.getAttribute('data-item-id'))!;
    for (const { width, height } of SIZES) {
      const screen = await choose(admin, row, width, height);
      expect(await screen.evaluate((el: HTMLElement) => [el.offsetWidth, el.offsetHeight])).toEqual([width, height]);
    }
    await publishFromBar(admin);
    await expect(admin.locator('bt-playlist-editor p.ok')).toContainText('Đã xuất bản phiên bản');

    for (const { width, height } of SIZES) {
      const key = `${width}x${height}`;
      const player = await newPlayer(context, playerUrls.get(key)!, { width, height });
      const shown = player.locator(`[data-item-id="${id}"]`);
      await expect(shown).toBeVisible({ timeout: 20_000 });
      await player.evaluate(() => document.fonts.ready.then(() => undefined));
      await expect.poll(async () => (await mediaLook(shown)).every((m) => m.ready), { timeout: 15_000 }).toBe(true);
      if (c.kind === 'video') {
        const playing = () => shown.evaluate((el) => {
          const v = el.shadowRoot!.querySelector('video')!;
          return !v.paused && v.currentTime > 0.2;
        });
        await expect.poll(playing, { timeout: 10_000 }).toBe(true);
      }
      // A story's lines and a caption may take turns (fit-plan.ts): both sides on their first page.
      const onPlayer = await firstPageSignature(shown, ITEM_MS);
      const playerLook = await mediaLook(shown);
      await player.screenshot({ path: `${SHOTS}/${c.kind}-player-${key}.png` });

      await admin.bringToFront();
      const screen = await choose(admin, row, width, height);
      const previewed = screen.locator(':scope > *');
      await expect.poll(async () => (await mediaLook(previewed)).every((m) => m.ready), { timeout: 15_000 }).toBe(true);
      const preview = await firstPageSignature(previewed, ITEM_MS, Number(await screen.getAttribute('data-scale')));
      await row.locator('bt-item-preview').screenshot({ path: `${SHOTS}/${c.kind}-preview-${key}.png` });

      expectSame(preview, onPlayer, `${c.kind} at ${key}`);
      const look = (l: Awaited<ReturnType<typeof mediaLook>>) => l.map((m) => `${m.tag} ${m.fit} ${m.position}`);
      expect(look(await mediaLook(previewed)), `${c.kind} at ${key}: pictures and their fit`).toEqual(look(playerLook));
      if (c.kind !== 'story' || width > 300) expect(playerLook.length, `${c.kind} at ${key}: shows its medium`).toBe(1);
      await player.close();
    }
  }
});
