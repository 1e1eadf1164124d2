import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { formatLocalTime, toLocalIso, type ContentEntry } from '../../playlists/index.ts';
import { ApiClient } from './api.ts';
import { expect, openItem, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

// Issue 12, items 9 and 5: in an English browser the file choosers still speak Vietnamese (the
// native "Choose Files" / "No file chosen" is never drawn), and a fresh install explains how to
// import the ward list, with a template CSV to download.
let server: BangtinServer;
test.beforeAll(async () => {
  server = await BangtinServer.start();
});
test.afterAll(async () => {
  await server.dispose();
});
test.use({ locale: 'en-US' });

test('file choosers are drawn in Vietnamese and an empty ward list offers a template CSV', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAdmin(page, server);
  expect(await page.evaluate(() => navigator.language)).toBe('en-US');

  await page.getByRole('button', { name: 'Ảnh, video' }).click();
  const upload = page.locator('bt-media-upload').first();
  await expect(upload.locator('label.file-pick .file-button')).toHaveText(/^(Chọn tệp|Tải)/);
  // The native input, whose button and text follow the browser's language, is not drawn.
  const native = await upload.locator('input[type=file]').boundingBox();
  expect(native!.width * native!.height).toBeLessThanOrEqual(1);
  await expect(upload.locator('input[type=file]')).toHaveCSS('opacity', '0');

  await page.getByRole('button', { name: 'Xã, phường' }).click();
  const wards = page.locator('bt-ward-list');
  await expect(wards.locator('p.empty')).toHaveText('Chưa có xã, phường nào.');
  await expect(wards.locator('p.empty-help')).toContainText('tải tệp mẫu');
  await expect(wards.locator('label.file-pick')).toContainText('Chọn tệp CSV…');
  await expect(wards.locator('.file-name')).toHaveText('Chưa chọn tệp');
  const [download] = await Promise.all([page.waitForEvent('download'), wards.getByRole('button', { name: 'Tải tệp CSV mẫu' }).click()]);
  expect(download.suggestedFilename()).toBe('xa-phuong-mau.csv');
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.split('\n')[0]).toBe('code,name,type');

  // The template imports as it is.
  await wards.locator('input[type=file]').setInputFiles({ name: 'xa-phuong-mau.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(wards.locator('.file-name')).toHaveText('xa-phuong-mau.csv');
  await wards.getByRole('button', { name: 'Nhập từ CSV' }).click();
  await expect(wards.locator('tr[data-ward-code]')).toHaveCount(2);
  await expect(wards.locator('p.empty-help')).toHaveCount(0);
  expect(problems.list).toEqual([]);
});

test("the timeline's instant defaults to now", async ({ page, problems }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAdmin(page, server);
  const before = Date.now();
  await page.getByRole('button', { name: 'Lịch phát' }).click();
  const at = page.locator('bt-schedule-timeline input[name=at]');
  await expect(at).toBeVisible();
  const shown = await at.inputValue();
  expect([formatLocalTime(before), formatLocalTime(Date.now())]).toContain(shown);
  expect(problems.list).toEqual([]);
});

test("the browser's own form checks speak Vietnamese: an empty required field, a short password, a user name of the wrong form", async ({ page, problems }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.adminUrl);
  // Sign-in sent empty: the browser stops it, and its bubble carries our words.
  const username = page.getByLabel('Tên đăng nhập');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect.poll(() => username.evaluate((el: HTMLInputElement) => el.validationMessage)).toBe('Hãy điền mục này.');
  // Typing clears it: the field is valid again (the check runs anew at the next submit).
  await username.fill('admin');
  expect(await username.evaluate((el: HTMLInputElement) => el.validity.valid)).toBe(true);

  await signInAdmin(page, server);
  // A new user with a password under the minimum.
  await page.getByRole('button', { name: 'Người dùng' }).click();
  const create = page.locator('bt-user-list form.create');
  await create.locator('input[name=username]').fill('bientap.moi');
  const password = create.locator('input[name=password]');
  await password.fill('ngan');
  await create.locator('button[type=submit]').click();
  await expect.poll(() => password.evaluate((el: HTMLInputElement) => el.validationMessage)).toMatch(/^Cần ít nhất \d+ ký tự \(hiện có 4\)\.$/);
  // An invalid user name: the pattern's own explanation follows.
  await create.locator('input[name=username]').fill('A');
  await password.fill('mot-mat-khau-du-dai-2026');
  await create.locator('button[type=submit]').click();
  await expect
    .poll(() => create.locator('input[name=username]').evaluate((el: HTMLInputElement) => el.validationMessage))
    .toMatch(/^Giá trị chưa đúng dạng yêu cầu\. /);
  expect(problems.list).toEqual([]);
});

/**
 * What the page shows through every shadow root that reads as an English-browser date or time:
 * a native date or time input (drawn in the browser's language), a 12-hour time, a month-first
 * date, or a date field whose text is not its value written day first.
 */
