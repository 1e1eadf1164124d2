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

  it('updates only what changed between whole renewals, and says when the list had expired', async () => {
    const p = presence(150);
    await p.renew('g1', [['s1', 1], ['s2', 1], ['s3', 1]]);
    expect(await p.update('g1', [['s2', 5]], ['s3'])).toBe(true);
    const view = await p.read();
    expect(Object.fromEntries([...view.screens].map(([id, s]) => [id, s.lastSeenAt]))).toEqual({ s1: 1, s2: 5 });
    // Unrenewed past its TTL, the list is gone: an update cannot stand for it.
    await new Promise((r) => setTimeout(r, 250));
    expect(await p.update('g1', [['s2', 6]], [])).toBe(false);
  });

  it('keeps the parsed entry of a screen whose stored text did not change', async () => {
    const p = presence();
    const live = { lastSeenAt: 1, connectedAt: 1, ackedVersion: 'v1', playerVersion: '0.1.0', viewport: null, device: null, playing: null, uptimeMs: null };
    await p.renew('g1', [['s1', live], ['s2', live]]);
    const first = await p.read();
    await p.update('g1', [['s2', { ...live, ackedVersion: 'v2' }]], []);
    const second = await p.read();
    expect(second.screens.get('s1')!.live).toBe(first.screens.get('s1')!.live);
    expect(second.screens.get('s2')!.live).toMatchObject({ ackedVersion: 'v2' });
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
