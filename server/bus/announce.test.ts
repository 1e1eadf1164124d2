import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestRedis, hasRedis } from '../testing/redis.ts';
import { FakePublishing, busTestKit, percentile, until } from './test-fixtures.ts';

const redisMissing = !hasRedis();
if (redisMissing) console.warn('redis-server is missing: skipping the bus tests (apt-get install -y redis-server)');

describe.skipIf(redisMissing)('announcing the published state (control → gateways, real Redis)', () => {
  let redis: TestRedis;
  let kit: ReturnType<typeof busTestKit>;
  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(() => redis?.stop());
  afterEach(() => kit.close());

  it('lets a gateway that starts later read the current state and frames from the snapshot', async () => {
    kit = busTestKit(redis.url);
    const pub = new FakePublishing();
    pub.set('a1', 'v1', 'frame-one');
    pub.screens.set('s1', 'a1');
    await kit.control(pub).start();
    const { bus, changes } = await kit.gateway();
    expect(changes).toEqual([expect.objectContaining({ revision: 1, resync: true, audiences: ['a1'], screens: ['s1'] })]);
    expect(bus.manifestFor('s1')).toEqual({ audience: 'a1', version: 'v1', frame: Buffer.from('frame-one') });
    expect(bus.manifestFor('unknown')).toBeNull();
  });

  it('applies each later announcement as a delta: changed audiences, moved and removed screens', async () => {
    kit = busTestKit(redis.url);
    const pub = new FakePublishing();
    pub.set('a1', 'v1');
    pub.set('a2', 'v2');
    pub.screens.set('s1', 'a1').set('s2', 'a2');
    const control = kit.control(pub);
    await control.start();
    const gw = await kit.gateway();

    pub.revision = 2;
    pub.set('a1', 'v1b', 'frame-1b');
    pub.audiences.delete('a2');
    pub.screens.set('s2', 'a1').delete('s1');
    pub.screens.set('s3', 'a1');
    const next = gw.next();
    await control.announce();
    const change = await next;
    expect(change).toMatchObject({ revision: 2, resync: false });
    expect(change.audiences.sort()).toEqual(['a1', 'a2']);
    expect(change.screens.sort()).toEqual(['s1', 's2', 's3']);
    expect(change.announcedAt).toEqual(expect.any(Number));
    expect(gw.bus.manifestFor('s2')?.frame.toString()).toBe('frame-1b');
    expect(gw.bus.manifestFor('s1')).toBeNull();
    expect(gw.bus.manifestOf('a2')).toBeNull();
  });

  it('keeps only current manifests in Redis: a version no audience has any more is deleted', async () => {
    kit = busTestKit(redis.url);
    const pub = new FakePublishing();
    pub.set('a1', 'old');
    const control = kit.control(pub);
    await control.start();
    const r = kit.conns.open();
    expect(await r.exists(control.keys.manifest('old'))).toBe(1);
    pub.set('a1', 'new');
    await control.announce();
    expect(await r.exists(control.keys.manifest('old'))).toBe(0);
    expect(await r.get(control.keys.manifest('new'))).toContain('new');
  });

  it('resyncs from the snapshot when a gateway missed entries (trimmed from the stream)', async () => {
    kit = busTestKit(redis.url);
    const pub = new FakePublishing();
    pub.set('a1', 'v1');
    const control = kit.control(pub);
    await control.start();
    const gw = await kit.gateway();
    const r = kit.conns.open();
    pub.set('a1', 'v2');
    await control.announce();
    await until(() => gw.bus.manifestOf('a1')?.version === 'v2');
    // An entry the gateway never sees (trimmed away): the seq jumps, so it reads the snapshot.
    await r.xtrim(control.keys.announce, 'MAXLEN', 0);
    await r.incr(control.keys.seq);
    pub.set('a1', 'v3');
    const next = gw.next();
    await control.announce();
    expect(await next).toMatchObject({ resync: true, audiences: ['a1'] });
    expect(gw.bus.manifestOf('a1')?.version).toBe('v3');
  });

  it('logs and skips a malformed announce entry, and goes on with the next', async () => {
    kit = busTestKit(redis.url);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const pub = new FakePublishing();
      pub.set('a1', 'v1');
      const control = kit.control(pub);
      await control.start();
      const gw = await kit.gateway();
      const r = kit.conns.open();
      await r.xadd(control.keys.announce, '*', 'm', '{not json');
      await r.xadd(control.keys.announce, '*', 'm', JSON.stringify({ v: 1, type: 'published', seq: 'x' }));
      await r.xadd(control.keys.announce, '*', 'other', 'field');
      pub.set('a1', 'v2');
      const next = gw.next();
      await control.announce();
      expect(await next).toMatchObject({ resync: false });
      expect(gw.bus.manifestOf('a1')?.version).toBe('v2');
      expect(warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('malformed announce entry'))).toHaveLength(3);
    } finally {
      warn.mockRestore();
    }
  });

  it('re-seeds Redis restarted empty at once, and every gateway is current again', async () => {
    // A Redis of its own: restarting the shared one would disturb the other tests' connections.
    const own = await TestRedis.start();
    kit = busTestKit(own.url);
    try {
      const pub = new FakePublishing();
      pub.set('a1', 'v1');
      pub.screens.set('s1', 'a1');
      const control = kit.control(pub, 1000);
      await control.start();
      const gateways = [await kit.gateway(), await kit.gateway()];
      pub.set('a1', 'v2');
      pub.revision = 2;
      const restartedAt = Date.now();
      await own.restartEmpty();
      // Changed while Redis was away: what gateways must end up with is the state now.
      await until(() => gateways.every((g) => g.bus.manifestFor('s1')?.version === 'v2'), 8000);
      const currentMs = Date.now() - restartedAt;
      console.log(`bus figure: Redis restarted empty → both gateways current in ${currentMs} ms`);
      expect(currentMs).toBeLessThan(5000);
      expect(gateways.every((g) => g.bus.revision === 2)).toBe(true);
      // And announcing goes on as deltas in the new epoch.
      pub.set('a1', 'v3');
      await control.announce();
      await until(() => gateways.every((g) => g.bus.manifestFor('s1')?.version === 'v3'));
      expect(gateways.every((g) => g.changes.at(-1)?.resync === false)).toBe(true);
    } finally {
      await kit.close();
      await own.stop();
      kit = busTestKit(redis.url);
    }
  });

  it('re-seeds Redis restarted empty even when nothing changed meanwhile', async () => {
    const own = await TestRedis.start();
    kit = busTestKit(own.url);
    try {
      const pub = new FakePublishing();
      pub.set('a1', 'v1');
      pub.screens.set('s1', 'a1');
      await kit.control(pub, 1000).start();
      await own.restartEmpty();
      const r = kit.conns.open();
      await until(async () => (await r.exists(kit.prefix + 'snapshot')) === 1, 8000);
      const gw = await kit.gateway();
      expect(gw.bus.manifestFor('s1')?.version).toBe('v1');
    } finally {
      await kit.close();
      await own.stop();
      kit = busTestKit(redis.url);
    }
  });

  it('keeps serving what it holds while Redis is stalled, and catches up when it answers again', async () => {
    const own = await TestRedis.start();
    kit = busTestKit(own.url);
    try {
      const pub = new FakePublishing();
      pub.set('a1', 'v1');
      pub.screens.set('s1', 'a1');
      const control = kit.control(pub);
      await control.start();
      const gw = await kit.gateway();
      process.kill(own.pid!, 'SIGSTOP');
      pub.set('a1', 'v2');
      const announced = control.announce();
      await new Promise((r) => setTimeout(r, 200));
      expect(gw.bus.manifestFor('s1')?.version).toBe('v1');
      process.kill(own.pid!, 'SIGCONT');
      await announced;
      await until(() => gw.bus.manifestFor('s1')?.version === 'v2');
    } finally {
      await kit.close();
      await own.stop();
      kit = busTestKit(redis.url);
    }
  });

  it('measures announce → gateway for a 50 KB manifest', async () => {
    kit = busTestKit(redis.url);
    const pub = new FakePublishing();
    const body = (n: number) => `{"type":"manifest","n":${n},"pad":"${'x'.repeat(50 * 1024)}"}`;
    pub.set('a1', 'v0', body(0));
    const control = kit.control(pub);
    await control.start();
    const gw = await kit.gateway();
    const times: number[] = [];
    for (let n = 1; n <= 300; n += 1) {
      pub.set('a1', `v${n}`, body(n));
      const next = gw.next();
      const start = performance.now();
      await control.announce();
      await next;
      times.push(performance.now() - start);
    }
    expect(gw.bus.manifestOf('a1')?.frame.length).toBeGreaterThan(50 * 1024);
    const p50 = percentile(times, 50);
    const p99 = percentile(times, 99);
    console.log(`bus figure: announce → gateway, 50 KB manifest: p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`);
    expect(p50).toBeLessThan(50);
  });
});
