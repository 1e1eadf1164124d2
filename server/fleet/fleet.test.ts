import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WRITES_RECHECK_MS } from '../storage/write-hold.ts';
import type { DeviceReport, ScreenStatus } from '../../playlists/index.ts';
import { Fleet, type AlertEvent } from './fleet.ts';
import { hashToken } from '../ids.ts';
import { connectPlayer, createTestApp, slogan, type TestApp } from '../testing/helpers.ts';

const GRACE = 60_000;
const ALERT = 10 * 60_000;
const OTHER_TOKEN = 'fleet-test-token-0123456789';
const device: DeviceReport = {
  secureContext: false,
  cacheBytes: null,
  storage: null,
  memory: { usedBytes: 20e6, limitBytes: 2e9 },
  plays: { queued: 0, dropped: 0 },
};

describe('Fleet', () => {
  let t: TestApp;
  let fleet: Fleet;
  let alerts: AlertEvent[];
  let batches: ScreenStatus[][];
  let demoId: string;
  const statusOf = (id = demoId) => fleet.status(t.services.screens.get(id)!);

  beforeEach(async () => {
    t = await createTestApp({ admin: false });
    alerts = [];
    batches = [];
    fleet = new Fleet({ ...t.services, hub: t.hub, onAlert: (e) => alerts.push(e) }, { graceMs: GRACE, alertAfterMs: ALERT });
    fleet.subscribe((b) => batches.push(b));
    demoId = t.services.screens.list()[0]!.id;
  });

  it('counts a screen that has never connected as never seen, and a connected one as online', () => {
    expect(statusOf()).toMatchObject({ state: 'never', connected: false, lastSeenAt: null, alert: null, sync: 'unknown' });
    connectPlayer(t);
    expect(statusOf()).toMatchObject({ state: 'online', connected: true });
  });

  it('keeps a screen online for the grace period after its link drops, then counts it offline', () => {
    const player = connectPlayer(t);
    t.clock.advance(10_000);
    player.handlers.close();
    expect(statusOf()).toMatchObject({ state: 'online', connected: false, lastSeenAt: '2026-11-26T09:00:10+07:00' });
    t.clock.advance(GRACE - 1);
    expect(statusOf().state).toBe('online');
    t.clock.advance(1);
    expect(statusOf()).toMatchObject({ state: 'offline', alert: null });
  });

  it('does not flap when a link drops for seconds and comes back', () => {
    fleet.snapshot();
    const first = connectPlayer(t);
    fleet.tick();
    first.handlers.close();
    t.clock.advance(5_000);
    fleet.tick();
    connectPlayer(t);
    fleet.tick();
    const states = batches.flat().filter((s) => s.id === demoId).map((s) => s.state);
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['online']));
  });

  it('raises an alert for a screen offline longer than the threshold and clears it when it returns', () => {
    connectPlayer(t).handlers.close();
    t.clock.advance(ALERT - 1);
    fleet.tick();
    expect(alerts).toEqual([]);
    t.clock.advance(1);
    fleet.tick();
    expect(alerts.map((a) => [a.type, a.screen.id])).toEqual([['raised', demoId]]);
    expect(statusOf().alert).toEqual({ since: '2026-11-26T09:00:00+07:00' });
    expect(batches.flat().some((s) => s.id === demoId && s.alert !== null)).toBe(true);
    fleet.tick();
    expect(alerts).toHaveLength(1);

    connectPlayer(t);
    fleet.tick();
    expect(alerts.map((a) => a.type)).toEqual(['raised', 'cleared']);
    expect(statusOf()).toMatchObject({ state: 'online', alert: null });
  });

  it('gives screens seen just before this server started their grace from the start, not the others', async () => {
    const now = t.clock.now();
    t.services.screens.insert({ id: 's_old', name: 'Lâu rồi', ward: null, locationKind: 'park', tags: [] }, hashToken(OTHER_TOKEN), now);
    t.services.screens.recordSightings([
      { id: demoId, lastSeenAt: now - 20_000, manifestVersion: null, playerVersion: null, viewport: null },
      { id: 's_old', lastSeenAt: now - 3_600_000, manifestVersion: null, playerVersion: null, viewport: null },
    ]);
    const restarted = new Fleet({ ...t.services, hub: t.hub }, { graceMs: GRACE, alertAfterMs: ALERT });
    const judge = (id: string) => restarted.status(t.services.screens.get(id)!);
    expect(judge(demoId).state).toBe('online');
    expect(judge('s_old')).toMatchObject({ state: 'offline', alert: { since: '2026-11-26T08:00:00+07:00' } });
    t.clock.advance(GRACE);
    expect(judge(demoId).state).toBe('offline');
  });

  it('says whether a screen runs the latest manifest', () => {
    const player = connectPlayer(t);
    expect(statusOf().sync).toBe('unknown');
    player.send({ type: 'ack', version: statusOf().expectedVersion! });
    expect(statusOf().sync).toBe('current');
    fleet.tick();
    const first = t.services.content.list()[0]!.item.id;
    t.services.content.update(first, slogan('Học nghề hôm nay, vững nghề ngày mai'), t.clock.now());
    t.services.reviews.approve(first, null, t.clock.now(), ['approved']);
    t.services.publisher.publish(null);
    batches.length = 0;
    fleet.tick();
    expect(statusOf().sync).toBe('behind');
    expect(batches.flat().find((s) => s.id === demoId)?.sync).toBe('behind');
  });

  it('reports what the player said in its heartbeat, and keeps the device facts once it is gone', () => {
    const player = connectPlayer(t, { device });
    player.send({
      type: 'heartbeat',
      playing: { itemId: 'c_1', since: '2026-11-26T08:59:58+07:00' },
      manifestVersion: null,
      uptimeMs: 123_000,
      viewport: { width: 384, height: 192 },
      device: { ...device, plays: { queued: 7, dropped: 1 } },
    });
    expect(statusOf()).toMatchObject({
      viewport: { width: 384, height: 192 },
      uptimeMs: 123_000,
      playing: { itemId: 'c_1' },
      connectedAt: '2026-11-26T09:00:00+07:00',
      device: { secureContext: false, plays: { queued: 7, dropped: 1 } },
    });
    player.handlers.close();
    t.hub.flush();
    const after = new Fleet({ ...t.services, hub: t.hub }).status(t.services.screens.get(demoId)!);
    expect(after).toMatchObject({ connected: false, uptimeMs: null, playing: null, device: { plays: { queued: 7 } } });
  });

  it('sends batches of what changed, and a change to volatile fields only now and then', () => {
    const player = connectPlayer(t, { device });
    fleet.flush();
    expect(batches.map((b) => b.map((s) => s.id))).toEqual([[demoId]]);
    const beat = (uptimeMs: number) => player.send({ type: 'heartbeat', playing: null, manifestVersion: null, uptimeMs, device });
    beat(30_000);
    fleet.flush();
    expect(batches).toHaveLength(1);
    t.clock.advance(fleet.options.volatileMs);
    beat(90_000);
    fleet.flush();
    expect(batches).toHaveLength(2);
    expect(batches[1]![0]!.uptimeMs).toBe(90_000);
  });

  it('sends a large change in batches of 500, one per turn of the event loop', async () => {
    t.db.transaction(() => {
      for (let i = 0; i < 1_100; i++) {
        t.services.screens.insert({ id: `s_many${i}`, name: `Many ${i}`, ward: null, locationKind: 'park', tags: [] }, hashToken(`many-${i}`), t.clock.now());
      }
    })();
    for (let i = 0; i < 1_100; i++) fleet.changed(`s_many${i}`);
    fleet.flush();
    expect(batches.map((b) => b.length)).toEqual([500]);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches.map((b) => b.length)).toEqual([500, 500, 100]);
    expect(new Set(batches.flat().map((s) => s.id)).size).toBe(1_100);
  });

  describe('dashboard batches during a push', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('sends a batch due while a push goes out once the push has gone', () => {
      vi.useFakeTimers();
      const pushing = { now: false };
      // The test app's hub, pushing while `pushing.now`.
      const hub = new Proxy(t.hub, {
        get: (target, key) => {
          if (key === 'pushing') return pushing.now;
          const value = Reflect.get(target, key, target) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const held = new Fleet({ ...t.services, hub }, { graceMs: GRACE, alertAfterMs: ALERT, batchMs: 100 });
      const got: ScreenStatus[][] = [];
      held.subscribe((b) => got.push(b));
      pushing.now = true;
      held.changed(demoId);
      vi.advanceTimersByTime(100 + 500);
      expect(got).toEqual([]);
      pushing.now = false;
      vi.advanceTimersByTime(WRITES_RECHECK_MS);
      expect(got.flat().map((s) => s.id)).toEqual([demoId]);
    });
  });
});
