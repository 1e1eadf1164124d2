import type { Browser, Page } from '@playwright/test';
import { ApiClient } from './api.ts';
import { contentView, expect, newPlayer, onScreen, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

/**
 * Ward isolation end to end (issue 5): two ward operators in two browsers each see and change
 * only their own ward; the other's ids answer 404 and change nothing; a ward's local message
 * plays on its own screen and never on the other's. Then a token rotation in the admin page
 * sends the open player to the pairing screen.
 */
let server: BangtinServer;
let admin: ApiClient;
const TEMP = 'mật khẩu tạm thời 01';
const OWN = 'mật khẩu riêng của phường';

interface Ward {
  code: string;
  name: string;
  user: string;
  screenId: string;
  playerUrl: string;
  message: string;
}
const wards: Record<'a' | 'b' | 'c', Ward> = {
  a: { code: '00004', name: 'Phường Ba Đình', user: 'phuong.badinh', screenId: '', playerUrl: '', message: 'Ba Đình tuyển sinh học nghề miễn phí' },
  b: { code: '00070', name: 'Phường Hoàn Kiếm', user: 'phuong.hoankiem', screenId: '', playerUrl: '', message: 'Hoàn Kiếm mở lớp nghề điện tử' },
  // Works only through the admin page (the last tests).
  c: { code: '00008', name: 'Phường Ngọc Hà', user: 'phuong.ngocha', screenId: '', playerUrl: '', message: 'Ngọc Hà: đăng ký học nghề hàn miễn phí' },
};

test.beforeAll(async () => {
  server = await BangtinServer.start();
  admin = await ApiClient.signIn(server);
  // Short items and one local item after every city item, so a rotation is seen quickly.
  await admin.setAllDurations(2_500);
  await admin.call('PUT', '/api/ward-share', { everyCityItems: 1, maxPercent: 50, wards: {} });
  for (const w of Object.values(wards)) {
    await admin.call('POST', '/api/wards', { code: w.code, name: w.name, kind: 'phuong' });
    await admin.call('POST', '/api/users', { username: w.user, role: 'ward_operator', wardCode: w.code, password: TEMP });
    const created = await admin.call<{ screen: { id: string }; playerUrl: string }>('POST', '/api/screens', {
      name: `Bảng tin ${w.name}`, wardCode: w.code, locationKind: 'ward_office',
    });
    w.screenId = created.screen.id;
    w.playerUrl = created.playerUrl;
  }
});
test.afterAll(async () => {
  await server.dispose();
});

/** Signs in with the temporary password in a browser of its own and sets the operator's own. */
async function operatorPage(browser: Browser, w: Ward): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await signInFirstTime(page, w.user);
  return page;
}

/** Signs in with the temporary password and sets the user's own, in the admin page. */
async function signInFirstTime(page: Page, username: string): Promise<void> {
  await page.goto(server.adminUrl);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(TEMP);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByLabel('Mật khẩu hiện tại').fill(TEMP);
  await page.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill(OWN);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(OWN);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.locator('nav')).toBeVisible();
}

/** A request from the operator's own page (its session cookie, its Origin). */
function fetchAs(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return page.evaluate(async ({ method, path, body }) => {
    const res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: res.status === 204 ? null : await res.json() };
  }, { method, path, body });
}

/** The operator writes a local message, lists it, schedules it on its own screen and publishes. */
async function publishLocalMessage(page: Page, w: Ward): Promise<{ itemId: string; playlistId: string; scheduleId: string }> {
  const item = await fetchAs(page, 'POST', '/api/content', { kind: 'slogan', theme: 3, durationMs: 2_500, text: w.message });
  expect(item.status).toBe(201);
  const itemId = (item.json as { item: { id: string } }).item.id;
  const playlist = await fetchAs(page, 'POST', '/api/playlists', { name: `Tin riêng ${w.name}`, itemIds: [itemId] });
  expect(playlist.status).toBe(201);
  const playlistId = (playlist.json as { playlist: { id: string } }).playlist.id;
  const schedule = await fetchAs(page, 'POST', '/api/schedules', {
    name: `Tin riêng ${w.name}`, playlistId, ownerWard: w.code, target: { screenIds: [w.screenId] }, time: { startDate: '2020-01-01' },
  });
  expect(schedule.status).toBe(201);
  expect((await fetchAs(page, 'POST', '/api/publish')).status).toBe(201);
  return { itemId, playlistId, scheduleId: (schedule.json as { schedule: { id: string } }).schedule.id };
}

