import type { Browser, Page } from '@playwright/test';
import type { Manifest } from '../../playlists/index.ts';
import { ApiClient } from './api.ts';
import { contentView, expect, newPlayer, onScreen, openAddForm, openItem, test } from './fixtures.ts';
import { storedManifest } from './player-storage.ts';
import { BangtinServer } from './server.ts';

let server: BangtinServer;
const TEMP = 'mật khẩu tạm 0123';
const OWN = 'mật khẩu riêng 0123';

test.beforeAll(async () => {
  server = await BangtinServer.start();
  const admin = await ApiClient.signIn(server);
  // Short slots, so several passes of the rotation fit in the test.
  await admin.setAllDurations(2_000);
  for (const [username, role] of [['bientap', 'editor'], ['pheduyet', 'approver']] as const) {
    await admin.call('POST', '/api/users', { username, role, password: TEMP });
  }
});
test.afterAll(async () => {
  await server.dispose();
});

/** Signs in in a context of its own and changes the temporary password, as a new user must. */
async function signInNew(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(server.adminUrl);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(TEMP);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByLabel('Mật khẩu hiện tại').fill(TEMP);
  await page.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill(OWN);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(OWN);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(contentView(page)).toBeVisible();
  return page;
}

/** Every text the player shows while the rotation runs `passes` times. */
async function textsShown(player: Page, manifest: Manifest, passes: number): Promise<Set<string>> {
  const clipMs = (id: string) => manifest.media.find((m) => m.id === id)?.durationMs ?? 0;
  const passMs = manifest.items.reduce((sum, i) => sum + (i.kind === 'video' && i.playToEnd ? clipMs(i.media) : i.durationMs), 0);
  const seen = new Set<string>();
  const until = Date.now() + passes * passMs;
  while (Date.now() < until) {
    seen.add((await onScreen(player)).text);
    await player.waitForTimeout(200);
  }
  return seen;
}

