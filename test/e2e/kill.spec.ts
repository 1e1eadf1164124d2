import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from '@playwright/test';
import type { ScreenStatus } from '../../playlists/index.ts';
import { BACKOFF_CAP_MS } from '../../player/retry.ts';
import { ApiClient } from './api.ts';
import { BLANK_CONTENT_SHARE, contentShare, describeScreen } from './blank-frame.ts';
import { expect, test } from './fixtures.ts';
import { queuedPlays } from './player-storage.ts';
import { BangtinServer } from './server.ts';

// The server crashes (SIGKILL, no goodbye) and comes back on the same port and data dir while
// three screens of different sizes play (issue 6). No screen shows a blank frame at any point,
// all three reconnect, and the play events they queued meanwhile are stored once each.

const SIZES = [
  { width: 192, height: 96 },
  { width: 384, height: 192 },
  { width: 1280, height: 720 },
];
const OUTAGE_MS = 6_000;
const SAMPLE_EVERY_MS = 250;
/** A reconnect waits at most one capped backoff delay after the server is back, plus a welcome. */
const RECONNECT_WITHIN_MS = BACKOFF_CAP_MS + 5_000;

let server: BangtinServer;
let api: ApiClient;

test.beforeAll(async () => {
  server = await BangtinServer.start();
  api = await ApiClient.signIn(server);
  // Short slots: items change during the outage, so events wait in each player's queue.
  await api.setAllDurations(2_000);
});
test.afterAll(async () => {
  await server.dispose();
});

interface Player {
  name: string;
  screenId: string;
  context: BrowserContext;
  page: Page;
}

/** Every play event stored for `screenId`, read from the server's database. */
function storedPlayIds(screenId: string): string[] {
  const db = new Database(`${server.dataDir}/bangtin.db`, { readonly: true });
  try {
    return db.prepare<[string], { id: string }>('SELECT id FROM play_events WHERE screen_id = ?').all(screenId).map((r) => r.id);
  } finally {
    db.close();
  }
}