test('two ward operators each see and change only their own ward, and each message plays only on its ward\'s screen', async ({ browser, context }) => {
  test.setTimeout(120_000);
  const pageA = await operatorPage(browser, wards.a);
  const pageB = await operatorPage(browser, wards.b);

  for (const [page, w] of [[pageA, wards.a], [pageB, wards.b]] as const) {
    await page.getByRole('button', { name: 'Màn hình' }).click();
    const rows = page.locator('bt-screen-list [data-screen-id]');
    await expect(rows).toHaveCount(1);
    await expect(rows).toHaveAttribute('data-screen-id', w.screenId);
  }

  const a = await publishLocalMessage(pageA, wards.a);
  const b = await publishLocalMessage(pageB, wards.b);

  // A's attempts on B's ids: exactly what a missing id answers, and B's objects stay as they were.
  const beforeB = await admin.call('GET', `/api/schedules/${b.scheduleId}`);
  const beforeItem = await admin.call('GET', `/api/content/${b.itemId}`);
  const attempts: [string, string, string, unknown?][] = [
    ['GET', `/api/content/${b.itemId}`, '/api/content/c_missing'],
    ['PUT', `/api/content/${b.itemId}`, '/api/content/c_missing', { kind: 'slogan', theme: 3, durationMs: 2_500, text: 'Chiếm quyền' }],
    ['DELETE', `/api/content/${b.itemId}`, '/api/content/c_missing'],
    ['PUT', `/api/playlists/${b.playlistId}`, '/api/playlists/p_missing', { name: 'Chiếm', itemIds: [a.itemId] }],
    ['PUT', `/api/schedules/${b.scheduleId}`, '/api/schedules/sch_missing', {
      name: 'Chiếm', playlistId: a.playlistId, ownerWard: wards.a.code, target: { screenIds: [wards.a.screenId] }, time: { startDate: '2020-01-01' },
    }],
    ['DELETE', `/api/schedules/${b.scheduleId}`, '/api/schedules/sch_missing'],
    ['GET', `/api/timeline?screenId=${wards.b.screenId}&date=2026-11-26`, '/api/timeline?screenId=s_missing&date=2026-11-26'],
  ];
  for (const [method, path, missingPath, body] of attempts) {
    const foreign = await fetchAs(pageA, method, path, body);
    const missing = await fetchAs(pageA, method, missingPath, body);
    expect({ path, status: foreign.status }).toEqual({ path, status: 404 });
    expect(foreign.json).toEqual(missing.json);
  }
  expect(await admin.call('GET', `/api/schedules/${b.scheduleId}`)).toEqual(beforeB);
  expect(await admin.call('GET', `/api/content/${b.itemId}`)).toEqual(beforeItem);
  const listed = await fetchAs(pageA, 'GET', '/api/content');
  expect(JSON.stringify(listed.json)).not.toContain(b.itemId);

  // Each ward's message plays on its own screen, between city items, and never on the other's.
  const playerA = await newPlayer(context, wards.a.playerUrl);
  const playerB = await newPlayer(context, wards.b.playerUrl);
  const seen = { a: new Set<string>(), b: new Set<string>() };
  await expect.poll(async () => {
    seen.a.add((await onScreen(playerA)).text);
    seen.b.add((await onScreen(playerB)).text);
    return [...seen.a].some((s) => s.includes(wards.a.message)) && [...seen.b].some((s) => s.includes(wards.b.message)) && seen.a.size >= 3;
  }, { timeout: 60_000, intervals: [400] }).toBe(true);
  expect([...seen.a].filter((s) => s.includes(wards.b.message))).toEqual([]);
  expect([...seen.b].filter((s) => s.includes(wards.a.message))).toEqual([]);
  await pageA.context().close();
  await pageB.context().close();
});

