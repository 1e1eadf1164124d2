import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../bus/test-fixtures.ts';
import { TestRedis, hasRedis } from '../testing/redis.ts';
import { SimPlayer, killGateway, play, spawnGateway, startControl, type GatewayProcess, type TestControl } from './test-fixtures.ts';

// `npm run gateway` as it runs: two gateway processes (server/gateway/main.ts) over a real
// Redis, control in this process. One gateway is SIGKILLed under play traffic: its screens move
// to the other and every play is stored exactly once.

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
    await Promise.all(gateways.map(killGateway));
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
    await killGateway(gateways[0]!);
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
