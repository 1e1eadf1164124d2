import type { Page } from '@playwright/test';
import type { ContentEntry, PlaylistEntry } from '../../playlists/index.ts';
import { ApiClient } from './api.ts';
import { expect, openItem, signInAdmin, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

/**
 * Script-bearing text typed into every text field an operator can fill must come out as text,
 * in the admin page and on the player: no element made from it, nothing run, and the
 * Content-Security-Policy never has to step in (a violation would mean markup got through).
 */
const PAYLOAD = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
const SHORT = `<svg onload="window.__xss=3">`;

let server: BangtinServer;
let playerUrl: string;

test.beforeAll(async () => {
  server = await BangtinServer.start();
  const client = await ApiClient.signIn(server);
  await client.call('POST', '/api/wards', { code: 'XSS1', name: `Phường ${SHORT}`, kind: 'phuong' });
  const created = await client.call<{ playerUrl: string }>('POST', '/api/screens', {
    name: `Màn hình ${PAYLOAD}`,
    wardCode: 'XSS1',
    locationKind: 'park',
    tags: [SHORT],
  });
  playerUrl = created.playerUrl;
  const common = { theme: 1, durationMs: 2_000 };
  const items: unknown[] = [
    { kind: 'slogan', ...common, text: PAYLOAD, secondary: PAYLOAD },
    { kind: 'countdown', ...common, title: PAYLOAD, eventDate: '2027-10-04', place: PAYLOAD, annual: false, afterDays: 0, afterText: PAYLOAD },
    { kind: 'notice', ...common, title: PAYLOAD, body: `${PAYLOAD} ${PAYLOAD}`, source: PAYLOAD },
    { kind: 'clock', ...common, caption: PAYLOAD },
    { kind: 'ticker', ...common, text: PAYLOAD, speedPxPerSec: 120 },
    { kind: 'story', ...common, name: PAYLOAD, trade: PAYLOAD, school: PAYLOAD, outcome: PAYLOAD, quote: PAYLOAD },
  ];
  const ids: string[] = [];
  for (const item of items) ids.push((await client.call<ContentEntry>('POST', '/api/content', item)).item.id);
  const { playlists, defaultPlaylistId } = await client.call<{ playlists: PlaylistEntry[]; defaultPlaylistId: string }>('GET', '/api/playlists');
  const fallback = playlists.find((p) => p.playlist.id === defaultPlaylistId)!.playlist;
  await client.call('PUT', `/api/playlists/${fallback.id}`, { name: `Danh sách ${SHORT}`, itemIds: ids });
  await client.call('POST', '/api/publish');
});
test.afterAll(async () => {
  await server.dispose();
});

/** Records CSP violations and dialogs from the first script on, in every page of the context. */
test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  context.on('page', (page) => page.on('dialog', (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  }));
});

/** Elements the payload would have made, searched through every shadow root. */
async function injected(page: Page): Promise<{ made: string[]; xss: unknown; csp: string[]; text: string }> {
  return page.evaluate(() => {
    const made: string[] = [];
    let text = '';
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.matches('img[src="x"], svg[onload], script:not([src])')) made.push(el.outerHTML.slice(0, 80));
        for (const attr of el.getAttributeNames()) if (attr.startsWith('on')) made.push(`${el.tagName} ${attr}`);
        if (el.shadowRoot) {
          text += el.shadowRoot.textContent ?? '';
          walk(el.shadowRoot);
        }
      }
    };
    walk(document);
    text += document.body.textContent ?? '';
    const w = window as unknown as { __csp: string[]; __xss?: unknown };
    return { made, xss: w.__xss, csp: w.__csp, text };
  });
}

async function expectInert(page: Page, what: string) {
  const found = await injected(page);
  expect(found.made, `${what}: elements made from user text`).toEqual([]);
  expect(found.xss, `${what}: script ran`).toBeUndefined();
  expect(found.csp, `${what}: CSP violations`).toEqual([]);
  return found;
}

test('script in every text field stays text on the player', async ({ context }) => {
  const player = await context.newPage();
  await player.setViewportSize({ width: 1920, height: 1080 });
  await player.goto(playerUrl);
  const seen = new Set<string>();
  // Six items of 2 s: watch two full rotations, checking each item as it shows.
  const until = Date.now() + 26_000;
  while (Date.now() < until && seen.size < 6) {
    const id = await player.locator('[data-item-id]').first().getAttribute('data-item-id').catch(() => null);
    if (id && !seen.has(id)) {
      await expectInert(player, `player item ${id}`);
      // Every item carries the payload in at least one field; it must read as text (a paged
      // item draws its text once its box is measured, a frame after it mounts).
      await expect.poll(async () => (await expectInert(player, `player item ${id}`)).text, { timeout: 2_000 }).toContain('<img src=x');
      seen.add(id);
    }
    await player.waitForTimeout(250);
  }
  expect(seen.size).toBe(6);
});

test('script in every text field stays text in every admin view', async ({ page }) => {
  await signInAdmin(page, server);
  await expectInert(page, 'content');
  // One editor at a time: open each item from the list, as an operator does.
  const rows = page.locator('bt-item-order li[role=option]');
  await expect(rows).toHaveCount(6);
  for (let i = 0; i < 6; i += 1) {
    await openItem(page, i);
    await expectInert(page, `content, item ${i + 1} open`);
  }
  for (const view of ['schedules', 'revisions', 'screens', 'wards', 'users', 'audit']) {
    await page.locator(`button[data-view=${view}]`).click();
    await page.waitForTimeout(600);
    await expectInert(page, view);
  }
  await page.locator('button[data-view=screens]').click();
  await expect(page.getByText(`Màn hình ${PAYLOAD}`).first()).toBeVisible();
  await page.locator('button[data-view=wards]').click();
  await expect(page.locator('bt-ward-list td', { hasText: `Phường ${SHORT}` })).toBeVisible();
  // The audit log keeps the text as written, shown as text when a change is opened.
  await page.locator('button[data-view=audit]').click();
  const details = page.locator('bt-audit-log details');
  await expect(details.first()).toBeVisible();
  for (const summary of await page.locator('bt-audit-log details > summary').all()) await summary.click();
  await expect(page.locator('bt-audit-log pre', { hasText: '<svg onload' }).first()).toBeVisible();
  await expectInert(page, 'audit, changes opened');
});