test('three players show no blank frame through a SIGKILL of the server, and all reconnect', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const pageProblems: string[] = [];
  let outage = false;
  const players: Player[] = [];
  for (const [i, size] of SIZES.entries()) {
    const name = `Màn hình thử sập máy chủ ${i + 1} (${size.width}×${size.height})`;
    const created = await api.call<{ screen: { id: string }; playerUrl: string }>('POST', '/api/screens', { name, locationKind: 'street', tags: [] });
    // A context each: every player is a foreground page with its own storage.
    const context = await browser.newContext({ viewport: size });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageProblems.push(`${name}: page error: ${e.message}`));
    page.on('console', (m) => {
      const network = /WebSocket connection|Failed to load resource|ERR_CONNECTION_REFUSED/.test(m.text());
      if (m.type() === 'error' && !(outage && network)) pageProblems.push(`${name}: console error: ${m.text()}`);
    });
    await page.goto(created.playerUrl);
    players.push({ name, screenId: created.screen.id, context, page });
  }
  for (const { page } of players) {
    const bt = page.locator('bt-player');
    await expect(bt).toHaveAttribute('data-manifest-version', /./, { timeout: 30_000 });
    await expect(bt).toHaveAttribute('data-connection', 'online');
    await expect(bt).toHaveAttribute('data-state', 'playing');
    // Offline, pictures and clips come from the service worker's cache.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  }

  // Screenshots of every player, all the time, from before the crash to after the reconnect.
  const samples: { player: number; at: number; share: number; showing?: string }[] = [];
  // Each player's emptiest frame, kept to look at.
  const emptiest: { share: number; png: Buffer }[] = players.map(() => ({ share: Infinity, png: Buffer.alloc(0) }));
  let sampling = true;
  const stopSampling = async () => {
    sampling = false;
    await sampler;
  };
  const sampler = (async () => {
    while (sampling) {
      const next = Date.now() + SAMPLE_EVERY_MS;
      await Promise.all(
        players.map(async ({ page }, player) => {
          const png = await page.screenshot({ animations: 'allow', caret: 'initial' });
          const share = await contentShare(png);
          // What was on screen, to say what a blank frame was showing.
          const showing = share < BLANK_CONTENT_SHARE ? await page.evaluate(describeScreen) : undefined;
          samples.push({ player, at: Date.now(), share, ...(showing ? { showing } : {}) });
          if (share < emptiest[player]!.share) emptiest[player] = { share, png };
        }),
      );
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    }
  })();

  try {
    await new Promise((r) => setTimeout(r, 1_000));
    outage = true;
    const killedAt = Date.now();
    await server.stop('SIGKILL');
    for (const { page } of players) await expect(page.locator('bt-player')).not.toHaveAttribute('data-connection', 'online');
    await new Promise((r) => setTimeout(r, Math.max(0, killedAt + OUTAGE_MS - Date.now())));
    // What each player queued while the server was down (an item leaves the screen at least
    // every 7 s, the demo clip's length).
    for (const { page } of players) await expect.poll(async () => (await queuedPlays(page)).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const offline = await Promise.all(players.map(async ({ page }) => (await queuedPlays(page)).map((e) => e.id)));

    await server.launch();
    const restartedAt = Date.now();
    const reconnectMs = await Promise.all(
      players.map(async ({ page }) => {
        const online = () => document.querySelector('bt-player')?.getAttribute('data-connection') === 'online';
        await page.waitForFunction(online, null, { polling: 100, timeout: RECONNECT_WITHIN_MS });
        return Date.now() - restartedAt;
      }),
    );
    await new Promise((r) => setTimeout(r, 2_000));
    await stopSampling();
    outage = false;

    // The dashboard sees all three on their new connections.
    const { screens } = await api.call<{ screens: ScreenStatus[] }>('GET', '/api/screens');
    for (const p of players) {
      const status = screens.find((s) => s.id === p.screenId)!;
      expect(status.state, p.name).toBe('online');
      expect(Date.parse(status.connectedAt!), p.name).toBeGreaterThanOrEqual(restartedAt - 1_000);
    }
    // Queued events arrive, each stored once.
    for (const [i, p] of players.entries()) {
      await expect.poll(async () => (await queuedPlays(p.page)).length, { timeout: 15_000 }).toBe(0);
      const stored = storedPlayIds(p.screenId);
      expect(new Set(stored).size, `${p.name}: no event stored twice`).toBe(stored.length);
      for (const id of offline[i]!) expect(stored, `${p.name}: offline event stored`).toContain(id);
    }

    const blank = samples.filter((s) => s.share < BLANK_CONTENT_SHARE).map((s) => ({ ...s, size: SIZES[s.player], sinceKillMs: s.at - killedAt }));
    const figures = {
      samples: samples.length,
      samplesDuringOutage: samples.filter((s) => s.at >= killedAt && s.at <= restartedAt).length,
      blankFrames: blank.length,
      minContentShare: emptiest.map((e) => Number(e.share.toFixed(4))),
      offlineEvents: offline.map((ids) => ids.length),
      outageMs: restartedAt - killedAt,
      reconnectMs,
    };
    console.log(`kill: ${JSON.stringify(figures)}`);
    await testInfo.attach('kill-figures.json', { body: JSON.stringify(figures, null, 2), contentType: 'application/json' });
    for (const [i, { png }] of emptiest.entries()) {
      const file = testInfo.outputPath(`emptiest-frame-${SIZES[i]!.width}x${SIZES[i]!.height}.png`);
      writeFileSync(file, png);
      await testInfo.attach(basename(file), { path: file, contentType: 'image/png' });
    }

    expect(pageProblems).toEqual([]);
    expect(figures.samplesDuringOutage).toBeGreaterThanOrEqual(3 * 10);
    expect(blank, 'blank frames').toEqual([]);
  } finally {
    await stopSampling();
    for (const p of players) await p.context.close();
  }
});