async function localeLeaks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const leaks: string[] = [];
    const where = (node: Node) => (node.getRootNode() as ShadowRoot).host?.localName ?? 'document';
    const twelveHour = /\b\d{1,2}(:\d{2}){1,2}\s*([AaPp]\.?[Mm]\.?)(?![\p{L}\d])|\b(AM|PM)\b/u;
    const monthFirst = (text: string) => [...text.matchAll(/\b(\d{1,2})\/(\d{1,2})\/(\d{2,4})\b/g)].filter((m) => Number(m[2]) > 12 || Number(m[1]) > 31);
    const check = (text: string, node: Node) => {
      if (twelveHour.test(text)) leaks.push(`12-hour time «${text.trim().slice(0, 60)}» in ${where(node)}`);
      for (const m of monthFirst(text)) leaks.push(`month-first date «${m[0]}» in ${where(node)}`);
    };
    const dayFirst = (type: string, value: string) => {
      const [date = '', time = ''] = type === 'time' ? ['', value] : value.split('T');
      const d = date ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : '';
      return type === 'date' ? d : type === 'time' ? time : value ? `${d} ${time}` : '';
    };
    const walk = (root: Document | ShadowRoot) => {
      const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = texts.nextNode(); n; n = texts.nextNode()) {
        const parent = n.parentElement;
        if (parent && !parent.closest('style, script, template')) check(n.textContent ?? '', n);
      }
      for (const el of root.querySelectorAll('*')) {
        if (el instanceof HTMLInputElement) {
          if (['date', 'time', 'datetime-local', 'month', 'week'].includes(el.type)) leaks.push(`native <input type=${el.type} name=${el.name}> in ${where(el)}`);
          check(`${el.value} ${el.placeholder}`, el);
        }
        if (el.localName === 'bt-date-time-field') {
          const field = el as HTMLElement & { value: string; type: string };
          const shown = field.shadowRoot?.querySelector('input')?.value ?? '';
          const problem = field.shadowRoot?.querySelector('[role=alert]');
          if (!problem && shown !== dayFirst(field.type, field.value)) leaks.push(`<bt-date-time-field name=${el.getAttribute('name')}> shows «${shown}» for ${field.value}`);
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return leaks;
  });
}