test('rotating a screen\'s token in the admin page sends its open player to pairing; the new link plays', async ({ page, context }) => {
  const player = await newPlayer(context, wards.a.playerUrl);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signInAdmin(page, server);
  await page.getByRole('button', { name: 'Màn hình' }).click();
  const row = page.locator(`bt-screen-list [data-screen-id="${wards.a.screenId}"]`);
  await expect(row).toHaveAttribute('data-connected', 'true');
  await row.getByRole('button', { name: `Mã kết nối của màn hình Bảng tin ${wards.a.name}` }).click();
  const dialog = page.locator('bt-screen-token dialog');
  await dialog.getByRole('button', { name: 'Cấp mã mới' }).click();
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
  const link = dialog.locator('input[name="player-url"]');
  await expect(link).toHaveValue(/\/player\/\?token=/);
  await expect(dialog.getByRole('button', { name: 'Sao chép' })).toBeVisible();
  const newUrl = await link.inputValue();
  expect(newUrl).not.toBe(wards.a.playerUrl);

  await expect(player.locator('bt-player')).toHaveAttribute('data-state', 'pairing');
  await expect(player.locator('bt-pairing[data-code]')).toBeVisible();

  await dialog.getByRole('button', { name: 'Đóng' }).click();
  await expect(dialog).not.toBeVisible();
  // The link was shown once: nothing on the page holds it now.
  expect(await page.content()).not.toContain('token=');
  await player.goto(newUrl);
  await expect(player.locator('bt-player[data-manifest-version]')).toBeAttached();
  await expect(row).toHaveAttribute('data-connected', 'true');
});

test('a ward operator, in the admin page only, creates the ward\'s list, adds a slogan, schedules and publishes it, and the ward\'s screen plays it between city items', async ({ page, context }) => {
  test.setTimeout(120_000);
  const w = wards.c;
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signInFirstTime(page, w.user);
  await expect(page.locator('header [data-ward]')).toHaveText(`Làm việc cho ${w.name}`);

  // Content: no city playlist, a heading naming the ward, and the one button to start.
  const editor = page.locator('bt-playlist-editor');
  await expect(editor.locator('h2')).toHaveText(`Tin của ${w.name}`);
  await expect(editor.locator('bt-item-editor')).toHaveCount(0);
  await editor.getByRole('button', { name: 'Tạo danh sách tin của phường/xã' }).click();
  await expect(editor.locator('select[name="playlist"] option')).toHaveText([`Tin riêng của ${w.name}`]);

  // A slogan, seen in the live preview before it is added.
  const add = editor.locator('bt-item-add');
  await add.locator('textarea[name=text]').fill(w.message);
  await add.locator('input[name=duration]').fill('3');
  await expect(add.locator('bt-item-preview').getByText(w.message)).toBeVisible();
  await add.getByRole('button', { name: 'Thêm vào danh sách' }).click();
  // It opens in the editor, chosen in the list.
  await expect(editor.locator('bt-item-editor')).toHaveCount(1);
  await expect(editor.locator('bt-item-order li[aria-selected=true]')).toContainText(w.message);

  // Schedule: the ward's screens at normal tier, fixed; its own playlist only; its share explained.
  await page.locator('button[data-view=schedules]').click();
  const view = page.locator('bt-schedule-view');
  await expect(view.locator('[data-share]')).toContainText(`Tin của ${w.name}`);
  await expect(view.locator('[data-share]')).toContainText('tối đa 50%');
  await expect(view.locator('bt-emergency-panel')).toHaveCount(0);
  await view.getByRole('button', { name: 'Thêm lịch phát' }).click();
  const form = view.locator('bt-schedule-editor');
  await expect(form.locator('output[name=target]')).toHaveText(`Mọi màn hình của ${w.name}`);
  await expect(form.locator('output[name=tier]')).toContainText('Thông thường');
  await expect(form.locator('select[name=tier], select[name=ownerWard], input[name=all]')).toHaveCount(0);
  await expect(form.locator('select[name=playlistId] option')).toHaveText([`Tin riêng của ${w.name}`]);
  await form.getByLabel('Tên lịch').fill('Tuyển sinh học nghề');
  await form.getByRole('button', { name: 'Lưu lịch' }).click();
  // The fixed fields of the editor are <output>s (role status) too: look for the message itself.
  await expect(view.getByRole('status').filter({ hasText: 'Đã lưu bản nháp lịch phát' })).toBeVisible();
  await expect(view.locator('tr[data-schedule-id]')).toHaveCount(1);

  // Screens: its own screen, without the admin's actions.
  await page.locator('button[data-view=screens]').click();
  const screens = page.locator('bt-screen-list');
  await expect(screens.locator('h2')).toHaveText(`Màn hình của ${w.name}`);
  await expect(screens.locator('[data-screen-id]')).toHaveCount(1);
  await expect(screens.locator('bt-screen-add, button.token:not([data-action=hours]):not([data-action=manage]), select[name=command]')).toHaveCount(0);
  // … but with its operating hours and its name, kind and tags, which a ward sets for its own screens.
  await expect(screens.locator('button[data-action=hours]')).toHaveCount(1);
  await expect(screens.locator('button[data-action=manage]')).toHaveCount(1);

  // Publish: the ward's drafts, to the ward's screens only.
  await page.locator('button[data-view=content]').click();
  await editor.getByRole('button', { name: 'Xuất bản', exact: true }).click();
  await expect(editor.getByRole('status').filter({ hasText: `chỉ các màn hình của ${w.name} nhận tin này` })).toBeVisible();

  // The ward's player shows it between city items; the neighbouring ward's never does.
  const player = await newPlayer(context, w.playerUrl);
  const other = await newPlayer(context, wards.b.playerUrl);
  const shown: string[] = [];
  const elsewhere = new Set<string>();
  await expect.poll(async () => {
    const text = (await onScreen(player)).text;
    if (text && shown[shown.length - 1] !== text) shown.push(text);
    elsewhere.add((await onScreen(other)).text);
    const at = shown.findIndex((s, i) => i > 0 && s.includes(w.message));
    return at > 0 && shown.length > at + 1 && !shown[at - 1]!.includes(w.message) && !shown[at + 1]!.includes(w.message);
  }, { timeout: 60_000, intervals: [300] }).toBe(true);
  expect([...elsewhere].filter((s) => s.includes(w.message))).toEqual([]);
});

