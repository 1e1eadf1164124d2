import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import type { ContentEntry, MediaInfo, PlaylistEntry } from '../../playlists/index.ts';
import { ApiClient } from './api.ts';
import { expect, newPlayer, test } from './fixtures.ts';
import { SIZES, attachShot, inspect } from './kinds-measure.ts';
import { ADMIN_PASSWORD, BangtinServer } from './server.ts';

// Story photos, images and clips from the media library, on the real server and player.

let server: BangtinServer;
let ids: Record<'story' | 'cover' | 'contain' | 'videoA' | 'videoB', string>;
let photo: MediaInfo;

/** Uploads a file the way the admin page does: the raw bytes, the name in X-Filename. */
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

/** A 1600×1200 picture with a frame and a disc, so crop and letterbox show in screenshots. */
async function picture(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200">
    <rect width="1600" height="1200" fill="#1d5fa8"/><rect x="40" y="40" width="1520" height="1120" fill="none" stroke="#ffd400" stroke-width="40"/>
    <circle cx="800" cy="600" r="380" fill="#e8412c"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

test.beforeAll(async () => {
  server = await BangtinServer.start();
  const client = await ApiClient.signIn(server);
  photo = await upload(await picture(), 'anh-thu.jpg');
  const clip = await upload(readFileSync('server/seed/demo-media/demo-clip.webm'), 'clip-thu.webm');
  const add = async (fields: Record<string, unknown>) => (await client.call<ContentEntry>('POST', '/api/content', { theme: 7, durationMs: 2_500, ...fields })).item.id;
  ids = {
    story: await add({
      kind: 'story',
      photo: photo.id,
      name: 'Trần Văn Đức',
      trade: 'Hàn công nghệ cao',
      school: 'Trường Cao đẳng Cơ điện Hà Nội',
      outcome: 'Thợ hàn bậc cao tại xưởng đóng tàu',
      quote: 'Có tay nghề là có việc làm.',
    }),
    cover: await add({ kind: 'image', theme: 6, media: photo.id, fit: 'cover', caption: 'Thủ đô vững bước cùng người thợ' }),
    contain: await add({ kind: 'image', theme: 6, media: photo.id, fit: 'contain' }),
    videoA: await add({ kind: 'video', theme: 5, media: clip.id, playToEnd: true }),
    videoB: await add({ kind: 'video', theme: 5, media: clip.id, playToEnd: true }),
  };
  const { playlists, defaultPlaylistId } = await client.call<{ playlists: PlaylistEntry[]; defaultPlaylistId: string }>('GET', '/api/playlists');
  const playlist = playlists.find((p) => p.playlist.id === defaultPlaylistId)!.playlist;
  await client.call('PUT', `/api/playlists/${playlist.id}`, { name: playlist.name, itemIds: [ids.story, ids.cover, ids.videoA, ids.contain, ids.videoB] });
  await client.call('POST', '/api/publish');
});
test.afterAll(async () => {
  await server.dispose();
});

for (const size of SIZES) {
  test(`a story with its photo and images fit at ${size.width}×${size.height}`, async ({ context }, testInfo) => {
    const player = await newPlayer(context, server.demoPlayerUrl, size);
    await player.evaluate(() => document.fonts.ready.then(() => undefined));
    for (const [name, tag] of [['story', 'bt-story'], ['cover', 'bt-image'], ['contain', 'bt-image']] as const) {
      const selector = `${tag}[data-item-id="${ids[name]}"]`;
      await expect(player.locator(selector)).toBeVisible({ timeout: 30_000 });
      const layout = await player.locator(selector).getAttribute('data-layout');
      const hasPhoto = name !== 'story' || layout !== 'none';
      // The picture shows once decoded, in a file no larger than the box needs.
      if (hasPhoto) {
        await expect
          .poll(() => player.locator(selector).evaluate((el) => el.shadowRoot!.querySelector('img')?.naturalWidth ?? 0))
          .toBeGreaterThan(0);
      }
      await player.waitForTimeout(300);
      const m = await inspect(player, selector);
      await attachShot(player, testInfo, `${name}-${size.width}x${size.height}`);
      expect(m.overflows, `overflowing text in ${name}`).toEqual([]);
      expect(m.clipped, `parts of ${name} outside its box`).toEqual([]);
      if (name === 'story') {
        expect(m.text).toContain('Trần Văn Đức');
        expect(layout).toBe(size.width < 300 ? 'none' : size.width > size.height ? 'side' : 'top');
      }
      if (hasPhoto) {
        const natural = await player.locator(selector).evaluate((el) => el.shadowRoot!.querySelector('img')!.naturalWidth);
        if (size.width <= 384) expect(natural, 'a small board gets a small file').toBeLessThan(photo.width);
      }
      if (name === 'cover') {
        // The caption always shows, legible; on a 192×96 board a run of its words at a time (fit-plan.ts).
        expect(m.minFontPx).toBeGreaterThanOrEqual(15);
        if (size.width >= 384) expect(m.text).toBe('Thủ đô vững bước cùng người thợ');
        else expect('Thủ đô vững bước cùng người thợ').toContain(m.text);
        expect(m.text).not.toBe('');
      }
    }
  });
}

test('a clip plays muted, ends its item, and the next clip reuses the same video element', async ({ context }, testInfo) => {
  const player = await newPlayer(context, server.demoPlayerUrl, { width: 1920, height: 1080 });
  const first = player.locator(`bt-video[data-item-id="${ids.videoA}"]`);
  await expect(first).toBeVisible({ timeout: 60_000 });
  const state = () =>
    first.evaluate((el) => {
      const v = el.shadowRoot!.querySelector('video')!;
      return { time: v.currentTime, muted: v.muted, inline: v.playsInline, paused: v.paused };
    });
  await expect.poll(async () => (await state()).time, { timeout: 10_000 }).toBeGreaterThan(0.3);
  expect(await state()).toMatchObject({ muted: true, inline: true, paused: false });
  await attachShot(player, testInfo, 'video-1920x1080');
  // Mark the element, and follow how far the clip gets before the next item appears.
  await first.evaluate((el) => {
    const v = el.shadowRoot!.querySelector('video') as HTMLVideoElement & { testMark?: string };
    v.testMark = 'first clip';
    const w = window as unknown as { reached: number; duration: number };
    w.reached = 0;
    const note = () => {
      w.reached = Math.max(w.reached, v.ended ? v.duration : v.currentTime);
      w.duration = v.duration;
    };
    v.addEventListener('timeupdate', note);
    v.addEventListener('ended', note);
  });
  const image = player.locator(`bt-image[data-item-id="${ids.contain}"]`);
  await expect(image).toBeVisible({ timeout: 15_000 });
  const played = await player.evaluate(() => {
    const w = window as unknown as { reached: number; duration: number };
    return { reached: w.reached, duration: w.duration };
  });
  // The item lasts as long as the clip: it ends when the clip does, not before.
  expect(played.reached, `clip of ${played.duration} s played to`).toBeGreaterThan(played.duration - 0.6);
  await expect(player.locator('video')).toHaveCount(0);
  const second = player.locator(`bt-video[data-item-id="${ids.videoB}"]`);
  await expect(second).toBeVisible({ timeout: 15_000 });
  const reused = await second.evaluate((el) => {
    const v = el.shadowRoot!.querySelector('video') as HTMLVideoElement & { testMark?: string };
    return { mark: v.testMark ?? null, videos: document.querySelectorAll('video').length };
  });
  expect(reused.mark).toBe('first clip');
  await expect.poll(() => second.evaluate((el) => el.shadowRoot!.querySelector('video')!.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.3);
});