test.describe('in an English browser on New York time', () => {
  test.use({ locale: 'en-US', timezoneId: 'America/New_York' });

  test('every view shows dates day first and times in 24 hours, in its fields too', async ({ page, problems }) => {
    // Dates and times an English browser would write month first or with AM/PM.
    const api = await ApiClient.signIn(server);
    const { items } = await api.call<{ items: ContentEntry[] }>('GET', '/api/content');
    const countdown = items.find((e) => e.item.kind === 'countdown')!.item;
    const { id, ...fields } = countdown;
    await api.call('PUT', `/api/content/${id}`, {
      ...fields, eventDate: '2027-10-25', eventTime: '19:45', validFrom: '2027-02-14T18:30:00+07:00', validUntil: '2027-12-31T23:15:00+07:00',
    });
    const lists = await api.call<{ defaultPlaylistId: string }>('GET', '/api/playlists');
    const schedule = await api.call<{ schedule: { id: string } }>('POST', '/api/schedules', {
      name: 'Mùa tuyển sinh', playlistId: lists.defaultPlaylistId, target: { all: true },
      time: { startDate: '2027-02-14', endDate: '2027-03-15', windows: [{ start: '18:30', end: '21:45' }] },
    });
    expect(schedule.schedule.id).toBeTruthy();

    await page.setViewportSize({ width: 1280, height: 800 });
    await signInAdmin(page, server);
    expect(await page.evaluate(() => [navigator.language, Intl.DateTimeFormat().resolvedOptions().timeZone])).toEqual(['en-US', 'America/New_York']);
    // The countdown's fields, typed day first (opened from the content list: one editor at a time).
    const editor = await openItem(page, id);
    await expect(editor.locator('input[name=eventDate]')).toHaveValue('25/10/2027');
    await expect(editor.locator('input[name=eventTime]')).toHaveValue('19:45');
    await expect(editor.locator('input[name=validFrom]')).toHaveValue('14/02/2027 18:30');
    await expect(editor.locator('input[name=validUntil]')).toHaveValue('31/12/2027 23:15');

    const found: string[] = [];
    const views = await page.locator('nav button[data-view]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-view')!));
    expect(views).toEqual(expect.arrayContaining(['content', 'schedules', 'screens', 'audit', 'reports']));
    for (const view of views) {
      await page.locator(`nav button[data-view="${view}"]`).click();
      await expect(page.locator(`nav button[data-view="${view}"]`)).toHaveAttribute('aria-current', 'page');
      await page.waitForLoadState('networkidle');
      found.push(...(await localeLeaks(page)).map((leak) => `${view}: ${leak}`));
      if (view === 'schedules') {
        await page.locator('bt-schedule-view tr', { hasText: 'Mùa tuyển sinh' }).getByRole('button', { name: 'Sửa' }).click();
        const form = page.locator('bt-schedule-editor');
        await expect(form.locator('input[name=startDate]')).toHaveValue('14/02/2027');
        await expect(form.locator('input[name=endDate]')).toHaveValue('15/03/2027');
        await expect(form.locator('input[name=windowStart]')).toHaveValue('18:30');
        await expect(form.locator('input[name=windowEnd]')).toHaveValue('21:45');
        found.push(...(await localeLeaks(page)).map((leak) => `schedule editor: ${leak}`));
      }
      if (view === 'screens') {
        await page.locator('bt-screen-list [data-screen-id] [data-action="hours"]').first().click();
        const dialog = page.getByRole('dialog', { name: /^Giờ hoạt động/ });
        await dialog.getByRole('radio', { name: 'Tùy chỉnh theo ngày' }).check();
        await expect(dialog.getByLabel('Thứ 7: Từ')).toHaveValue(/^\d\d:\d\d$/);
        found.push(...(await localeLeaks(page)).map((leak) => `hours: ${leak}`));
        await dialog.getByRole('button', { name: 'Hủy' }).click();
      }
      if (view === 'reports') {
        await page.locator('button[data-tab=custom]').click();
        await expect(page.locator('bt-report-page input[name=from]')).toHaveValue(/^\d\d\/\d\d\/\d{4}$/);
        found.push(...(await localeLeaks(page)).map((leak) => `custom report: ${leak}`));
        // A required date left empty stops the form with a Vietnamese message, not the browser's English one.
        await page.locator('bt-report-page input[name=from]').fill('');
        await page.getByRole('button', { name: 'Xem báo cáo' }).click();
        const from = page.locator('bt-report-page bt-date-time-field[name=from]');
        expect(await from.evaluate((el) => [(el as HTMLElement & { validationMessage: string }).validationMessage, (el.getRootNode() as ShadowRoot).querySelector('form')!.checkValidity()]))
          .toEqual(['Hãy nhập ngày.', false]);
        await page.locator('bt-report-page input[name=from]').fill('01/12/2026');
        await expect.poll(() => from.evaluate((el) => (el as HTMLElement & { value: string }).value)).toBe('2026-12-01');
      }
    }
    await page.locator('button[name=open-emergency]').click();
    await expect(page.locator('bt-emergency-panel input[name=emergency-ends]')).toBeVisible();
    found.push(...(await localeLeaks(page)).map((leak) => `emergency: ${leak}`));
    expect(found).toEqual([]);
    expect(problems.list).toEqual([]);
  });

  test("the timeline asks about now in Hanoi, whatever the browser's zone, typed day first", async ({ page, problems }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInAdmin(page, server);
    const before = Date.now();
    await page.getByRole('button', { name: 'Lịch phát' }).click();
    const timeline = page.locator('bt-schedule-timeline');
    const at = timeline.locator('input[name=at]');
    await expect(at).toBeVisible();
    expect([formatLocalTime(before), formatLocalTime(Date.now())]).toContain(await at.inputValue());
    const hanoiDay = (ms: number) => toLocalIso(ms).slice(0, 10).split('-').reverse().join('/');
    expect([hanoiDay(before), hanoiDay(Date.now())]).toContain(await timeline.locator('input[name=date]').inputValue());

    // Typed by keyboard only; a day that does not exist is explained in Vietnamese and asks nothing.
    const date = timeline.locator('input[name=date]');
    await date.fill('31/02/2026');
    await date.press('Tab');
    await expect(timeline.getByRole('alert')).toContainText('Không có ngày này');
    await expect(date).toHaveAttribute('aria-invalid', 'true');
    await date.fill('4/10/2026');
    await date.press('Tab');
    await expect(date).toHaveValue('04/10/2026');
    await expect(timeline.getByRole('alert')).toHaveCount(0);
    await expect(at).toBeFocused();
    // Up and down step the part under the caret, as the native fields did.
    await date.focus();
    await date.press('Home');
    await date.press('ArrowUp');
    await expect(date).toHaveValue('05/10/2026');
    await date.press('ArrowDown');
    await expect(date).toHaveValue('04/10/2026');
    await at.fill('24:00');
    await at.press('Tab');
    await expect(timeline.getByRole('alert')).toContainText('từ 00:00 đến 23:59');
    await at.focus();
    await at.fill('8h');
    await at.press('Enter');
    await expect(at).toHaveValue('08:00');
    await timeline.locator('button[name=ask]').click();
    await expect(timeline.locator('.answer')).toContainText('08:00');
    await expect(timeline.locator('.answer')).toContainText('04/10');
    expect(problems.list).toEqual([]);
  });
});
