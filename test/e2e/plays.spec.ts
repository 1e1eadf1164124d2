import Database from 'better-sqlite3';
import type { PlayEvent } from '../../playlists/index.ts';
import { ApiClient } from './api.ts';
import { expect, newPlayer, readyOffline, test } from './fixtures.ts';
import { queuedPlays } from './player-storage.ts';
import { BangtinServer } from './server.ts';

let server: BangtinServer;
test.beforeAll(async () => {
  server = await BangtinServer.start();
  // Short slots, so an outage of a few seconds spans several item changes.
  await (await ApiClient.signIn(server)).setAllDurations(2_000);
});
test.afterAll(async () => {
  await server.dispose();
});

type Row = { id: string; started_at: number; duration_ms: number; completed: number };

/** The stored play events of a screen, read from the server's database as a report would. */
function storedPlays(screenId: string): Row[] {
  const db = new Database(`${server.dataDir}/bangtin.db`, { readonly: true });
  try {
    return db
      .prepare<[string], Row>('SELECT id, started_at, duration_ms, completed FROM play_events WHERE screen_id = ? ORDER BY started_at')
      .all(screenId);
  } finally {
    db.close();
  }
}

test('play events recorded through a server crash reach the server once each, through the player queue', async ({ context, problems }) => {
  const player = await newPlayer(context, server.demoPlayerUrl, { width: 384, height: 192 });
  // Every `plays` frame the page sends, with the socket it went on (0: before the crash).
  const frames: { socket: number; ids: string[] }[] = [];
  let sockets = 0;
  player.on('websocket', (ws) => {
    const socket = sockets++;
    ws.on('framesent', ({ payload }) => {
      const msg = JSON.parse(String(payload)) as { type: string; events?: PlayEvent[] };
      if (msg.type === 'plays') frames.push({ socket, ids: msg.events!.map((e) => e.id) });
    });
  });
  // The page's socket opened before the listener: reload so every socket is seen. The item
  // on screen then is recorded by the page that goes away, and sent by the one that comes.
  // The service worker is in control first, so the reload does not cut its first install short.
  await readyOffline(player);
  const reloadedAt = Date.now();
  await player.reload();
  const reloadDoneAt = Date.now();
  const bt = player.locator('bt-player');
  await expect(bt).toHaveAttribute('data-connection', 'online');
  await readyOffline(player);
  const screenId = (await bt.getAttribute('data-screen-id'))!;
  const queued = () => queuedPlays(player);

  // Online: events go out and are acknowledged.
  await expect.poll(() => frames.length, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(async () => (await queued()).length).toBe(0);

  problems.allowNetworkErrors = true;
  await server.stop('SIGKILL');
  await expect(bt).not.toHaveAttribute('data-connection', 'online');
  // Items go on changing; each one that leaves the screen waits in the queue.
  await expect.poll(async () => (await queued()).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
  const offline = (await queued()).map((e) => e.id);
  const framesBeforeRestart = frames.length;

  await server.launch();
  await expect(bt).toHaveAttribute('data-connection', 'online', { timeout: 30_000 });
  problems.allowNetworkErrors = false;
  await expect.poll(async () => (await queued()).length, { timeout: 15_000 }).toBe(0);

  // Stop the player, so nothing more is sent while the database is read.
  await player.goto('about:blank');
  await player.waitForTimeout(300);
  const rows = storedPlays(screenId);
  const sent = new Set(frames.flatMap((f) => f.ids));
  const stored = new Set(rows.map((r) => r.id));

  // Every event sent is stored, once; nothing is stored that the player did not send.
  expect(rows.length).toBe(stored.size);
  expect([...stored].sort()).toEqual([...sent].sort());
  // The events queued during the outage came in frames sent after the restart, on a new socket.
  const afterRestart = new Set(frames.slice(framesBeforeRestart).filter((f) => f.socket > 0).flatMap((f) => f.ids));
  for (const id of offline) {
    expect(stored.has(id), `offline event ${id} stored`).toBe(true);
    expect(afterRestart.has(id), `offline event ${id} sent after the restart`).toBe(true);
  }
  // Nothing was lost: the stored events follow each other without a gap, across the outage;
  // across the reload, the screen was blank while the page booted again (a cold boot's budget).
  const timeline = rows.map((r) => `${r.started_at - reloadedAt}+${r.duration_ms}${r.completed ? '' : ' (cut)'}`).join(', ');
  const reload = `reload ${reloadDoneAt - reloadedAt} ms; plays (start since the reload + duration): ${timeline}`;
  for (let i = 1; i < rows.length; i++) {
    const gap = rows[i]!.started_at - (rows[i - 1]!.started_at + rows[i - 1]!.duration_ms);
    // The gap the reload left: the old page's last item ended at its unload, the new page's
    // first began after it booted; it overlaps the reload's time (and no other gap does).
    const gapFrom = rows[i - 1]!.started_at + rows[i - 1]!.duration_ms;
    const acrossReload = gapFrom <= reloadDoneAt && rows[i]!.started_at >= reloadedAt;
    expect(Math.abs(gap), `gap before event ${i}; ${reload}`).toBeLessThan(acrossReload ? 2_500 : 500);
  }
  // Shown for whole 2 s slots, apart from the first (joined mid-slot) and around the reload.
  expect(rows.filter((r) => r.completed).length).toBeGreaterThanOrEqual(offline.length);
  console.log(`plays: ${rows.length} stored, ${offline.length} queued during the outage, ${sent.size} sent in ${frames.length} frames`);
});
