import type { ContentEntry } from '../../playlists/index.ts';
import { expect, newPlayer, onScreen, openAddForm, openItem, signInAdmin, test } from './fixtures.ts';
import { ApiClient } from './api.ts';
import { storedManifest } from './player-storage.ts';
import { resolve } from '../../playlists/resolve.ts';
import { BangtinServer } from './server.ts';

let server: BangtinServer;
test.beforeAll(async () => {
  server = await BangtinServer.start();
  // Short slots (as an operator could set them) so a whole rotation fits in a test's patience.
  await (await ApiClient.signIn(server)).setAllDurations(3_000);
});
test.afterAll(async () => {
  await server.dispose();
});


test('an operator edits, reorders, adds, removes and re-times slogans, publishes, and the open player follows without a reload', async ({ context, problems }) => {
  const player = await newPlayer(context, server.demoPlayerUrl);
  const before = await player.locator('bt-player').getAttribute('data-manifest-version');
  await expect.poll(async () => (await onScreen(player)).text.length).toBeGreaterThan(0);
  let navigations = 0;
  player.on('framenavigated', (f) => {
    if (f === player.mainFrame()) navigations += 1;
  });

  const admin = await context.newPage();
  await admin.setViewportSize({ width: 1280, height: 900 });
  await signInAdmin(admin, server);
  const rows = admin.locator('bt-item-order li[role=option]');
  const initial = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id')!));
  expect(initial.length).toBeGreaterThanOrEqual(4);
  const [first, second, , , fifth] = initial as [string, string, string, string, string];

  // Edit the first slogan's text and its duration.
  const edited = `Tay nghề vững — tương lai sáng ${Date.now() % 10_000}`;
  const firstEditor = await openItem(admin, first);
  await firstEditor.locator('textarea[name=text]').fill(edited);
  await firstEditor.locator('input[name=duration]').fill('5');
  await firstEditor.locator('input[name=duration]').blur();
  await expect(firstEditor.locator('.badge')).toHaveText('Đã sửa — chưa xuất bản');
  // Move the second item up.
  await (await openItem(admin, second)).getByRole('button', { name: 'Lên' }).click();
  await expect(rows.nth(0)).toHaveAttribute('data-order-id', second);
  // Remove the fifth item.
  await (await openItem(admin, fifth)).getByRole('button', { name: 'Bỏ khỏi danh sách' }).click();
  await expect(admin.locator(`bt-item-order li[data-order-id="${fifth}"]`)).toHaveCount(0);
  await expect(admin.locator(`bt-item-editor[data-item-id="${fifth}"]`)).toHaveCount(0);
  // Add a slogan.
  const added = `Chọn nghề hợp mình, sống vững bằng nghề ${Date.now() % 10_000}`;
  const form = await openAddForm(admin);
  await form.locator('textarea[name=text]').fill(added);
  await form.locator('input[name=duration]').fill('6');
  await admin.getByRole('button', { name: 'Thêm vào danh sách' }).click();
  await expect(rows).toHaveCount(initial.length);

  await admin.getByRole('button', { name: 'Xuất bản', exact: true }).click();
  await expect(admin.getByRole('status')).toContainText('Đã xuất bản phiên bản 3');

  // The player applies the new manifest quickly, without reloading.
  await expect(player.locator('bt-player')).not.toHaveAttribute('data-manifest-version', before!, { timeout: 5_000 });
  const manifest = (await storedManifest(player))!;
  const order = manifest.playlists[0]!.itemIds;
  const byId = new Map(manifest.items.map((i) => [i.id, i]));
  expect(order.slice(0, 2)).toEqual([second, first]);
  expect(order).not.toContain(fifth);
  const firstItem = byId.get(first)!;
  expect(firstItem.kind === 'slogan' && firstItem.text).toBe(edited);
  expect(firstItem.durationMs).toBe(5_000);
  const addedItem = manifest.items.find((i) => i.kind === 'slogan' && i.text === added);
  expect(addedItem?.durationMs).toBe(6_000);
  expect(order[order.length - 1]).toBe(addedItem!.id);

  // Both texts come up on screen within one pass of the rotation (a clip that plays to its
  // end lasts as long as the clip).
  const clipMs = (id: string) => manifest.media.find((m) => m.id === id)?.durationMs ?? 0;
  const passMs = order.reduce((sum, id) => {
    const item = byId.get(id)!;
    return sum + (item.kind === 'video' && item.playToEnd ? clipMs(item.media) : item.durationMs);
  }, 0);
  await expect(player.getByText(edited)).toBeVisible({ timeout: passMs + 5_000 });
  await expect(player.getByText(added)).toBeVisible({ timeout: passMs + 5_000 });
  expect(navigations).toBe(0);

  // The admin lists the revision and sees the screen connected and current.
  await admin.locator('button[data-view=revisions]').click();
  await expect(admin.locator('bt-revision-list tr[data-revision]').first()).toHaveAttribute('data-revision', '3');
  await admin.locator('button[data-view=screens]').click();
  const row = admin.locator('bt-screen-list [data-screen-id]').first();
  await expect(row).toHaveAttribute('data-connected', 'true');
  await expect(row).toHaveAttribute('data-version', manifest.version);
  await expect(row).toContainText('mới nhất');
  expect(problems.list).toEqual([]);
});

