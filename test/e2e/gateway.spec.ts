import { spawn, type ChildProcess } from 'node:child_process';
import { TestRedis, freePort, hasRedis } from '../../server/testing/redis.ts';
import Database from 'better-sqlite3';
import type { PlayEvent } from '../../playlists/index.ts';
import { firstSocket } from '../../player/sockets.ts';
import { ApiClient } from './api.ts';
import { messages } from '../../admin/messages/index.ts';
import { contentView, expect, newPlayer, readyOffline, signInAdmin, somethingOnScreen, test } from './fixtures.ts';
import { BLANK_CONTENT_SHARE, contentShare, describeScreen } from './blank-frame.ts';
import { queuedPlays } from './player-storage.ts';
import { BangtinServer } from './server.ts';

// Scaling out (issue 16, milestone 2): control (`npm start` with BANGTIN_REDIS_URL), one player
// gateway (`npm run gateway`) and Redis, each its own process. A player opened on the gateway
// plays what control published, and what is published next reaches it through the gateway.
// Failover: two more gateways told each other's sockets (BANGTIN_PLAYER_SOCKETS); one is killed
// under a player, which plays on and moves to the other.

let redis: TestRedis;
let control: BangtinServer;
let gateway: ChildProcess;
let gatewayOrigin = '';

test.skip(!hasRedis(), 'redis-server is not installed');

test.beforeAll(async () => {
  redis = await TestRedis.start();
  control = await BangtinServer.start({ env: { BANGTIN_REDIS_URL: redis.url } });
  const port = await freePort();
  gatewayOrigin = `http://localhost:${port}`;
  gateway = await startGateway('e2e-gateway', port);
});

/** Starts `npm run gateway` on `port` (its settings beside control's), once it listens. */
async function startGateway(id: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/gateway/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', BANGTIN_REDIS_URL: redis.url, BANGTIN_CONTROL_URL: control.origin, BANGTIN_GATEWAY_ID: id, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening on/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}:\n${output}`)));
  });
  child.removeAllListeners('exit');
  return child;
}

