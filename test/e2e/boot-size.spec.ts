import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import type { z } from 'zod';
import type { ContentEntry, PlaylistEntry, ScreenCreated } from '../../playlists/index.ts';
import { ApiClient } from './api.ts';
import { expect, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

// DESIGN.md "Budgets": all the JavaScript a player page downloads before its first content
// shows (the entry and the renderers it waits for), measured in the browser, ≤ 40 KB gzipped.
// scripts/check-size.mjs reads the entry's share off the built files; this measures what a
// fresh browser fetched until the first item was on screen, gzipped as check-size.mjs does.

/** Kilobytes of 1000 bytes, as `vite build` and scripts/check-size.mjs count them. */
const BUDGET_BYTES = 40_000;

/** Each renderer's chunk, by the name rolldown gives it (player/renderers.ts). */
const RENDERER_CHUNKS: Record<string, RegExp> = Object.fromEntries(
  Object.entries({ slogan: 'slogan', countdown: 'countdown', notice: 'policy-notice', clock: 'clock', story: 'story', image: 'image', video: 'video', ticker: 'ticker' })
    .map(([kind, name]) => [kind, new RegExp(`^/assets/${name}-[\\w-]{8}\\.js$`)]),
);

let server: BangtinServer;
let sloganScreenUrl: string;

test.beforeAll(async () => {
  server = await BangtinServer.start();
  const api = await ApiClient.signIn(server);
  // A screen of the campaign's slogans (text, no pictures): its own fallback playlist of them.
  const { items } = await api.call<{ items: ContentEntry[] }>('GET', '/api/content');
  const slogans = items.filter((e) => e.item.kind === 'slogan' && !e.item.image).map((e) => e.item.id);
  expect(slogans.length).toBeGreaterThan(1);
  const list = await api.call<PlaylistEntry>('POST', '/api/playlists', { name: 'Khẩu hiệu', itemIds: slogans });
  const screen = await api.call<z.infer<typeof ScreenCreated>>('POST', '/api/screens', { name: 'Bảng khẩu hiệu', locationKind: 'street' });
  await api.call('PUT', `/api/screens/${screen.screen.id}/fallback`, { playlistId: list.playlist.id });
  await api.call('POST', '/api/publish');
  sloganScreenUrl = screen.playerUrl;
});
test.afterAll(async () => {
  await server.dispose();
});

/**
 * Records, in the page, the moment the player first shows an item (`data-state="playing"`), and
 * which element drew it then: the item on screen a moment later may already be another one.
 */
function watchFirstContent(): void {
  const itemElement = (root: Document | ShadowRoot): Element | null => {
    const found = root.querySelector('[data-item-id]');
    if (found) return found;
    for (const el of root.querySelectorAll('*')) {
      const inner = el.shadowRoot ? itemElement(el.shadowRoot) : null;
      if (inner) return inner;
    }
    return null;
  };
  const mark = () => {
    const player = document.querySelector('bt-player');
    if (player?.getAttribute('data-state') === 'playing' && !('firstContentAt' in window)) {
      Object.assign(window, { firstContentAt: performance.now() });
      // The element is drawn on the next frame at the latest.
      requestAnimationFrame(() => Object.assign(window, { firstTag: itemElement(document)?.localName ?? null }));
    }
  };
  new MutationObserver(mark).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
}

/** Opens `url` in a fresh page; the JavaScript fetched until the first item showed, and its kind. */
async function bootJs(page: Page, url: string): Promise<{ total: number; files: { path: string; gzipBytes: number }[]; kind: string }> {
  await page.addInitScript(watchFirstContent);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(url);
  await page.waitForFunction(() => 'firstTag' in window);
  // The item's own renderer drew it: the first content is on screen, not an empty element.
  await expect(page.locator('[data-item-id]').first()).toBeAttached();
  const fetched = await page.evaluate(() => {
    const at = (window as unknown as { firstContentAt: number }).firstContentAt;
    return performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime <= at && new URL(e.name).pathname.endsWith('.js'))
      .map((e) => new URL(e.name).pathname);
  });
  const files = [...new Set(fetched)].map((path) => ({ path, gzipBytes: gzipSync(readFileSync(join('dist', path))).length }));
  const tag = (await page.evaluate(() => (window as unknown as { firstTag: string | null }).firstTag)) ?? '';
  const kind = { 'bt-policy-notice': 'notice', 'bt-slogan-picture': 'slogan' }[tag] ?? tag.replace(/^bt-/, '');
  return { total: files.reduce((sum, f) => sum + f.gzipBytes, 0), files, kind };
}

test('a screen of slogans downloads at most 40 KB of gzipped JavaScript before its first content shows', async ({ context, problems }, testInfo) => {
  void problems;
  const boot = await bootJs(await context.newPage(), sloganScreenUrl);
  console.log(`boot JS in the browser, slogans: ${JSON.stringify(boot)}`);
  await testInfo.attach('boot-js-slogans.json', { body: JSON.stringify(boot, null, 2), contentType: 'application/json' });
  expect(boot.kind).toBe('slogan');
  expect(boot.files.some((f) => f.path.startsWith('/assets/player-')), 'the entry is counted').toBe(true);
  expect(boot.total, 'gzipped JavaScript before first content').toBeLessThanOrEqual(BUDGET_BYTES);
});

test('the demo screen waits for the renderer of the item on screen only, not for every kind its manifest has', async ({ context, problems }, testInfo) => {
  void problems;
  const boot = await bootJs(await context.newPage(), server.demoPlayerUrl);
  // Reported (the first item, and so what it waits for, depends on the time of day).
  console.log(`boot JS in the browser, demo (${boot.kind} first): ${JSON.stringify(boot)}`);
  await testInfo.attach('boot-js-demo.json', { body: JSON.stringify(boot, null, 2), contentType: 'application/json' });
  const others = Object.entries(RENDERER_CHUNKS).filter(([kind]) => kind !== boot.kind);
  const early = boot.files.filter((f) => others.some(([, chunk]) => chunk.test(f.path)));
  expect(early.map((f) => f.path), `renderers fetched before the ${boot.kind} on screen showed`).toEqual([]);
});
