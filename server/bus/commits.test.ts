import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestRedis, hasRedis } from '../testing/redis.ts';
import { ControlCommits, type CommitOutcome } from './commits.ts';
import type { Inbound } from './messages.ts';
import { busTestKit, percentile, until } from './test-fixtures.ts';

describe.skipIf(!hasRedis())('commits (gateways → control, real Redis)', () => {
  let redis: TestRedis;
  let kit: ReturnType<typeof busTestKit>;
  const readers: ControlCommits[] = [];
  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(() => redis?.stop());
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((r) => r.stop()));
    await kit.close();
  });

  /** Control's reader over a "database" of committed refs (idempotent, as plays are stored once per id). */
  function control(commit: (entries: Inbound[]) => CommitOutcome[], consumer = 'control', claimIdleMs?: number) {
    const reader = new ControlCommits({ reader: kit.conns.open(), commands: kit.conns.open() }, commit, { prefix: kit.prefix, consumer, blockMs: 200, claimIdleMs });
    readers.push(reader);
    return reader;
  }

  it('resolves a commit only once control committed it and acknowledged it in the stream', async () => {
    kit = busTestKit(redis.url);
    const stored: Inbound[] = [];
    await control((entries) => entries.map((e) => (stored.push(e), 'committed'))).start();
    const { bus } = await kit.gateway('g1');
    expect(await bus.commit('s1', 'plays', { events: [{ id: 'p1' }] })).toBe(true);
    expect(stored).toEqual([expect.objectContaining({ gateway: 'g1', screenId: 's1', type: 'plays', body: { events: [{ id: 'p1' }] } })]);
    const pending = (await kit.conns.open().xpending(bus.keys.inbound, 'control')) as [number, ...unknown[]];
    expect(pending[0]).toBe(0);
  });

  it('answers false for an entry control refused for good', async () => {
    kit = busTestKit(redis.url);
    await control((entries) => entries.map((e) => ((e.body as { ok: boolean }).ok ? 'committed' : 'refused'))).start();
    const { bus } = await kit.gateway();
    expect(await Promise.all([bus.commit('s1', 'shown', { ok: true }), bus.commit('s1', 'shown', { ok: false })])).toEqual([true, false]);
  });

  it('logs and skips a malformed inbound entry, and goes on', async () => {
    kit = busTestKit(redis.url);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await control((entries) => entries.map(() => 'committed')).start();
      const { bus } = await kit.gateway();
      const r = kit.conns.open();
      await r.xadd(bus.keys.inbound, '*', 'm', '[1,2');
      await r.xadd(bus.keys.inbound, '*', 'm', JSON.stringify({ v: 1, gateway: bus.id }));
      expect(await bus.commit('s1', 'plays', {})).toBe(true);
      expect(warn.mock.calls.filter((c) => String(c[0]).includes('malformed inbound entry'))).toHaveLength(2);
    } finally {
      warn.mockRestore();
    }
  });

  it('hands an entry control took but never acknowledged (a crash) to it again when it restarts', async () => {
    kit = busTestKit(redis.url);
    const crashing = control(() => {
      throw new Error('crash before SQLite committed');
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await crashing.start();
    const { bus } = await kit.gateway();
    const committed = bus.commit('s1', 'plays', { events: [{ id: 'p9' }] });
    await until(async () => ((await kit.conns.open().xpending(bus.keys.inbound, 'control')) as [number])[0] === 1);
    await crashing.stop();
    warn.mockRestore();
    const stored: Inbound[] = [];
    await control((entries) => entries.map((e) => (stored.push(e), 'committed'))).start();
    expect(await committed).toBe(true);
    expect(stored.map((e) => e.body)).toEqual([{ events: [{ id: 'p9' }] }]);
  });

  it('claims entries another consumer left pending too long (XAUTOCLAIM)', async () => {
    kit = busTestKit(redis.url);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const dead = control(() => {
      throw new Error('dies');
    }, 'control-a');
    await dead.start();
    const { bus } = await kit.gateway();
    const committed = bus.commit('s1', 'plays', {});
    await until(async () => ((await kit.conns.open().xpending(bus.keys.inbound, 'control')) as [number])[0] === 1);
    await dead.stop();
    warn.mockRestore();
    await control((entries) => entries.map(() => 'committed'), 'control-b', 100).start();
    expect(await committed).toBe(true);
  });

  it('makes its consumer group again when Redis restarted empty', async () => {
    const own = await TestRedis.start();
    kit = busTestKit(own.url);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await control((entries) => entries.map(() => 'committed')).start();
      const { bus } = await kit.gateway();
      expect(await bus.commit('s1', 'plays', {})).toBe(true);
      await own.restartEmpty();
      await until(async () => (await bus.commit('s1', 'plays', {}).catch(() => false)) === true, 8000);
    } finally {
      warn.mockRestore();
      await Promise.all(readers.splice(0).map((r) => r.stop()));
      await kit.close();
      await own.stop();
      kit = busTestKit(redis.url);
    }
  });

  it('measures the commit round trip, and 5,000 commits at once', async () => {
    kit = busTestKit(redis.url);
    const seen = new Set<string>();
    await control((entries) => entries.map((e) => (seen.add(e.ref), 'committed'))).start();
    const { bus } = await kit.gateway();
    const times: number[] = [];
    for (let i = 0; i < 500; i += 1) {
      const start = performance.now();
      await bus.commit('s1', 'plays', { i });
      times.push(performance.now() - start);
    }
    const start = performance.now();
    const all = await Promise.all(Array.from({ length: 5000 }, (_, i) => bus.commit(`s${i % 50}`, 'plays', { i })));
    const concurrentMs = performance.now() - start;
    expect(all.every(Boolean)).toBe(true);
    expect(seen.size).toBe(5500);
    console.log(
      `bus figure: commit round trip p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms; 5,000 concurrent commits ${(concurrentMs / 1000).toFixed(2)} s`,
    );
  });
});
