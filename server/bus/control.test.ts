import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { MANIFEST_REFRESH_AT } from '../hub/options.ts';
import { ManualScheduler } from '../scheduler.ts';
import { createTestApp, slogan } from '../testing/helpers.ts';
import { TestRedis, hasRedis } from '../testing/redis.ts';
import { publishOnBus } from './control.ts';
import { busTestKit, until } from './test-fixtures.ts';

describe('BANGTIN_REDIS_URL', () => {
  it('is unset by default: one embedded process, no Redis', () => {
    expect(loadConfig({}).redisUrl).toBeNull();
  });

  it('takes a redis:// or rediss:// URL and refuses anything else', () => {
    expect(loadConfig({ BANGTIN_REDIS_URL: 'redis://10.0.0.5:6379/0' }).redisUrl).toBe('redis://10.0.0.5:6379/0');
    expect(() => loadConfig({ BANGTIN_REDIS_URL: 'http://10.0.0.5' })).toThrow(/BANGTIN_REDIS_URL/);
  });
});

describe.skipIf(!hasRedis())('the control server publishing onto the bus (real Redis)', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(() => redis?.stop());

  it('announces the state at start, then every publish and each day\'s new horizon', async () => {
    const t = await createTestApp({ admin: false });
    const scheduler = new ManualScheduler(t.clock);
    const prefix = 'ctl:';
    const control = publishOnBus(redis.url, t.services, scheduler, MANIFEST_REFRESH_AT, { prefix, checkMs: 0 });
    const kit = busTestKit(redis.url, prefix);
    try {
      await until(async () => (await kit.conns.open().exists(`${prefix}snapshot`)) === 1);
      const gw = await kit.gateway();
      const screen = t.services.screens.list()[0]!;
      expect(gw.bus.manifestFor(screen.id)?.version).toBe(t.hub.expectedVersion(screen));

      const [id] = t.services.content.list().map((s) => s.item.id);
      t.services.content.update(id!, slogan('Học nghề hôm nay, vững nghề ngày mai'), t.clock.now());
      t.services.reviews.approveAllCity(null, t.clock.now());
      const { revision } = t.services.publisher.publish(null);
      await until(() => gw.bus.revision === revision);
      expect(gw.bus.manifestFor(screen.id)?.version).toBe(t.hub.expectedVersion(screen));

      // The next day's horizon makes new manifests without a publish.
      const before = gw.bus.manifestFor(screen.id)!.version;
      t.clock.advance(24 * 3600_000);
      scheduler.runDue();
      await until(() => gw.bus.manifestFor(screen.id)?.version !== before);
      expect(gw.bus.manifestFor(screen.id)?.version).toBe(t.hub.expectedVersion(screen));
    } finally {
      control.stop();
      await kit.close();
    }
  });
});
