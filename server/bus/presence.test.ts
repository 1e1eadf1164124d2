import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TestRedis, hasRedis, redisConnections } from '../testing/redis.ts';
import { Presence } from './presence.ts';

describe.skipIf(!hasRedis())('presence across gateways (real Redis)', () => {
  let redis: TestRedis;
  let conns: ReturnType<typeof redisConnections>;
  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(() => redis?.stop());
  afterEach(() => conns.closeAll());
  const presence = (ttlMs = 10_000) => {
    conns = redisConnections(redis.url);
    return new Presence(conns.open(), { prefix: `p${Math.random().toString(36).slice(2, 8)}:`, ttlMs });
  };

  it('counts the screens of every gateway; a screen seen on two is where it was seen last', async () => {
    const p = presence();
    await p.renew('g1', [['s1', 100], ['s2', 100]]);
    await p.renew('g2', [['s2', 200], ['s3', 150]]);
    const view = await p.read();
    expect(view.gateways.sort()).toEqual(['g1', 'g2']);
    expect(Object.fromEntries(view.screens)).toEqual({
      s1: { gateway: 'g1', lastSeenAt: 100, live: null },
      s2: { gateway: 'g2', lastSeenAt: 200, live: null },
      s3: { gateway: 'g2', lastSeenAt: 150, live: null },
    });
  });

  it('replaces a gateway\'s list at each renewal, so a screen that left is gone', async () => {
    const p = presence();
    await p.renew('g1', [['s1', 1], ['s2', 1]]);
    await p.renew('g1', [['s2', 2]]);
    expect([...(await p.read()).screens.keys()]).toEqual(['s2']);
    await p.renew('g1', []);
    expect((await p.read()).screens.size).toBe(0);
  });

  it('notices once a gateway that stopped renewing (it died); its screens go with it', async () => {
    const p = presence(150);
    await p.renew('g1', [['s1', 1]]);
    await p.renew('g2', [['s2', 1]]);
    await new Promise((r) => setTimeout(r, 250));
    await p.renew('g2', [['s2', 2]]);
    const view = await p.read();
    expect(view).toMatchObject({ gateways: ['g2'], lost: ['g1'] });
    expect([...view.screens.keys()]).toEqual(['s2']);
    expect((await p.read()).lost).toEqual([]);
  });

  it('forgets a gateway that leaves cleanly at once', async () => {
    const p = presence();
    await p.renew('g1', [['s1', 1]]);
    await p.leave('g1');
    expect(await p.read()).toMatchObject({ gateways: [], lost: [] });
  });
});
