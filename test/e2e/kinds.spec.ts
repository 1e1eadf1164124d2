import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { ContentEntry, PlaylistEntry } from '../../playlists/index.ts';
import { ApiClient } from './api.ts';
import { expect, newPlayer, openAddForm, openItem, signInAdmin, test } from './fixtures.ts';
import { SIZES, attachShot, inspect } from './kinds-measure.ts';
import { BangtinServer } from './server.ts';

const SHOTS = 'test-results/kinds';

let server: BangtinServer;
let ids: { notice: string; clock: string };
/** Items of the kinds without media, by name. */
let more: Record<'story' | 'ticker' | 'longSlogan' | 'qrNotice', string>;

/** A slogan near the 160-character limit: too small to read on a 192×96 board. */
const LONG_SLOGAN =
  'Học nghề hôm nay — vững tay nghề ngày mai: Thủ đô cần những người thợ giỏi, kỹ thuật viên lành nghề cho mọi ngành';

test.beforeAll(async () => {
  server = await BangtinServer.start();
  const client = await ApiClient.signIn(server);
  // The longest body the schema allows is 600 characters; this one is close to it.
  const body =
    'Người học trình độ sơ cấp và các khóa đào tạo dưới 3 tháng thuộc diện chính sách được hỗ trợ ' +
    'chi phí đào tạo, tiền ăn và tiền đi lại theo quy định. Người khuyết tật, lao động nông thôn, ' +
    'người thuộc hộ nghèo, hộ cận nghèo, người dân tộc thiểu số và người lao động bị mất việc làm ' +
    'được ưu tiên. Đăng ký tại UBND xã, phường nơi cư trú hoặc tại trung tâm dịch vụ việc làm; ' +
    'mang theo căn cước và giấy tờ chứng minh thuộc đối tượng chính sách. Nhà trường sẽ giới thiệu ' +
    'việc làm phù hợp sau khi hoàn thành khóa học, kết nối với doanh nghiệp trên địa bàn.';
  const notice = await client.call<ContentEntry>('POST', '/api/content', {
    kind: 'notice',
    theme: 2,
    durationMs: 3_000,
    title: 'Chính sách hỗ trợ người học nghề — những điều cần biết',
    body,
    source: 'Nguồn: thông tin tham khảo cho người học nghề',
  });
  const clock = await client.call<ContentEntry>('POST', '/api/content', {
    kind: 'clock',
    theme: 5,
    durationMs: 3_000,
    caption: 'Thủ đô học nghề — vững bước tương lai',
  });
  ids = { notice: notice.item.id, clock: clock.item.id };
  const add = async (fields: Record<string, unknown>) => (await client.call<ContentEntry>('POST', '/api/content', { theme: 7, durationMs: 2_500, ...fields })).item.id;
  more = {
    story: await add({
      kind: 'story',
      name: 'Nguyễn Thị Ngọc Ánh',
      trade: 'Kỹ thuật viên điện tử công nghiệp',
      school: 'Trường Cao đẳng nghề Công nghiệp Hà Nội',
      outcome: 'Trưởng ca tại một doanh nghiệp sản xuất linh kiện ở Khu công nghệ cao Hòa Lạc',
      quote: 'Học nghề giúp em có việc làm ổn định ngay sau khi tốt nghiệp và tự tin lập nghiệp.',
    }),
    ticker: await add({ kind: 'ticker', theme: 3, text: 'Tuyển sinh học nghề năm 2026 — Đăng ký tại UBND xã, phường nơi cư trú — Học phí được hỗ trợ', speedPxPerSec: 80 }),
    longSlogan: await add({ kind: 'slogan', theme: 1, text: LONG_SLOGAN }),
    qrNotice: await add({
      kind: 'notice',
      theme: 2,
      title: 'Hỗ trợ chi phí học nghề',
      body: 'Người lao động thuộc diện chính sách được hỗ trợ học phí. Quét mã để xem hướng dẫn đăng ký.',
      qrUrl: 'https://gdnn.hanoi.gov.vn/ho-tro-hoc-nghe',
    }),
  };
  const { playlists, defaultPlaylistId } = await client.call<{ playlists: PlaylistEntry[]; defaultPlaylistId: string }>('GET', '/api/playlists');
  const playlist = playlists.find((p) => p.playlist.id === defaultPlaylistId)!.playlist;
  await client.call('PUT', `/api/playlists/${playlist.id}`, { name: playlist.name, itemIds: [ids.notice, ids.clock, ...Object.values(more)] });
  await client.call('POST', '/api/publish');
  mkdirSync(SHOTS, { recursive: true });
});
test.afterAll(async () => {
  await server.dispose();
});

