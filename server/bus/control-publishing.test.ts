import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, slogan, type TestApp } from '../testing/helpers.ts';
import { TestRedis, hasRedis } from '../testing/redis.ts';
import { publishedState } from './published-state.ts';
import { busTestKit, until } from './test-fixtures.ts';

/**
 * The bus over bangtin's own publishing: control announces after Publisher's "published" (one
 * writer of what screens get, DESIGN.md principle 7), and gateways get the very bytes the
 * embedded hub would send.
 */
describe.skipIf(!hasRedis())('announcing what publishing committed (real Redis, real services)', () => {
  let redis: TestRedis;
  let kit: ReturnType<typeof busTestKit>;
  let t: TestApp;
  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(() => redis?.stop());
  afterEach(() => kit.close());

  async function setUp() {
    t = await createTestApp({ admin: false });
    kit = busTestKit(redis.url);
    const control = kit.control(() => publishedState(t.services));
    t.services.publisher.onPublished(() => void control.announce());
    await control.start();
    return { control, gw: await kit.gateway() };
  }
  const demoScreen = () => t.services.screens.list()[0]!;

  it('gives a gateway each screen\'s manifest, the same bytes the embedded hub sends', async () => {
    const { gw } = await setUp();
    const screen = demoScreen();
    const built = t.services.manifests.forAudience(t.services.manifests.audienceOf(screen));
    expect(gw.bus.manifestFor(screen.id)).toEqual({ audience: t.services.manifests.audienceOf(screen), version: built.version, frame: built.frame });
    expect(gw.bus.manifestFor(screen.id)!.version).toBe(t.hub.expectedVersion(screen));
  });

  it('announces a publish once its transaction committed, with the new revision', async () => {
    const { gw } = await setUp();
    const before = gw.bus.manifestFor(demoScreen().id)!.version;
    const [id] = t.services.content.list().map((s) => s.item.id);
    t.services.content.update(id!, slogan('Học nghề hôm nay, vững nghề ngày mai'), t.clock.now());
    t.services.reviews.approveAllCity(null, t.clock.now());
    const { revision } = t.services.publisher.publish(null);
    await until(() => gw.bus.revision === revision);
    const after = gw.bus.manifestFor(demoScreen().id)!.version;
    expect(after).not.toBe(before);
    expect(after).toBe(t.hub.expectedVersion(demoScreen()));
  });

  it('announces nothing for a change that rolled back', async () => {
    const { gw } = await setUp();
    const seq = await kit.conns.open().get(gw.bus.keys.seq);
    const [id] = t.services.content.list().map((s) => s.item.id);
    expect(() =>
      t.db.transaction(() => {
        t.services.content.update(id!, slogan('Không bao giờ lên sóng'), t.clock.now());
        t.services.reviews.approveAllCity(null, t.clock.now());
        t.services.publisher.publish(null);
        throw new Error('the route failed after publishing');
      })(),
    ).toThrow('the route failed');
    await new Promise((r) => setTimeout(r, 100));
    expect(await kit.conns.open().get(gw.bus.keys.seq)).toBe(seq);
    expect(gw.changes).toHaveLength(1);
  });
});