async function killGateway(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

test.afterAll(async () => {
  if (gateway) await killGateway(gateway);
  await control?.dispose();
  await redis?.stop();
});

test('a player on a gateway shows what control published, and the next publish reaches it', async ({ context }) => {
  const token = new URL(control.demoPlayerUrl).searchParams.get('token')!;
  const player = await newPlayer(context, `${gatewayOrigin}/player/?token=${encodeURIComponent(token)}`, { width: 384, height: 192 });
  const bt = player.locator('bt-player');
  await expect(bt).toHaveAttribute('data-connection', 'online');
  await expect.poll(() => somethingOnScreen(player), { timeout: 15_000 }).toBe(true);
  const first = await bt.getAttribute('data-manifest-version');

  // The gateway's screen counts on control (presence), as the fleet dashboard reads it.
  const health = async () => (await (await fetch(`${control.origin}/healthz`)).json()) as { connectedScreens: number };
  await expect.poll(async () => (await health()).connectedScreens, { timeout: 10_000 }).toBe(1);
  const gatewayHealth = (await (await fetch(`${gatewayOrigin}/healthz`)).json()) as { role: string; connectedScreens: number };
  expect(gatewayHealth).toMatchObject({ role: 'gateway', connectedScreens: 1 });

  // Published on control: the new manifest reaches the player through Redis and the gateway.
  const api = await ApiClient.signIn(control);
  await api.setAllDurations(2_000);
  await expect.poll(() => bt.getAttribute('data-manifest-version'), { timeout: 15_000 }).not.toBe(first);
  await expect(bt).toHaveAttribute('data-connection', 'online');
  await expect.poll(() => somethingOnScreen(player), { timeout: 15_000 }).toBe(true);

  // An emergency shows on the gateway's screen, and its receipt comes back to control's database.
  const text = 'Thông báo khẩn qua cổng phát';
  const { scheduleId } = await api.call<{ scheduleId: string }>('POST', '/api/emergencies', { text });
  await expect(player.locator('bt-emergency')).toContainText(text);
  const shownAt = async () => {
    const { emergencies } = await api.call<{ emergencies: { scheduleId: string; screens: { shownAt: string | null }[] }[] }>('GET', '/api/emergencies');
    return emergencies.find((e) => e.scheduleId === scheduleId)?.screens.find((s) => s.shownAt !== null)?.shownAt ?? null;
  };
  await expect.poll(shownAt, { timeout: 15_000 }).not.toBeNull();
});

test('with Redis down the admin page says publishing does not reach screens; once it is back the gateway\'s screen is current within 10 s', async ({ context, page }) => {
  const token = new URL(control.demoPlayerUrl).searchParams.get('token')!;
  const player = await newPlayer(context, `${gatewayOrigin}/player/?token=${encodeURIComponent(token)}`, { width: 384, height: 192 });
  const bt = player.locator('bt-player');
  await expect(bt).toHaveAttribute('data-connection', 'online');
  await signInAdmin(page, control);
  const banner = page.locator('[data-storage-banner]');
  await expect(banner).toHaveCount(0);

  await redis.stop(false);
  await expect.poll(async () => ((await (await fetch(`${control.origin}/healthz`)).json()) as { reasons?: string[] }).reasons ?? []).toContain('bus_unreachable');
  await page.reload();
  await expect(banner).toHaveText(messages.storage.busUnreachable);
  // The gateway keeps its socket: the screen plays on.
  await expect(bt).toHaveAttribute('data-connection', 'online');

  // Published while Redis is down: saved on control, and delivered once Redis is back (empty).
  const before = await bt.getAttribute('data-manifest-version');
  await (await ApiClient.signIn(control)).setAllDurations(3_000);
  await redis.resume();
  const back = Date.now();
  await expect.poll(() => bt.getAttribute('data-manifest-version'), { timeout: 10_000 }).not.toBe(before);
  expect(Date.now() - back).toBeLessThan(10_000);
  await page.reload();
  await expect(contentView(page)).toBeVisible();
  await expect(banner).toHaveCount(0);
});

test('a fresh player on a gateway pairs through it: the code comes from control, and once claimed it plays on the gateway', async ({ context, page }) => {
  const player = await context.newPage();
  await player.setViewportSize({ width: 384, height: 192 });
  await player.goto(`${gatewayOrigin}/player/`);
  const bt = player.locator('bt-player');
  await expect(bt).toHaveAttribute('data-state', 'pairing');
  const code = (await player.locator('bt-pairing[data-code]').getAttribute('data-code'))!;

  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAdmin(page, control);
  await page.getByRole('button', { name: 'Màn hình', exact: true }).click();
  const form = page.locator('bt-screen-add');
  await form.getByLabel('Mã ghép nối').fill(code);
  await form.getByLabel('Tên màn hình').fill('Bảng tin qua cổng phát');
  const claimedAt = Date.now();
  await form.getByRole('button', { name: 'Ghép nối', exact: true }).click();
  await expect(form.getByRole('status')).toContainText('Đã ghép nối');

  await expect(bt).toHaveAttribute('data-state', 'playing', { timeout: 15_000 });
  console.log(`gateway pairing: claim → first content in ${Date.now() - claimedAt} ms`);
  await expect(bt).toHaveAttribute('data-connection', 'online');
  const screenId = (await bt.getAttribute('data-screen-id'))!;
  // The screen list on control shows it connected (through the gateway's presence).
  await expect(page.locator(`[data-screen-id="${screenId}"]`)).toHaveAttribute('data-connected', 'true', { timeout: 15_000 });
});

test('a player told the gateways [A, B] plays on through a SIGKILL of A without a blank frame, moves to B, is current there, and each play is stored once', async ({ context, problems }, testInfo) => {
  test.setTimeout(150_000);
  const ports = [await freePort(), await freePort()];
  const sockets = ports.map((port) => `ws://localhost:${port}/ws/player`);
  const gateways = await Promise.all(ports.map((port, i) => startGateway(`e2e-failover-${i}`, port, { BANGTIN_PLAYER_SOCKETS: sockets.join(',') })));
  const api = await ApiClient.signIn(control);
  // Short slots: plays flow while the gateway dies.
  await api.setAllDurations(2_000);
  const created = await api.call<{ screen: { id: string }; playerUrl: string }>('POST', '/api/screens', { name: 'Bảng tin chuyển cổng phát', locationKind: 'street', tags: [] });
  const token = new URL(created.playerUrl).searchParams.get('token')!;
  // A: where this screen starts in the list (its token's place); its page is served there too.
  const a = firstSocket(token, 2);
  const b = 1 - a;
  const health = async (i: number) => (await (await fetch(`http://localhost:${ports[i]}/healthz`)).json()) as { connectedScreens: number };

  const player = await context.newPage();
  await player.setViewportSize({ width: 384, height: 192 });
  // Every `plays` frame the page sends, and the socket (gateway) it went on.
  const frames: { socket: string; ids: string[] }[] = [];
  player.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      const msg = JSON.parse(String(payload)) as { type: string; events?: PlayEvent[] };
      if (msg.type === 'plays') frames.push({ socket: ws.url(), ids: msg.events!.map((e) => e.id) });
    });
  });
  const samples: { at: number; share: number; showing?: string }[] = [];
  let sampling = true;
  let sampler: Promise<void> = Promise.resolve();
  try {
    await player.goto(`http://localhost:${ports[a]}/player/?token=${encodeURIComponent(token)}`);
    const bt = player.locator('bt-player');
    await expect(bt).toHaveAttribute('data-connection', 'online', { timeout: 30_000 });
    await readyOffline(player);
    await expect(player.locator('meta[name=bangtin-sockets]')).toHaveAttribute('content', sockets.join(' '));
    expect((await health(a)).connectedScreens).toBe(1);
    // Plays flow through A (and are acknowledged) before it dies.
    await expect.poll(() => frames.filter((f) => f.socket === sockets[a]).length, { timeout: 20_000 }).toBeGreaterThan(0);

    // What is on screen, every ~100 ms, from before the kill until the player is current on B.
    sampler = (async () => {
      while (sampling) {
        const next = Date.now() + 100;
        const share = await contentShare(await player.screenshot({ animations: 'allow', caret: 'initial' }));
        const showing = share < BLANK_CONTENT_SHARE ? await player.evaluate(describeScreen) : undefined;
        samples.push({ at: Date.now(), share, ...(showing ? { showing } : {}) });
        await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
      }
    })();
    await new Promise((r) => setTimeout(r, 1_000));

    // Chromium logs the refused socket and fetches to the dead gateway as console errors.
    problems.allowNetworkErrors = true;
    // Killed just after a `plays` frame went out on A: its acknowledgement may never come back,
    // and the player then sends those plays again on B (control stores them once).
    const onA = () => frames.filter((f) => f.socket === sockets[a]).length;
    const sentOnA = onA();
    await expect.poll(onA, { timeout: 10_000, intervals: [10] }).toBeGreaterThan(sentOnA);
    const killedAt = Date.now();
    await killGateway(gateways[a]!);
    // On B once B holds its socket (the reconnect can be quicker than any poll of the page).
    await expect.poll(async () => (await health(b)).connectedScreens, { timeout: 20_000, intervals: [50] }).toBe(1);
    const movedMs = Date.now() - killedAt;
    await expect(bt).toHaveAttribute('data-connection', 'online');

    // Current on B: a publish made after the kill reaches it.
    const before = await bt.getAttribute('data-manifest-version');
    const publishedAt = Date.now();
    await api.setAllDurations(2_500);
    await expect.poll(() => bt.getAttribute('data-manifest-version'), { timeout: 15_000 }).not.toBe(before);
    const currentMs = Date.now() - publishedAt;
    // Plays go on through B, and the queue empties (each acknowledged after control stored it).
    await expect.poll(() => frames.filter((f) => f.socket === sockets[b]).length, { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await queuedPlays(player)).length, { timeout: 15_000 }).toBe(0);
    await new Promise((r) => setTimeout(r, 1_000));
    sampling = false;
    await sampler;

    // A cold boot with A still dead: the page comes from the player's offline cache with the
    // list in it, and the player, starting at A again, goes on to B.
    await player.reload();
    await expect(bt).toHaveAttribute('data-connection', 'online', { timeout: 20_000 });
    await expect(player.locator('meta[name=bangtin-sockets]')).toHaveAttribute('content', sockets.join(' '));
    await expect.poll(async () => (await queuedPlays(player)).length, { timeout: 15_000 }).toBe(0);

    // Stop the player, so nothing more is sent while the database is read.
    await player.goto('about:blank');
    await player.waitForTimeout(300);
    const db = new Database(`${control.dataDir}/bangtin.db`, { readonly: true });
    const rows = db.prepare<[string], { id: string }>('SELECT id FROM play_events WHERE screen_id = ?').all(created.screen.id);
    db.close();
    const sent = new Set(frames.flatMap((f) => f.ids));
    const stored = rows.map((r) => r.id);
    const idsOnA = new Set(frames.filter((f) => f.socket === sockets[a]).flatMap((f) => f.ids));
    const blank = samples.filter((s) => s.share < BLANK_CONTENT_SHARE);
    const figures = {
      samples: samples.length,
      samplesAfterKill: samples.filter((s) => s.at >= killedAt).length,
      blankFrames: blank.length,
      minContentShare: Number(Math.min(...samples.map((s) => s.share)).toFixed(4)),
      movedMs,
      publishToCurrentOnBMs: currentMs,
      playsSent: sent.size,
      playsStored: stored.length,
      // Sent to A and sent again on B (A died before acknowledging them): stored once all the same.
      resentOnB: frames.filter((f) => f.socket === sockets[b]).flatMap((f) => f.ids).filter((id) => idsOnA.has(id)).length,
    };
    console.log(`gateway failover: ${JSON.stringify(figures)}`);
    await testInfo.attach('gateway-failover.json', { body: JSON.stringify(figures, null, 2), contentType: 'application/json' });

    expect(blank, 'blank frames').toEqual([]);
    expect(figures.samplesAfterKill).toBeGreaterThanOrEqual(20);
    expect(new Set(stored).size, 'no play stored twice').toBe(stored.length);
    expect([...stored].sort(), 'every play sent is stored').toEqual([...sent].sort());
  } finally {
    sampling = false;
    await sampler;
    for (const child of gateways) await killGateway(child);
  }
});
