import sharp from 'sharp';
import type { z } from 'zod';
import { pickFile, type MediaInfo, type PlaylistEntry, type ScreenCreated, type ScreenList } from '../../playlists/index.ts';
import { ApiClient } from './api.ts';
import { expect, newPlayer, onScreen, signInAdmin, test } from './fixtures.ts';
import { ADMIN_PASSWORD, BangtinServer } from './server.ts';

// Issue 4: a screen's own fallback playlist, and an emergency message with a picture.

let server: BangtinServer;
let api: ApiClient;
let demoId: string;
let station: z.infer<typeof ScreenCreated>;
let led: z.infer<typeof ScreenCreated>;

test.beforeAll(async () => {
  server = await BangtinServer.start();
  api = await ApiClient.signIn(server);
  demoId = (await api.call<z.infer<typeof ScreenList>>('GET', '/api/screens')).screens[0]!.id;
  station = await api.call('POST', '/api/screens', { name: 'Ga Hà Nội', locationKind: 'station' });
  led = await api.call('POST', '/api/screens', { name: 'Bảng LED Hồ Gươm', locationKind: 'street' });
});
test.afterAll(async () => {
  await server.dispose();
});

/** The item ids a player shows, one entry per change, sampled for `ms`. */
async function sequence(player: import('@playwright/test').Page, ms: number): Promise<string[]> {
  const seen: string[] = [];
  for (const end = Date.now() + ms; Date.now() < end; await player.waitForTimeout(250)) {
    const { itemId } = await onScreen(player);
    if (itemId && seen.at(-1) !== itemId) seen.push(itemId);
  }
  return seen;
}

test('a screen with its own fallback and no schedules plays that playlist; another screen plays the city default', async ({ context }) => {
  const { playlists, defaultPlaylistId } = await api.call<{ playlists: PlaylistEntry[]; defaultPlaylistId: string }>('GET', '/api/playlists');
  const cityItems = playlists.find((p) => p.playlist.id === defaultPlaylistId)!.playlist.itemIds;
  // One already published slogan of the city's, alone in a playlist of its own.
  const own = cityItems[2]!;
  const list = await api.call<{ playlist: { id: string } }>('POST', '/api/playlists', { name: 'Dự phòng nhà ga', itemIds: [own] });
  await api.call('POST', '/api/publish');

  const park = await newPlayer(context, server.demoPlayerUrl);
  const stationPlayer = await newPlayer(context, station.playerUrl);
  const before = await park.locator('bt-player').getAttribute('data-manifest-version');
  // Set while both play: the connected screen switches without a reload.
  await api.call('PUT', `/api/screens/${station.screen.id}/fallback`, { playlistId: list.playlist.id });
  await expect(stationPlayer.locator(`[data-item-id="${own}"]`)).toBeAttached({ timeout: 10_000 });

  const [onOwn, onCity] = await Promise.all([sequence(stationPlayer, 13_000), sequence(park, 13_000)]);
  expect(onOwn).toEqual([own]);
  expect(onCity.length).toBeGreaterThanOrEqual(2);
  expect(onCity.every((id) => cityItems.includes(id))).toBe(true);
  expect(await park.locator('bt-player').getAttribute('data-manifest-version')).toBe(before);
  expect(await stationPlayer.locator('bt-player').getAttribute('data-manifest-version')).not.toBe(before);
  await api.call('PUT', `/api/screens/${station.screen.id}/fallback`, { playlistId: null });
});

/** Uploads a picture the way the admin page does. */
async function uploadPicture(): Promise<MediaInfo> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
    <rect width="1200" height="800" fill="#0b3d7a"/><circle cx="600" cy="400" r="300" fill="#ffd400"/></svg>`;
  const bytes = await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
  const session = await fetch(`${server.origin}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.origin },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
  const res = await fetch(`${server.origin}/api/media`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: server.origin, 'Content-Type': 'application/octet-stream', 'X-Filename': 'ngap.jpg' },
    body: new Uint8Array(bytes),
  });
  if (!res.ok) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return (await res.json()) as MediaInfo;
}

