import type { Page } from '@playwright/test';
import { dayNumberAt } from '../../playlists/schedule.ts';
import { dateOf, mondayOf } from '../../admin/week-calendar.ts';
import { ApiClient } from './api.ts';
import { expect, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

let server: BangtinServer;
let api: ApiClient;
let playlistId: string;
const MONDAY = mondayOf(dayNumberAt(Date.now()));
type Time = { startDate: string; endDate: string | null; weekdays: number[]; windows: { start: string; end: string }[]; startsAt?: string };

test.beforeAll(async () => {
  server = await BangtinServer.start();
  api = await ApiClient.signIn(server);
  playlistId = (await api.call<{ defaultPlaylistId: string }>('GET', '/api/playlists')).defaultPlaylistId;
});
test.afterAll(async () => {
  await server.dispose();
});

const timeOf = async (id: string) => (await api.call<{ schedule: { time: Time } }>('GET', `/api/schedules/${id}`)).schedule.time;

/** Drags with the mouse from the middle of `from` by (dx, dy) pixels. */
async function drag(page: Page, box: { x: number; y: number; width: number; height: number }, startY: number, dx: number, dy: number) {
  const x = box.x + box.width / 2;
  const y = box.y + startY;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
  await page.mouse.move(x + dx, y + dy, { steps: 4 });
  await page.mouse.up();
}

test('the week calendar shows schedules where they run, moves one by drag or arrow keys, and a drag on an empty day starts a new one there', async ({ page }) => {
  const monday = dateOf(MONDAY);
  const { schedule } = await api.call<{ schedule: { id: string } }>('POST', '/api/schedules', {
    name: 'Sáng thứ hai', playlistId, target: { all: true }, time: { startDate: monday, weekdays: [1], windows: [{ start: '08:00', end: '10:00' }] },
  });
  // Clipped to its exact start: Wednesday from 10:30, all day after.
  await api.call('POST', '/api/schedules', {
    name: 'Từ trưa thứ tư', playlistId, target: { all: true }, time: { startDate: monday, endDate: dateOf(MONDAY + 3), startsAt: `${dateOf(MONDAY + 2)}T10:30:00+07:00` },
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAdmin(page, server);
  await page.getByRole('button', { name: 'Lịch phát' }).click();
  const calendar = page.locator('bt-week-calendar');
  await expect(calendar.locator('.block')).toHaveCount(2);
  const block = calendar.locator(`.block[data-schedule-id="${schedule.id}"]`);
  await expect(block).toHaveAttribute('aria-label', `Sáng thứ hai: T2 ${monday.slice(8, 10)}/${monday.slice(5, 7)} 08:00–10:00`);
  await expect(calendar.getByRole('button', { name: /^Từ trưa thứ tư: T4 .* 10:30–24:00$/ })).toBeVisible();

  // Dragged one day right and one hour down (24 px an hour).
  await block.scrollIntoViewIfNeeded();
  const dayWidth = (await calendar.locator('.day').first().boundingBox())!.width;
  await drag(page, (await block.boundingBox())!, 12, dayWidth, 24);
  await expect(page.locator('bt-schedule-view p.ok')).toHaveText('Đã dời lịch «Sáng thứ hai».');
  await expect.poll(() => timeOf(schedule.id)).toMatchObject({ startDate: dateOf(MONDAY + 1), weekdays: [2], windows: [{ start: '09:00', end: '11:00' }] });

  // From the keyboard: back a day, and half an hour later; the schedule keeps the focus.
  await block.focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => timeOf(schedule.id)).toMatchObject({ startDate: monday, weekdays: [1] });
  await expect(block).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => timeOf(schedule.id)).toMatchObject({ windows: [{ start: '09:30', end: '11:30' }] });
  await expect(block).toHaveAttribute('aria-label', /09:30–11:30$/);

  // A drag over Friday 14:00–16:00 opens the editor for a one-day schedule then.
  const friday = calendar.locator('.day[data-column="4"]');
  const box = (await friday.boundingBox())!;
  await drag(page, box, 14 * 24 + 6, 0, 36);
  const editor = page.locator('bt-schedule-editor');
  await expect(editor).toBeVisible();
  await editor.locator('input[name=name]').fill('Chiều thứ sáu');
  await editor.locator('button[type=submit]').click();
  await expect(calendar.locator('.block')).toHaveCount(3);
  await expect(calendar.getByRole('button', { name: /^Chiều thứ sáu: T6 .* 14:00–16:00$/ })).toBeVisible();

  // From the keyboard: Saturday's heading is a button that opens the editor for that day.
  const saturday = calendar.getByRole('button', { name: /^Thêm lịch ngày T7 / });
  await saturday.focus();
  await page.keyboard.press('Enter');
  await expect(editor).toBeVisible();
  await editor.locator('input[name=name]').fill('Sáng thứ bảy');
  await editor.locator('button[type=submit]').click();
  await expect(calendar.locator('.block')).toHaveCount(4);
  await expect(calendar.getByRole('button', { name: /^Sáng thứ bảy: T7 .* 08:00–09:00$/ })).toBeVisible();
});
