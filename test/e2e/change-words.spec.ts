import type { PlaylistEntry, ScheduleEntry } from '../../playlists/index.ts';
import { ApiClient } from './api.ts';
import { expect, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

// Issue 12, item 7: the revision diff and the audit log speak Vietnamese with names: no ids, no
// English words, no rule codes except as a tooltip.

let server: BangtinServer;
let client: ApiClient;

test.beforeAll(async () => {
  server = await BangtinServer.start();
  client = await ApiClient.signIn(server);
});
test.afterAll(async () => {
  await server.dispose();
});

const ENGLISH = /\b(send|cancel|emergency|media|normal|priority|true|false|null|undefined|update|create)\b/i;
/** Ids as the server makes them (`c_1qYaPp9EQt-7`), and JSON. */
const ID_OR_JSON = /\b[a-z]{1,4}_[A-Za-z0-9_-]{6,}\b|[{}]|"\w+":/;

test('a schedule change and an emergency read as sentences with names in the history and the audit log', async ({ page, problems }) => {
  void problems; // fails the test on any page or console error
  const { playlists, defaultPlaylistId } = await client.call<{ playlists: PlaylistEntry[]; defaultPlaylistId: string }>('GET', '/api/playlists');
  const playlist = playlists.find((p) => p.playlist.id === defaultPlaylistId)!.playlist;
  const fields = (start: string, end: string) => ({
    name: 'Tết', playlistId: playlist.id, target: { all: true }, time: { startDate: '2027-02-01', windows: [{ start, end }] },
  });
  const { schedule } = await client.call<ScheduleEntry>('POST', '/api/schedules', fields('07:00', '21:00'));
  await client.call('POST', '/api/publish');
  await client.call('PUT', `/api/schedules/${schedule.id}`, fields('06:00', '22:00'));
  const { revision } = await client.call<{ revision: number }>('POST', '/api/publish');
  const sent = await client.call<{ scheduleId: string }>('POST', '/api/emergencies', { text: 'Bão số 3: hạn chế ra đường' });
  await client.call('DELETE', `/api/emergencies/${sent.scheduleId}`);

  await signInAdmin(page, server);
  await page.getByRole('button', { name: 'Lịch sử xuất bản' }).click();
  await page.locator(`bt-revision-list tr[data-revision="${revision}"]`).getByRole('button', { name: 'Xem thay đổi' }).click();
  const diff = page.locator('bt-revision-diff');
  const change = diff.locator(`section.change[data-kind=schedule]`);
  await expect(change.locator('ul.sentences li')).toHaveText(['Lịch «Tết»: 07:00–21:00 → 06:00–22:00']);
  await expect(change.locator('tr[data-field=playlistId] td.after')).toHaveText(`«${playlist.name}»`);
  const diffText = await diff.innerText();
  expect(diffText).not.toMatch(ENGLISH);
  expect(diffText).not.toMatch(ID_OR_JSON);
  expect(diffText).not.toContain(schedule.id);
  await diff.screenshot({ path: 'test-results/change-words/diff.png' });

  await page.getByRole('button', { name: 'Nhật ký' }).click();
  const log = page.locator('bt-audit-log');
  const sentRow = log.locator('tr[data-entry-id]', { hasText: 'Phát' }).filter({ hasText: 'Tin khẩn cấp «Bão số 3: hạn chế ra đường»' });
  await expect(sentRow).toHaveCount(1);
  await expect(log.locator('tr[data-entry-id]', { hasText: 'Hủy' }).filter({ hasText: 'Tin khẩn cấp' })).toHaveCount(1);
  await expect(log.locator('tr[data-entry-id] ul.change li', { hasText: 'Lịch «Tết»: 07:00–21:00 → 06:00–22:00' })).toHaveCount(1);
  const logText = await log.locator('table').innerText();
  expect(logText).not.toMatch(ENGLISH);
  expect(logText).not.toMatch(ID_OR_JSON);
  // Opened, a change shows the values as stored, as text.
  await sentRow.locator('details > summary').click();
  await expect(sentRow.locator('pre')).toContainText('Bão số 3: hạn chế ra đường');
  await page.screenshot({ path: 'test-results/change-words/audit.png' });
});
