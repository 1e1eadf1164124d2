import type { ContentEntry, PlaylistEntry } from '../../playlists/index.ts';
import { ApiClient } from './api.ts';
import { expect, openItem, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

// Issue 12, item 4: restoring a revision and archiving an item ask first, and say what they do.

let server: BangtinServer;
let client: ApiClient;

test.beforeAll(async () => {
  server = await BangtinServer.start();
  client = await ApiClient.signIn(server);
});
test.afterAll(async () => {
  await server.dispose();
});

const slogan = { kind: 'slogan', theme: 3, durationMs: 6_000 };

/** A new slogan at the end of the city's default playlist. */
async function addSlogan(text: string): Promise<string> {
  const { item } = await client.call<ContentEntry>('POST', '/api/content', { ...slogan, text });
  const { playlists, defaultPlaylistId } = await client.call<{ playlists: PlaylistEntry[]; defaultPlaylistId: string }>('GET', '/api/playlists');
  const { id, name, itemIds } = playlists.find((p) => p.playlist.id === defaultPlaylistId)!.playlist;
  await client.call('PUT', `/api/playlists/${id}`, { name, itemIds: [...itemIds, item.id] });
  return item.id;
}

test('restoring shows what it would change on air and restores only when confirmed', async ({ page, problems }) => {
  void problems; // fails the test on any page or console error
  const older = 'Học nghề hôm nay';
  const newer = 'Học nghề hôm nay, vững nghề ngày mai';
  const id = await addSlogan(older);
  const { revision: olderRevision } = await client.call<{ revision: number }>('POST', '/api/publish');
  await client.call('PUT', `/api/content/${id}`, { ...slogan, text: newer });
  const { revision: latest } = await client.call<{ revision: number }>('POST', '/api/publish');

  await signInAdmin(page, server);
  await page.getByRole('button', { name: 'Lịch sử xuất bản' }).click();
  const row = page.locator(`bt-revision-list tr[data-revision="${olderRevision}"]`);
  await row.getByRole('button', { name: 'Khôi phục' }).click();

  const dialog = page.getByRole('dialog', { name: `Khôi phục phiên bản ${olderRevision}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('bt-revision-diff h2')).toHaveText(`Khôi phục phiên bản ${olderRevision} sẽ thay đổi so với phiên bản ${latest} đang phát`);
  const change = dialog.locator(`section.change[data-kind=item][data-id="${id}"]`);
  await expect(change).toHaveAttribute('data-state', 'changed');
  // Before: what screens have now; after: what the restore puts back.
  await expect(change.locator('tr[data-field=text] td.before')).toHaveText(newer);
  await expect(change.locator('tr[data-field=text] td.after')).toHaveText(older);
  await page.screenshot({ path: 'test-results/restore-confirm/ask.png' });

  // No: nothing is restored.
  await dialog.getByRole('button', { name: 'Không khôi phục' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('bt-revision-list [role=status]')).toHaveCount(0);
  expect((await client.call<{ revisions: { number: number }[] }>('GET', '/api/revisions')).revisions[0]!.number).toBe(latest);

  // Yes: a new revision with the older text.
  await row.getByRole('button', { name: 'Khôi phục' }).click();
  await expect(dialog.locator('section.change')).toHaveCount(1);
  await dialog.getByRole('button', { name: `Khôi phục phiên bản ${olderRevision}` }).click();
  await expect(page.locator('bt-revision-list [role=status]')).toHaveText(`Đã khôi phục thành phiên bản ${latest + 1}.`);
  const item = await client.call<ContentEntry>('GET', `/api/content/${id}`);
  expect(item.item).toMatchObject({ text: older });
});

test("archive sits in the editor's footer, not beside the title, and asks first", async ({ page, problems }) => {
  void problems;
  const text = 'Tuổi trẻ chọn nghề, vững bước tương lai';
  const id = await addSlogan(text);
  await signInAdmin(page, server);
  const editor = await openItem(page, id);
  await expect(editor.locator('[data-review-state]')).toHaveText('Đã duyệt');
  await expect(editor.locator('header button[name=archive]')).toHaveCount(0);
  const archive = editor.locator('footer button[name=archive]');
  await expect(archive).toBeVisible();
  await expect(archive).toHaveText('Lưu trữ');

  await archive.click();
  const ask = page.getByRole('dialog', { name: `Lưu trữ «${text}»?` });
  await expect(ask).toContainText('rời khỏi các màn hình');
  await ask.getByRole('button', { name: 'Không' }).click();
  await expect(ask).toBeHidden();
  await expect(editor.locator('[data-review-state]')).toHaveText('Đã duyệt');

  await archive.click();
  await ask.getByRole('button', { name: 'Lưu trữ' }).click();
  await expect(editor.locator('[data-review-state]')).toHaveText('Lưu trữ');
  await expect(editor.locator('footer button[name=unarchive]')).toBeVisible();
});