interface Overflow {
  tag: string;
  cls: string;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
}

/**
 * Every `[data-fit]` element in the shadow root of the renderer that shows `itemId` which
 * overflows, and whether the fitted block leaves its box. By the item's id, not the tag alone:
 * the rotation holds another notice (the QR one), and the first `bt-policy-notice` in the page
 * could be it (a CI run measured the QR notice's text instead).
 */
async function measure(player: Page, tag: string, itemId: string) {
  return player.locator(`${tag}[data-item-id="${itemId}"]`).evaluate((host) => {
    const root = host.shadowRoot!;
    const overflows: Overflow[] = [];
    const fitted = Array.from(root.querySelectorAll<HTMLElement>('[data-fit]'));
    for (const el of fitted) {
      if (el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight) {
        overflows.push({ tag: el.tagName, cls: el.className, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, scrollHeight: el.scrollHeight, clientHeight: el.clientHeight });
      }
    }
    const fit = root.querySelector<HTMLElement>('.fit')!;
    const box = fit.parentElement!;
    return {
      count: fitted.length,
      overflows,
      fitSize: Number(fit.getAttribute('data-fit')),
      blockFits: fit.offsetHeight <= box.clientHeight && fit.offsetWidth <= box.clientWidth,
      text: (root.textContent ?? '').replace(/\s+/g, ' ').trim(),
    };
  });
}

const sizes = [
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
  { width: 384, height: 192 },
  { width: 192, height: 96 },
];

for (const size of sizes) {
  test(`a notice and a clock fit without overflow at ${size.width}×${size.height}`, async ({ context }) => {
    const player = await newPlayer(context, server.demoPlayerUrl, size);
    await player.evaluate(() => document.fonts.ready.then(() => undefined));
    for (const [kind, tag] of [['notice', 'bt-policy-notice'], ['clock', 'bt-clock']] as const) {
      const el = player.locator(`${tag}[data-item-id="${ids[kind]}"]`);
      await expect(el).toBeVisible({ timeout: 15_000 });
      await expect.poll(async () => (await measure(player, tag, ids[kind])).fitSize).toBeGreaterThan(0);
      // Let a font swap and the resulting refit settle before measuring.
      await player.waitForTimeout(300);
      const m = await measure(player, tag, ids[kind]);
      await player.screenshot({ path: `${SHOTS}/${kind}-${size.width}x${size.height}.png` });
      expect(m.count, 'fitted text elements').toBeGreaterThan(1);
      expect(m.overflows, `overflowing [data-fit] elements in ${tag}`).toEqual([]);
      expect(m.blockFits, 'the fitted block stays inside its box').toBe(true);
      if (kind === 'clock') {
        // On a 192×96 board time, date and caption take turns (fit-plan.ts); the time comes first.
        if (size.width < 300) expect(m.text).toMatch(/^\d\d:\d\d/);
        else expect(m.text).toMatch(/^\d\d:\d\d (Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật), \d\d\/\d\d\/\d{4}/);
      } else {
        expect(m.text).toContain('Chính sách hỗ trợ người học nghề');
        // Big screens show the body too; a small LED board shows the title alone.
        if (size.width >= 1080) expect(m.text).toContain('Người học trình độ sơ cấp');
      }
    }
  });
}

test('an operator adds a notice and a clock from the admin page and edits the notice', async ({ context }) => {
  const admin = await context.newPage();
  await admin.setViewportSize({ width: 1280, height: 900 });
  await signInAdmin(admin, server);
  const rows = admin.locator('bt-item-order li[role=option]');
  const before = await rows.count();
  const form = await openAddForm(admin);

  await form.locator('select[name=kind]').selectOption('notice');
  await form.locator('input[name=title]').fill('Thông báo thử');
  await form.screenshot({ path: `${SHOTS}/admin-add-notice.png` });
  await form.locator('textarea[name=body]').fill('Nội dung thông báo thử cho người học nghề.');
  await admin.getByRole('button', { name: 'Thêm vào danh sách' }).click();
  await expect(rows).toHaveCount(before + 1);
  // The new item opens in the editor.
  const noticeId = (await rows.nth(before).getAttribute('data-order-id'))!;
  const notice = admin.locator(`bt-item-editor[data-item-id="${noticeId}"]`);
  await expect(notice.locator('strong')).toHaveText('Thông báo chính sách');
  await expect(notice.locator('textarea[name=body]')).toHaveValue('Nội dung thông báo thử cho người học nghề.');

  await openAddForm(admin);
  await form.locator('select[name=kind]').selectOption('clock');
  await form.locator('input[name=caption]').fill('Giờ Hà Nội');
  await admin.getByRole('button', { name: 'Thêm vào danh sách' }).click();
  await expect(rows).toHaveCount(before + 2);
  await expect(admin.locator('bt-item-editor input[name=caption]')).toHaveValue('Giờ Hà Nội');
  // The form goes back to slogans for the next item.
  await openAddForm(admin);
  await expect(form.locator('textarea[name=text]')).toBeVisible();

  await openItem(admin, noticeId);
  await notice.locator('input[name=source]').fill('Nguồn thử');
  await notice.locator('input[name=source]').blur();
  await expect(notice.locator('.badge')).toHaveText('Mới — chưa xuất bản');
  await expect(notice.locator('.error')).toHaveCount(0);
  const client = await ApiClient.signIn(server);
  const saved = async () =>
    (await client.call<{ items: ContentEntry[] }>('GET', '/api/content')).items.find((e) => e.item.kind === 'notice' && e.item.title === 'Thông báo thử')?.item;
  await notice.screenshot({ path: `${SHOTS}/admin-notice-row.png` });
  await expect.poll(saved).toMatchObject({ kind: 'notice', source: 'Nguồn thử', body: 'Nội dung thông báo thử cho người học nghề.' });
});