test('an emergency with a picture shows its text at once, the picture once loaded, and stays legible on a 192×96 board', async ({ context }) => {
  const photo = await uploadPicture();
  const big = await newPlayer(context, server.demoPlayerUrl);
  const small = await newPlayer(context, led.playerUrl, { width: 192, height: 96 });
  // The picture arrives late: the text must not wait for it.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await context.route(/\/media\/[0-9a-f]{64}\.\w+$/, async (route) => {
    await held;
    await route.continue();
  });

  const text = `Mưa lớn ${Date.now() % 1000}: tránh ra đường`;
  const { scheduleId } = await api.call<{ scheduleId: string }>('POST', '/api/emergencies', { text, imageMediaId: photo.id });
  await big.bringToFront();
  await expect(big.getByText(text)).toBeVisible({ timeout: 5_000 });
  const bigPicture = big.locator('bt-slogan-picture');
  await expect(bigPicture).toHaveAttribute('data-picture', 'loading');
  release();
  await expect(bigPicture).toHaveAttribute('data-picture', 'shown', { timeout: 10_000 });
  await expect(bigPicture).toHaveAttribute('data-layout', 'side');
  const img = bigPicture.locator('img');
  await expect(img).toBeVisible();
  // The file for the whole 1920×1080 canvas, fully decoded, inside the canvas.
  expect(await img.getAttribute('src')).toBe(pickFile(photo, 1920, 1080, 'cover').url);
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
  const box = (await img.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(1920 * 0.4 + 60);
  expect(box.y + box.height).toBeLessThanOrEqual(1080);

  await small.bringToFront();
  await expect(small.getByText(text)).toBeVisible({ timeout: 5_000 });
  const smallPicture = small.locator('bt-slogan-picture');
  await expect(smallPicture).not.toHaveAttribute('data-picture', 'loading', { timeout: 10_000 });
  // Legible: every text line at least 15 px (capitals 10 px), or the whole message as a ticker.
  const sizes = await small.locator('bt-slogan [data-fit]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-fit'))));
  const ticker = await small.locator('bt-slogan[data-fallback]').count();
  expect(ticker > 0 || (sizes.length > 0 && Math.min(...sizes) >= 15)).toBe(true);
  if ((await smallPicture.getAttribute('data-picture')) === 'shown') {
    expect(await smallPicture.locator('img').getAttribute('src')).toBe(pickFile(photo, 192, 96, 'cover').url);
  }
  await small.screenshot({ path: test.info().outputPath('emergency-192x96.png') });
  await big.screenshot({ path: test.info().outputPath('emergency-1920x1080.png') });

  await api.call('DELETE', `/api/emergencies/${scheduleId}`);
  await context.unroute(/\/media\/[0-9a-f]{64}\.\w+$/);
});

test('the admin sets a screen\'s fallback, and shows the timeline of a location kind with whose fallback plays', async ({ context }) => {
  const { playlists, defaultPlaylistId } = await api.call<{ playlists: PlaylistEntry[]; defaultPlaylistId: string }>('GET', '/api/playlists');
  const itemIds = playlists.find((p) => p.playlist.id === defaultPlaylistId)!.playlist.itemIds.slice(0, 1);
  const own = playlists.find((p) => p.playlist.name === 'Dự phòng nhà ga')?.playlist
    ?? (await api.call<{ playlist: { id: string; name: string } }>('POST', '/api/playlists', { name: 'Dự phòng nhà ga', itemIds })).playlist;
  await api.call('POST', '/api/publish').catch(() => undefined);
  const admin = await context.newPage();
  await signInAdmin(admin, server);
  await admin.locator('button[data-view=schedules]').click();
  const panel = admin.locator('bt-screen-fallback');
  await panel.locator('select[name=fallback-screen]').selectOption(station.screen.id);
  await panel.locator('select[name=fallback-playlist]').selectOption(own.id);
  await panel.locator('button[name=save-fallback]').click();
  await expect(panel.getByRole('status')).toContainText('Đã lưu');
  await expect.poll(async () => (await api.call<z.infer<typeof ScreenList>>('GET', '/api/screens')).screens.find((s) => s.id === station.screen.id)?.fallbackPlaylistId).toBe(own.id);

  const timeline = admin.locator('bt-schedule-timeline');
  await timeline.locator('select[name=scope]').selectOption('locationKind');
  await timeline.locator('select[name=location-kind]').selectOption('station');
  await timeline.locator('button[name=day]').click();
  const group = timeline.locator(`section[data-group-screens="${station.screen.id}"]`);
  await expect(group).toContainText('Áp dụng cho 1 màn hình: Ga Hà Nội');
  await expect(group.locator('[data-fallback-source=screen]')).toContainText('Dự phòng nhà ga');
  await expect(group.locator('tr[data-hour="03:00"]')).toContainText('Dự phòng nhà ga');

  await timeline.locator('select[name=scope]').selectOption('screen');
  await expect(timeline.locator('select[name=screen]')).toBeVisible();
  await api.call('PUT', `/api/screens/${station.screen.id}/fallback`, { playlistId: null });
});