test('a city editor\'s page works as before: the city playlist, all tiers offered to schedulers, no ward heading', async ({ page }) => {
  await admin.call('POST', '/api/users', { username: 'bien.tap', role: 'editor', password: TEMP });
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInFirstTime(page, 'bien.tap');
  await expect(page.locator('header [data-ward]')).toHaveCount(0);
  const editor = page.locator('bt-playlist-editor');
  await expect(contentView(page)).toBeVisible();
  await expect(editor.locator('h2')).toContainText('Danh sách phát:');
  await expect(editor.locator('bt-ward-playlist-start, select[name="ward-playlist"]')).toHaveCount(0);
  // An editor's drafts wait for an approver: no publish button to answer 403.
  await expect(editor.locator('[data-action=publish]')).toHaveCount(0);
  // The city's list holds no ward's local message.
  const list = editor.locator('bt-item-order');
  expect(await list.locator('li[role=option]').count()).toBeGreaterThan(0);
  await list.locator('input[name=item-search]').fill(wards.c.message);
  await expect(list.locator('[data-shown]')).toHaveAttribute('data-shown', '0');

  // An approver's schedule editor still offers every tier, owner and target.
  await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
  await signInAdmin(page, server);
  await page.locator('button[data-view=schedules]').click();
  const view = page.locator('bt-schedule-view');
  await expect(view.locator('bt-emergency-panel')).toHaveCount(1);
  await view.getByRole('button', { name: 'Thêm lịch phát' }).click();
  const form = view.locator('bt-schedule-editor');
  await expect(form.locator('select[name=tier] option')).toHaveText(['Thông thường', 'Ưu tiên', 'Khẩn cấp']);
  await expect(form.locator('select[name=ownerWard]')).toBeVisible();
  await expect(form.locator('input[name=all]')).toBeChecked();
});