test('an editor submits, an approver rejects one item with a reason and approves another, and screens get only the approved one', async ({ browser, context, problems }) => {
  const stamp = Date.now() % 10_000;
  // The editor's first submission, which the approver opens and the editor then replaces.
  const firstText = `Bản đầu người duyệt đã mở ${stamp}`;
  const approvedText = `Học nghề hôm nay, vững nghề ngày mai ${stamp}`;
  const rejectedText = `Khẩu hiệu bị trả lại ${stamp}`;
  const reason = 'Sai thông tin liên hệ, đề nghị sửa lại';

  // The editor edits an item on air and writes a new one, then submits both.
  const editor = await signInNew(browser, 'bientap');
  editor.on('pageerror', (e) => problems.list.push(`editor page error: ${e.message}`));
  editor.on('console', (m) => m.type() === 'error' && problems.list.push(`editor console error: ${m.text()}`));
  await expect(editor.locator('nav button', { hasText: 'Duyệt nội dung' })).toHaveCount(0);
  await expect(editor.getByRole('button', { name: 'Xuất bản', exact: true })).toHaveCount(0);
  const rows = editor.locator('bt-item-order li[role=option]');
  const edited = await openItem(editor, 0);
  const editedId = (await edited.getAttribute('data-item-id'))!;
  const onAirText = await edited.locator('textarea[name=text]').inputValue();
  await edited.locator('textarea[name=text]').fill(firstText);
  await edited.locator('textarea[name=text]').blur();
  await expect(edited.locator('[data-review-state]')).toHaveText('Nháp');
  await edited.getByRole('button', { name: 'Gửi duyệt' }).click();
  await expect(edited.locator('[data-review-state]')).toHaveText('Chờ duyệt');

  const count = await rows.count();
  const form = await openAddForm(editor);
  await form.locator('textarea[name=text]').fill(rejectedText);
  await form.locator('input[name=duration]').fill('2');
  await editor.getByRole('button', { name: 'Thêm vào danh sách' }).click();
  await expect(rows).toHaveCount(count + 1);
  // The new item opens in the editor.
  const freshId = (await rows.nth(count).getAttribute('data-order-id'))!;
  const fresh = editor.locator(`bt-item-editor[data-item-id="${freshId}"]`);
  await expect(fresh).toBeVisible();
  await fresh.getByRole('button', { name: 'Gửi duyệt' }).click();
  await expect(fresh.locator('[data-review-state]')).toHaveText('Chờ duyệt');

  // An editor has no approve button anywhere, and the server refuses a direct approval.
  await expect(editor.getByRole('button', { name: 'Duyệt', exact: true })).toHaveCount(0);
  const direct = await editor.request.post(`${server.origin}/api/content/${editedId}/approve`, { headers: { Origin: server.origin } });
  expect(direct.status()).toBe(403);
  expect((await direct.json()).error.code).toBe('forbidden');

  // The approver sees both in the queue, each beside what is on air now.
  const approver = await signInNew(browser, 'pheduyet');
  approver.on('pageerror', (e) => problems.list.push(`approver page error: ${e.message}`));
  // The one refused request the test makes on purpose (409 submission_changed) is logged by Chromium.
  let expectConflict = false;
  approver.on('console', (m) => {
    if (m.type() !== 'error' || (expectConflict && /status of 409/.test(m.text()))) return;
    problems.list.push(`approver console error: ${m.text()}`);
  });
  await expect(approver.locator('bt-playlist-editor [data-awaiting]')).toHaveText('2 nội dung chờ duyệt');
  await approver.getByRole('button', { name: 'Duyệt nội dung' }).click();
  await approver.bringToFront();
  const queue = approver.locator('bt-approval-queue article');
  await expect(queue).toHaveCount(2);
  const editedRow = approver.locator(`bt-approval-queue article[data-item-id="${editedId}"]`);
  const freshRow = approver.locator(`bt-approval-queue article[data-item-id="${freshId}"]`);
  await expect(editedRow.locator('.on-air bt-item-preview .screen')).toHaveAttribute('data-width', '384');
  await expect(editedRow.locator('.submitted bt-item-preview .screen')).toHaveAttribute('data-width', '384');
  await expect(editedRow.locator('.on-air').getByText(onAirText)).toBeVisible();
  await expect(editedRow.locator('.submitted').getByText(firstText)).toBeVisible();
  await expect(editedRow.locator('tr[data-field=text]')).toContainText(firstText);
  await expect(freshRow.locator('.on-air')).toContainText('Chưa có trên màn hình');
  await expect(freshRow.locator('.submitted').getByText(rejectedText)).toBeVisible();
  await expect(editedRow).toContainText('Gửi bởi bientap');

  // Another profile re-renders both previews at that size.
  await approver.locator('bt-approval-queue select[name=profile]').selectOption('192x96');
  await expect(editedRow.locator('.on-air bt-item-preview .screen')).toHaveAttribute('data-width', '192');
  await expect(editedRow.locator('.submitted bt-item-preview .screen')).toHaveAttribute('data-width', '192');

  // A rejection needs a reason.
  await freshRow.getByRole('button', { name: 'Từ chối' }).click();
  await freshRow.getByRole('button', { name: 'Gửi từ chối' }).click();
  await expect(freshRow.getByRole('alert')).toHaveText('Hãy ghi lý do từ chối.');
  await freshRow.locator('textarea[name=reason]').fill(reason);
  await freshRow.getByRole('button', { name: 'Gửi từ chối' }).click();
  await expect(approver.locator('bt-approval-queue [role=status]')).toHaveText('Đã từ chối và gửi lý do cho người soạn.');
  await expect(queue).toHaveCount(1);

  // While the approver looks at the first submission, the editor changes it and submits again.
  await editor.bringToFront();
  await openItem(editor, editedId);
  await edited.locator('textarea[name=text]').fill(approvedText);
  await edited.locator('textarea[name=text]').blur();
  await expect(edited.locator('[data-review-state]')).toHaveText('Nháp');
  await edited.getByRole('button', { name: 'Gửi duyệt' }).click();
  await expect(edited.locator('[data-review-state]')).toHaveText('Chờ duyệt');
  await approver.bringToFront();
  // Approving what they saw approves nothing: they are told, and shown the new submission.
  await expect(editedRow.locator('tr[data-field=text]')).toContainText(firstText);
  expectConflict = true;
  await editedRow.getByRole('button', { name: 'Duyệt', exact: true }).click();
  await expect(approver.locator('bt-approval-queue [role=status]')).toContainText('Người soạn đã sửa và gửi lại nội dung này sau khi bạn mở');
  expectConflict = false;
  await expect(editedRow.locator('[role=note]')).toHaveText('Đây là bản mới vừa được gửi lại. Hãy xem kỹ trước khi duyệt.');
  // (At 192×96 a long line scrolls, drawn twice: the first copy is the one read aloud.)
  await expect(editedRow.locator('.submitted').getByText(approvedText).first()).toBeVisible();
  await expect(editedRow.locator('tr[data-field=text]')).toContainText(approvedText);

  await editedRow.getByRole('button', { name: 'Duyệt', exact: true }).click();
  await expect(approver.locator('bt-approval-queue [role=status]')).toContainText('Đã duyệt. Nội dung lên màn hình khi bấm «Xuất bản»');
  await expect(approver.locator('bt-approval-queue')).toContainText('Không có nội dung nào chờ duyệt.');

  await approver.getByRole('button', { name: 'Nội dung phát' }).click();
  await approver.getByRole('button', { name: 'Xuất bản', exact: true }).click();
  await expect(approver.locator('bt-playlist-editor [role=status]')).toContainText('Đã xuất bản phiên bản');

  // The editor sees the approver's reason on the rejected item.
  await editor.reload();
  await expect((await openItem(editor, freshId)).locator('[data-review-state]')).toHaveText(`Bị từ chối: ${reason}`);
  await expect((await openItem(editor, editedId)).locator('[data-review-state]')).toHaveText('Đã duyệt');

  // A screen shows the approved version and never the rejected item, over several passes.
  const player = await newPlayer(context, server.demoPlayerUrl);
  await player.bringToFront();
  await expect.poll(async () => (await storedManifest(player))?.items.some((i) => i.id === editedId && i.kind === 'slogan' && i.text === approvedText)).toBe(true);
  const manifest = (await storedManifest(player))!;
  expect(manifest.items.map((i) => i.id)).not.toContain(freshId);
  expect(manifest.playlists.flatMap((p) => p.itemIds)).toContain(freshId);
  const seen = await textsShown(player, manifest, 2);
  expect([...seen].some((t) => t.includes(approvedText))).toBe(true);
  expect([...seen].some((t) => t.includes(rejectedText))).toBe(false);
  expect([...seen].some((t) => t.includes(firstText))).toBe(false);
  expect([...seen].some((t) => t.includes(onAirText) && !t.includes(approvedText))).toBe(false);
  expect([...seen].filter((t) => t.length > 0).length).toBeGreaterThan(3);

  await editor.context().close();
  await approver.context().close();
});