test('the item on screen changes at once when its text is edited and published', async ({ context }) => {
  // Long slogan slots, so the slogan on screen is still there when the edit is published;
  // short slots for every other kind, so a slogan comes round soon.
  const client = await ApiClient.signIn(server);
  await client.setDurations((item) => (item.kind === 'slogan' ? 60_000 : 2_000));
  const slogans = (await client.call<{ items: ContentEntry[] }>('GET', '/api/content')).items.filter((e) => e.item.kind === 'slogan').map((e) => e.item.id);
  // The player's frames, both ways: the edit must come as a patch it checks and acknowledges.
  const frames: { dir: 'in' | 'out'; msg: { type: string; version?: string; patch?: { version: string } } }[] = [];
  context.on('page', (page) =>
    page.on('websocket', (ws) => {
      const keep = (dir: 'in' | 'out') => (event: { payload: string | Buffer }) => frames.push({ dir, msg: JSON.parse(event.payload.toString()) });
      ws.on('framereceived', keep('in'));
      ws.on('framesent', keep('out'));
    }),
  );
  const player = await newPlayer(context, server.demoPlayerUrl);
  const admin = await context.newPage();
  await signInAdmin(admin, server);
  // Wait for a slogan to be on screen with enough of its slot left to edit and publish. Slots
  // are anchored to the wall clock (playlists/SCHEDULE.md), so the slogan first seen may be near
  // its end; the resolver says when it ends, and the wait skips one with under 30 s left.
  let itemId: string | null = null;
  await expect
    .poll(async () => {
      const manifest = await storedManifest(player);
      const shownId = (await onScreen(player)).itemId;
      const now = Date.now();
      const main = manifest ? resolve(manifest, now).main : null;
      const fresh = main?.item && main.item.id === shownId && main.until - now > 30_000;
      itemId = fresh && slogans.includes(shownId!) ? shownId : null;
      return itemId;
    }, { timeout: 70_000 })
    .not.toBeNull();
  const text = `Học nghề — lập nghiệp ngay tại Thủ đô ${Date.now() % 10_000}`;
  await (await openItem(admin, itemId!)).locator('textarea[name=text]').fill(text);
  await admin.getByRole('button', { name: 'Xuất bản', exact: true }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Đã xuất bản phiên bản' })).toBeVisible();
  // The edited item changed, so the player re-resolves at once. Were it waiting for the next
  // boundary, the new text could not show before the rotation came round to this slogan again,
  // a full 60 s slot away, so this bound leaves room for a loaded machine and still tells.
  await expect(player.getByText(text)).toBeVisible({ timeout: 15_000 });
  // One item edited: a patch (playlists/PROTOCOL.md [P4]) rather than the whole manifest, checked
  // against its hash and acknowledged, and no resync asked for.
  const patch = frames.find((f) => f.dir === 'in' && f.msg.type === 'patch')?.msg.patch;
  expect(patch, 'a patch frame').toBeDefined();
  await expect.poll(() => frames.some((f) => f.dir === 'out' && f.msg.type === 'ack' && f.msg.version === patch!.version)).toBe(true);
  expect(frames.filter((f) => f.msg.type === 'resync')).toEqual([]);
});