for (const size of SIZES) {
  const small = size.width < 300;
  test(`a story, a ticker, a long slogan and a notice with a QR code read at ${size.width}×${size.height}`, async ({ context }, testInfo) => {
    const player = await newPlayer(context, server.demoPlayerUrl, size);
    await player.evaluate(() => document.fonts.ready.then(() => undefined));
    const cases = [
      ['story', 'bt-story'],
      ['ticker', 'bt-ticker'],
      ['longSlogan', 'bt-slogan'],
      ['qrNotice', 'bt-policy-notice'],
    ] as const;
    for (const [name, tag] of cases) {
      const selector = `${tag}[data-item-id="${more[name]}"]`;
      await expect(player.locator(selector)).toBeVisible({ timeout: 30_000 });
      await expect.poll(async () => (await inspect(player, selector)).fitted).toBeGreaterThan(0);
      // Let a font swap and the resulting refit settle before measuring.
      await player.waitForTimeout(300);
      const m = await inspect(player, selector);
      await attachShot(player, testInfo, `${name}-${size.width}x${size.height}`);
      expect(m.overflows, `overflowing text in ${name}`).toEqual([]);
      expect(m.clipped, `parts of ${name} outside its box`).toEqual([]);
      if (name === 'story') {
        expect(m.text).toContain('Nguyễn Thị Ngọc Ánh');
        // On a 192×96 board the lines take turns, the name first (fit-plan.ts; small-screens.spec.ts).
        if (!small) expect(m.text).toContain('Kỹ thuật viên điện tử công nghiệp');
        if (small) expect(m.text).not.toContain('Học nghề giúp em');
        if (size.width >= 1080) expect(m.text).toContain('Học nghề giúp em');
      }
      if (name === 'ticker') await expectScrolling(player, selector);
      if (name === 'longSlogan') {
        // Too small to read on a 192×96 board: it scrolls there instead, at a legible size.
        if (small) {
          expect(m.attrs['data-fallback']).toBe('ticker');
          expect(m.minFontPx).toBeGreaterThanOrEqual(15);
          await expectScrolling(player, `${selector} >> bt-ticker`);
        } else {
          expect(m.attrs['data-fallback']).toBeUndefined();
          expect(m.text).toBe(LONG_SLOGAN);
        }
      }
      if (name === 'qrNotice') {
        const qr = player.locator(`${selector} >> bt-qr`);
        if (small) {
          await expect(qr).toHaveCount(0);
        } else {
          const q = await qr.evaluate((el) => {
            const canvas = el.shadowRoot!.querySelector('canvas')!;
            return { modulePx: Number(el.getAttribute('data-module-px')), modules: canvas.width, cssWidth: canvas.getBoundingClientRect().width };
          });
          expect(q.modulePx).toBeGreaterThanOrEqual(2);
          expect(Number.isInteger(q.modulePx)).toBe(true);
          // One canvas pixel per module, scaled by a whole number: crisp modules.
          expect(q.cssWidth).toBe(q.modules * q.modulePx);
        }
      }
    }
  });
}

/** The ticker moves left in whole pixels. */
async function expectScrolling(player: Page, selector: string): Promise<void> {
  const ticker = player.locator(selector).first();
  const x1 = Number(await ticker.getAttribute('data-x'));
  await player.waitForTimeout(400);
  const x2 = Number(await ticker.getAttribute('data-x'));
  expect(Number.isInteger(x1) && Number.isInteger(x2)).toBe(true);
  expect(x2).toBeLessThan(x1);
}
