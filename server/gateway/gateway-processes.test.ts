import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../bus/test-fixtures.ts';
import { TestRedis, freePort, hasRedis } from '../testing/redis.ts';
import { SimPlayer, play, startControl, type TestControl } from './test-fixtures.ts';

// `npm run gateway` as it runs: two gateway processes (server/gateway/main.ts) over a real
// Redis, control in this process. One gateway is SIGKILLed under play traffic: its screens move
// to the other and every play is stored exactly once.

interface GatewayProcess {
  child: ChildProcess;
  url: string;
  output: string;
}

async function spawnGateway(redisUrl: string, id: string): Promise<GatewayProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/gateway/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', BANGTIN_REDIS_URL: redisUrl, BANGTIN_GATEWAY_ID: id },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const gateway = { child, url: `ws://127.0.0.1:${port}/ws/player`, output: '' };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway ${id} did not start:\n${gateway.output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      gateway.output += chunk.toString();
      if (/listening on/.test(gateway.output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`gateway ${id} exited with ${code}:\n${gateway.output}`)));
  });
  child.removeAllListeners('exit');
  return gateway;
}

function kill(gateway: GatewayProcess): Promise<void> {
  if (gateway.child.exitCode !== null || gateway.child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => gateway.child.once('exit', () => resolve()));
  gateway.child.kill('SIGKILL');
  return exited;
}

describe.skipIf(!hasRedis())('gateway processes (npm run gateway, real Redis)', { timeout: 90_000 }, () => {
  let redis: TestRedis;
  let control: TestControl;
  let gateways: GatewayProcess[] = [];
  const players: SimPlayer[] = [];
  beforeAll(async () => {
    redis = await TestRedis.start();
    control = await startControl(redis.url, 'bangtin:');
  }, 60_000);
  afterAll(async () => {
    for (const p of players) p.stop();
    await Promise.all(gateways.map(kill));
    await control?.stop();
    await redis?.stop();
  });

  it('SIGKILL of one gateway under play traffic: its screens play on through the other, every play stored once', async () => {
    const screens = control.addScreens(6);
    gateways = await Promise.all([spawnGateway(redis.url, 'p1'), spawnGateway(redis.url, 'p2')]);
    const urls = gateways.map((g) => g.url);
    players.push(...screens.map((s, i) => new SimPlayer(s.token, urls, i % 2)));
    for (const p of players) p.connect();
    await until(() => players.every((p) => p.version !== null), 20_000);

    const itemId = control.services.content.list()[0]!.item.id;
    const count = () => (control.db.prepare('SELECT count(*) AS n FROM play_events').get() as { n: number }).n;
    const before = count();
    let seq = 0;
    const round = () => {
      players.forEach((p, i) => p.sendPlays([play(`procplay-${i}-${String(seq).padStart(4, '0')}`, itemId, seq)]));
      seq += 1;
    };
    round();
    round();
    await until(() => players.every((p) => p.queue.size === 0), 10_000);

    round();
    await kill(gateways[0]!);
    round();
    const moved = players.filter((_, i) => i % 2 === 0);
    await until(() => moved.every((p) => p.connected && p.welcomed >= 2), 10_000);
    round();
    await until(() => players.every((p) => p.queue.size === 0), 20_000);
    expect(count() - before).toBe(6 * 5);
    expect(control.db.prepare('SELECT id FROM play_events GROUP BY id HAVING count(*) > 1').all()).toEqual([]);
    // Every screen is current on the gateway that is left.
    const expected = (id: string) => control.hub.expectedVersion(control.services.screens.get(id)!);
    expect(screens.every((s, i) => players[i]!.version === expected(s.id))).toBe(true);
  });
});
