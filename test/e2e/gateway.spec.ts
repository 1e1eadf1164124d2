import { spawn, type ChildProcess } from 'node:child_process';
import { TestRedis, freePort, hasRedis } from '../../server/testing/redis.ts';
import { ApiClient } from './api.ts';
import { messages } from '../../admin/messages/index.ts';
import { contentView, expect, newPlayer, signInAdmin, somethingOnScreen, test } from './fixtures.ts';
import { BangtinServer } from './server.ts';

// Scaling out (issue 16, milestone 2): control (`npm start` with BANGTIN_REDIS_URL), one player
// gateway (`npm run gateway`) and Redis, each its own process. A player opened on the gateway
// plays what control published, and what is published next reaches it through the gateway.

let redis: TestRedis;
let control: BangtinServer;
let gateway: ChildProcess;
let gatewayOrigin = '';
let gatewayOutput = '';

test.skip(!hasRedis(), 'redis-server is not installed');

test.beforeAll(async () => {
  redis = await TestRedis.start();
  control = await BangtinServer.start({ env: { BANGTIN_REDIS_URL: redis.url } });
  const port = await freePort();
  gatewayOrigin = `http://localhost:${port}`;
  gateway = spawn(process.execPath, ['--import', 'tsx', 'server/gateway/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', BANGTIN_REDIS_URL: redis.url, BANGTIN_CONTROL_URL: control.origin, BANGTIN_GATEWAY_ID: 'e2e-gateway' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${gatewayOutput}`)), 30_000);
    const onData = (chunk: Buffer) => {
      gatewayOutput += chunk.toString();
      if (/listening on/.test(gatewayOutput)) {
        clearTimeout(timer);
        resolve();
      }
    };
    gateway.stdout!.on('data', onData);
    gateway.stderr!.on('data', onData);
    gateway.once('exit', (code) => reject(new Error(`gateway exited with ${code}:\n${gatewayOutput}`)));
  });
  gateway.removeAllListeners('exit');
});

test.afterAll(async () => {
  if (gateway && gateway.exitCode === null) {
    const exited = new Promise((resolve) => gateway.once('exit', resolve));
    gateway.kill('SIGKILL');
    await exited;
  }
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
