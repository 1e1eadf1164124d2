import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CloseCode } from '../../playlists/index.ts';
import { until } from '../bus/test-fixtures.ts';
import { canonicalJson } from '../canonical.ts';
import { manualClock } from '../clock.ts';
import { Fleet } from '../fleet/fleet.ts';
import { slogan } from '../testing/helpers.ts';
import { TestRedis, hasRedis } from '../testing/redis.ts';
import { SimPlayer, play, startControl, startGateway, type TestControl, type TestGateway } from './test-fixtures.ts';

// Issue 16, milestone 2: control + two gateways over a real Redis, players on both over real
// WebSockets. What control publishes, a command and a revoked token reach screens on either
// gateway; a gateway that dies hands its screens to the other, and no play is lost or stored twice.

describe.skipIf(!hasRedis())('player gateways (control + 2 gateways, real Redis)', { timeout: 30_000 }, () => {
  let redis: TestRedis;
  let control: TestControl;
  let gateways: TestGateway[] = [];
  let players: SimPlayer[] = [];
  let n = 0;
  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(() => redis?.stop());
  afterEach(async () => {
    for (const p of players.splice(0)) p.stop();
    await Promise.all(gateways.splice(0).map((g) => g.stop().catch(() => undefined)));
    // Each test starts its own control (or none).
    const stopping = control;
    control = null as unknown as TestControl;
    await stopping?.stop();
  });

  let prefix = '';
  async function setUp(screens: number, options: { patches?: boolean } = {}) {
    prefix = `gw${++n}:`;
    control = await startControl(redis.url, prefix);
    const added = control.addScreens(screens);
    // New screens reach the directory (and their audience the published state) at once.
    gateways = [await startGateway(redis.url, prefix, 'g1'), await startGateway(redis.url, prefix, 'g2')];
    const urls = gateways.map((g) => g.url);
    await until(() => gateways.every((g) => g.gateway.directory.size >= screens));
    players = added.map((s, i) => new SimPlayer(s.token, urls, i % 2, options));
    for (const p of players) p.connect();
    await until(() => players.every((p) => p.version !== null));
    return added;
  }

  const expected = (screenId: string) => control.hub.expectedVersion(control.services.screens.get(screenId)!);

  it('serves each screen its manifest on either gateway; a publish and an emergency reach all of them; presence feeds the fleet', async () => {
    const screens = await setUp(6);
    screens.forEach((s, i) => expect(players[i]!.version).toBe(expected(s.id)));
    expect(gateways.map((g) => g.gateway.hub.connectedCount)).toEqual([3, 3]);
    // The fleet dashboard on control sees them online, with the version they acknowledged.
    await until(() => control.hub.connectedCount === 6);
    await until(() => screens.every((s) => control.hub.live(s.id)?.ackedVersion === expected(s.id)));
    const fleetStatus = control.hub.live(screens[0]!.id);
    expect(fleetStatus?.playerVersion).toBe('0.1.0');

    const emergency = control.services.emergencies.send({ text: 'Khẩn cấp: thử nghiệm', wards: [] }, null);
    await until(() => screens.every((s, i) => players[i]!.version === expected(s.id)));
    expect(players.every((p) => p.manifests.at(-1)!.text.includes('Khẩn cấp: thử nghiệm'))).toBe(true);
    expect(emergency.revision).toBeGreaterThan(0);

    // Each screen says it showed the emergency: the receipts reach control's database.
    for (const p of players) p.send({ type: 'shown', scheduleId: emergency.scheduleId, at: new Date().toISOString() });
    const receipts = () => (control.db.prepare('SELECT count(*) AS n FROM emergency_receipts WHERE schedule_id = ?').get(emergency.scheduleId) as { n: number }).n;
    await until(() => receipts() === 6);
  });

  it('sends a screen that acknowledged its version a patch of a one-item edit, the same bytes to each screen of a gateway [P4]', async () => {
    const screens = await setUp(4, { patches: true });
    // Every screen's ack reached its gateway: the version it holds is the base of the patch.
    const holder = (i: number) => gateways[i % 2]!.gateway.hub;
    await until(() => screens.every((s, i) => holder(i).live(s.id)?.ackedVersion === players[i]!.version));
    const whole = players[0]!.manifests.at(-1)!;
    expect(whole.kind).toBe('manifest');

    const itemId = control.services.content.list()[0]!.item.id;
    control.services.content.update(itemId, slogan('Học nghề – lập nghiệp'), control.clock.now());
    control.services.reviews.approveAllCity(null, control.clock.now());
    control.services.publisher.publish(null);
    await until(() => screens.every((s, i) => players[i]!.version === expected(s.id)));
    expect(players.map((p) => p.manifests.at(-1)!.kind)).toEqual(['patch', 'patch', 'patch', 'patch']);
    expect(players.every((p) => p.resyncs === 0)).toBe(true);
    // Made once per gateway: screens 0 and 2 are on g1, 1 and 3 on g2; one edit, the same patch.
    const patch = (i: number) => players[i]!.manifests.at(-1)!.text;
    expect(patch(2)).toBe(patch(0));
    expect(patch(3)).toBe(patch(1));
    expect(JSON.parse(patch(0)).patch.base).toBe(whole.version);
    expect(patch(0).length * 3).toBeLessThan(whole.text.length);
    // The manifest made from the patch is control's, byte for byte (canonical JSON) [P6].
    const built = control.services.manifests.view();
    const own = built.forAudience(built.audienceOf(control.services.screens.get(screens[0]!.id)!)).manifest;
    expect(canonicalJson(players[0]!.held)).toBe(canonicalJson(own));
  });

  it('answers resync with the whole manifest, and a screen whose patch does not fit ends current [P5]', async () => {
    const screens = await setUp(2, { patches: true });
    await until(() => screens.every((s, i) => gateways[i]!.gateway.hub.live(s.id)?.ackedVersion === players[i]!.version));
    // Screen 1 holds a manifest that is not what its version says: the patch will not check out.
    players[1]!.held = { ...players[1]!.held!, items: [] };
    const itemId = control.services.content.list()[0]!.item.id;
    control.services.content.update(itemId, slogan('Tay nghề vững, tương lai vững'), control.clock.now());
    control.services.reviews.approveAllCity(null, control.clock.now());
    control.services.publisher.publish(null);
    await until(() => screens.every((s, i) => players[i]!.version === expected(s.id)));
    expect(players[0]!.manifests.at(-1)!.kind).toBe('patch');
    expect(players[1]!.resyncs).toBe(1);
    expect(players[1]!.manifests.at(-1)!.kind).toBe('manifest');

    // A screen that asks again gets the whole manifest of its audience, as on the embedded hub.
    const count = players[0]!.manifests.length;
    players[0]!.send({ type: 'resync', version: players[0]!.version });
    await until(() => players[0]!.manifests.length > count);
    expect(players[0]!.manifests.at(-1)).toMatchObject({ kind: 'manifest', version: expected(screens[0]!.id) });
  });

  it('sends a command to a screen on either gateway, and its result comes back to control', async () => {
    const screens = await setUp(2);
    await until(() => screens.every((s) => control.hub.live(s.id) !== undefined));
    const results: string[] = [];
    control.hub.onCommandResult((screenId, result) => results.push(`${screenId}:${result.id}:${result.ok}`));
    expect(control.hub.sendCommand(screens[0]!.id, 'c1', 'identify')).toBe(true);
    expect(control.hub.sendCommand(screens[1]!.id, 'c2', 'reload')).toBe(true);
    await until(() => results.length === 2);
    expect(players[0]!.commands).toEqual(['identify']);
    expect(players[1]!.commands).toEqual(['reload']);
    expect(results.sort()).toEqual([`${screens[0]!.id}:c1:true`, `${screens[1]!.id}:c2:true`]);
    expect(control.hub.sendCommand('s_nowhere', 'c3', 'reload')).toBe(false);
  });

  it('sends a screen its new settings on whichever gateway holds it; the fleet dashboard sees it online and current', async () => {
    const screens = await setUp(2);
    const [a] = screens;
    const before = players[0]!.settings.length;
    await until(() => control.hub.live(a!.id) !== undefined);
    control.services.screens.setDetails(a!.id, { name: 'Cổng trường Bách Khoa', ward: null, locationKind: 'school', tags: [] });
    expect(control.hub.screenChanged(a!.id)).toBe(true);
    await until(() => players[0]!.settings.length > before);
    expect(players[0]!.settings.at(-1)!.name).toBe('Cổng trường Bách Khoa');
    expect(players[1]!.settings.every((s) => s.name !== 'Cổng trường Bách Khoa')).toBe(true);

    const fleet = new Fleet({ ...control.services, hub: control.hub });
    await until(() => control.hub.live(a!.id)?.ackedVersion === expected(a!.id));
    expect(fleet.status(control.services.screens.get(a!.id)!)).toMatchObject({ state: 'online', connected: true, sync: 'current', playerVersion: '0.1.0' });
  });

  it('asks players to come back later (1013), not to forget their token, while it knows no screen', async () => {
    gateways = [await startGateway(redis.url, `gw${++n}:empty:`, 'g-empty')];
    const player = new SimPlayer('some-token-of-a-paired-screen-0123', [gateways[0]!.url]);
    players.push(player);
    player.connect();
    await until(() => player.closes.length >= 2);
    expect(new Set(player.closes)).toEqual(new Set([1013]));
    expect(player.closedWith).toBeNull();
  });

  it('counts a screen of a gateway that died offline once the 60 s grace ran out from its last sighting', async () => {
    const screens = await setUp(2);
    const clock = manualClock(Date.now());
    const fleet = new Fleet({ ...control.services, clock, hub: control.hub });
    await until(() => screens.every((s) => control.hub.live(s.id) !== undefined));
    const state = (id: string) => fleet.judge(control.services.screens.get(id)!).state;
    expect(screens.map((s) => state(s.id))).toEqual(['online', 'online']);

    // g1 dies with its screen (the box lost power too): nothing reconnects.
    players[0]!.stop();
    gateways[0]!.kill();
    await until(() => control.hub.live(screens[0]!.id) === undefined, 5000);
    expect(state(screens[0]!.id)).toBe('online');
    clock.advance(61_000);
    expect(state(screens[0]!.id)).toBe('offline');
    expect(control.hub.live(screens[1]!.id)).toBeDefined();
    gateways.shift();
  });

  it('logs and skips a malformed control message or directory entry, and goes on', async () => {
    const screens = await setUp(2);
    const warnings: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation((line: string) => void warnings.push(line));
    try {
      const { redis: r, directory } = control.bus.hubBus;
      await r.publish(directory.keys.control, '{not json');
      await r.publish(directory.keys.control, JSON.stringify({ v: 1, type: 'command', screenId: screens[0]!.id, id: 'x', action: 'format_disk' }));
      await r.hset(directory.keys.directory, 's_bogus', '{"tokenHash":1}');
      await gateways[0]!.gateway.directory.load();
      await until(() => control.hub.live(screens[0]!.id) !== undefined);
      expect(control.hub.sendCommand(screens[0]!.id, 'c1', 'identify')).toBe(true);
      await until(() => players[0]!.commands.length === 1);
      expect(players[0]!.commands).toEqual(['identify']);
      expect(warnings.filter((w) => w.includes('malformed control message'))).toHaveLength(4);
      expect(warnings.some((w) => w.includes('malformed directory entry s_bogus'))).toBe(true);
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses a revoked token on every gateway within a second', async () => {
    const screens = await setUp(2);
    const [a, b] = screens;
    const t0 = performance.now();
    control.services.screenTokens.revoke(a!.id);
    control.hub.disconnect(a!.id, CloseCode.tokenRevoked, 'token revoked');
    await until(() => players[0]!.closedWith === CloseCode.tokenRevoked, 1000);
    expect(performance.now() - t0).toBeLessThan(1000);
    // The same token, on both gateways: unknown now.
    for (const url of gateways.map((g) => g.url)) {
      const again = new SimPlayer(a!.token, [url]);
      players.push(again);
      again.connect();
      await until(() => again.closedWith !== null);
      expect(again.closedWith).toBe(CloseCode.unknownToken);
    }
    // The other screen plays on.
    expect(players[1]!.connected).toBe(true);
    expect(control.services.screens.get(b!.id)).toBeDefined();
  });

  it('closes a retired screen with 4005 on the gateway that holds it, as the embedded server does, and refuses its token everywhere', async () => {
    const screens = await setUp(2);
    const [a, b] = screens;
    // What DELETE /api/screens/{id} does (routes/screen-retire.ts): revoke, retire, close.
    control.db.transaction(() => {
      control.services.screenTokens.revoke(a!.id);
      control.services.screens.retire(a!.id, control.clock.now());
    })();
    control.hub.disconnect(a!.id, CloseCode.retired, 'screen retired');
    await until(() => players[0]!.closedWith !== null, 1000);
    expect(players[0]!.closedWith).toBe(CloseCode.retired);
    for (const url of gateways.map((g) => g.url)) {
      const again = new SimPlayer(a!.token, [url]);
      players.push(again);
      again.connect();
      await until(() => again.closedWith !== null);
      expect(again.closedWith).toBe(CloseCode.unknownToken);
    }
    expect(players[1]!.connected).toBe(true);
    expect(control.services.screens.get(b!.id)).toBeDefined();
  });

  it('makes every screen current again after Redis restarted empty, and still refuses a revoked token', async () => {
    const screens = await setUp(4);
    await redis.restartEmpty();
    // Control re-seeds Redis from SQLite (the announce and the directory); a publish then reaches all.
    const itemId = control.services.content.list()[0]!.item.id;
    control.services.content.update(itemId, slogan('Sau khi Redis khởi động lại'), control.clock.now());
    control.services.reviews.approveAllCity(null, control.clock.now());
    control.services.publisher.publish(null);
    await until(() => screens.every((s, i) => players[i]!.version === expected(s.id)), 15_000);
    await until(async () => (await control.bus.hubBus.redis.hlen(control.bus.hubBus.directory.keys.directory)) >= 5, 10_000);
    control.services.screenTokens.revoke(screens[3]!.id);
    control.hub.disconnect(screens[3]!.id, CloseCode.tokenRevoked, 'token revoked');
    await until(() => players[3]!.closedWith === CloseCode.tokenRevoked, 1000);
  });

  it('keeps screens playing while control is down; once it is back the stream is read where it stopped and every play stored once', async () => {
    const screens = await setUp(4);
    const itemId = control.services.content.list()[0]!.item.id;
    const count = () => (control.db.prepare('SELECT count(*) AS n FROM play_events').get() as { n: number }).n;
    const before = count();
    const round = (r: number) => players.forEach((p, i) => p.sendPlays([play(`ctlplay-${i}-${String(r).padStart(4, '0')}`, itemId, r)]));
    round(0);
    await until(() => players.every((p) => p.queue.size === 0));

    await control.crash();
    round(1);
    round(2);
    await new Promise((r) => setTimeout(r, 300));
    // Nothing acknowledged without control, and every screen still on its gateway.
    expect(players.every((p) => p.queue.size === 2 && p.connected)).toBe(true);
    expect(count() - before).toBe(4);

    control = await startControl(redis.url, prefix, control);
    await until(() => players.every((p) => p.queue.size === 0), 10_000);
    expect(count() - before).toBe(4 * 3);
    expect(control.db.prepare('SELECT id FROM play_events GROUP BY id HAVING count(*) > 1').all()).toEqual([]);
    expect(screens).toHaveLength(4);
  });

  it('stores plays only once control committed them, then acknowledges; a gateway killed under play traffic loses none and stores none twice', async () => {
    const screens = await setUp(8);
    const itemId = control.services.content.list()[0]!.item.id;
    const count = () => (control.db.prepare('SELECT count(*) AS n FROM play_events').get() as { n: number }).n;
    const before = count();
    let seq = 0;
    const send = (rounds: number) => {
      for (let r = 0; r < rounds; r++) {
        players.forEach((p, i) => p.sendPlays([play(`gwplay-${i}-${String(seq).padStart(4, '0')}`, itemId, seq)]));
        seq += 1;
      }
    };
    send(3);
    await until(() => players.every((p) => p.queue.size === 0));
    expect(count() - before).toBe(8 * 3);

    // Under traffic, g1 dies: its screens move to g2 and resend what was not acknowledged.
    const moved = players.filter((_, i) => i % 2 === 0);
    send(2);
    gateways[0]!.kill();
    send(2);
    await until(() => moved.every((p) => p.connected && p.welcomed >= 2), 5000);
    send(2);
    await until(() => players.every((p) => p.queue.size === 0), 10_000);
    expect(gateways[1]!.gateway.hub.connectedCount).toBe(8);
    expect(count() - before).toBe(8 * 9);
    const twice = control.db.prepare('SELECT id, count(*) AS n FROM play_events GROUP BY id HAVING n > 1').all();
    expect(twice).toEqual([]);
    // Control notices the dead gateway: every screen is now on g2.
    await until(async () => {
      await control.hub.readPresence();
      return (await control.bus.hubBus.presence.read()).gateways.join() === 'g2';
    }, 5000);
    gateways.shift();
  });
});
