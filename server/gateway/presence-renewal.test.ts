import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Presence } from '../bus/presence.ts';
import type { LiveScreen } from '../hub/hub.ts';
import { TestRedis, hasRedis, redisConnections } from '../testing/redis.ts';
import { PresenceRenewal } from './presence-renewal.ts';

/** The hub as presence reads it: connected screens, their last sighting and acknowledged version. */
class FakeHub {
  readonly screens = new Map<string, LiveScreen>();
  connect(id: string, lastSeenAt = 1): void {
    this.screens.set(id, { ackedVersion: null, playerVersion: '0.1.0', viewport: null, lastSeenAt, report: { connectedAt: 1, device: null, playing: null, uptimeMs: null } });
  }
  glance = (id: string) => this.screens.get(id);
  live = (id: string) => this.screens.get(id);
}

describe.skipIf(!hasRedis())('a gateway renewing its presence (real Redis)', () => {
  let redis: TestRedis;
  let conns: ReturnType<typeof redisConnections>;
  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(() => redis?.stop());
  afterEach(() => conns.closeAll());

  it('writes what changed between whole renewals, and drops screens that left', async () => {
    conns = redisConnections(redis.url);
    const redisConn = conns.open();
    const presence = new Presence(redisConn, { prefix: 'pr:', ttlMs: 10_000 });
    const hub = new FakeHub();
    const renewal = new PresenceRenewal(presence, 'g1', hub);
    const writes: string[][] = [];
    const update = presence.update.bind(presence);
    presence.update = (gateway, changed, gone) => {
      const list = [...changed];
      writes.push(list.map(([id]) => id));
      return update(gateway, list, gone);
    };
    for (const id of ['s1', 's2', 's3']) {
      hub.connect(id);
      expect(renewal.changed(id)).toBe(true);
    }
    await renewal.renew(); // the first is whole
    expect([...(await presence.read()).screens.keys()].sort()).toEqual(['s1', 's2', 's3']);

    // s2 answered a ping (its sighting moved), s3 left: only those are written.
    hub.screens.get('s2')!.lastSeenAt = 7;
    hub.screens.delete('s3');
    expect(renewal.changed('s3')).toBe(true);
    await renewal.renew();
    expect(writes.at(-1)).toEqual(['s2']);
    const view = await presence.read();
    expect(Object.fromEntries([...view.screens].map(([id, s]) => [id, s.lastSeenAt]))).toEqual({ s1: 1, s2: 7 });

    // A quick renewal (a screen came) writes only what the hub told of, not s1's moved sighting.
    hub.screens.get('s1')!.lastSeenAt = 9;
    hub.connect('s4');
    expect(renewal.changed('s4')).toBe(true);
    await renewal.renew(true);
    expect(writes.at(-1)).toEqual(['s4']);
    await renewal.renew();
    expect(writes.at(-1)).toEqual(['s1']);

    // Redis lost the list: the next renewal finds out and the one after writes it whole.
    await redisConn.del(presence.keys.presence('g1'));
    await renewal.renew();
    await renewal.renew();
    expect([...(await presence.read()).screens.keys()].sort()).toEqual(['s1', 's2', 's4']);
  });
});
