import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CloseCode, DAY_MS, toLocalIso, toLocalIsoMs, type PlayEvent } from '../../playlists/index.ts';
import { connectPlayer, createTestApp, slogan, type FakePlayer, type TestApp } from '../testing/helpers.ts';
import { ackFrameOf } from './ack-frames.ts';
import { ManualScheduler } from '../scheduler.ts';
import { hashToken } from '../ids.ts';

const MAX_BUFFERED = 64 * 1024;
const SECOND_TOKEN = 'second-screen-token-0123456789';

/** A play of the demo's fallback; the n-th of a run starts when the one before ended. */
const play = (id: string, itemId: string, n = Number(id.slice(-1))): PlayEvent => ({
  id,
  itemId,
  itemRevision: 1,
  playlistId: null,
  scheduleId: null,
  tier: 'fallback',
  theme: 3,
  startedAt: toLocalIso(Date.parse('2026-11-26T08:58:00+07:00') + n * 8_000),
  durationMs: 8_000,
  completed: true,
});

describe('Hub: after hello', () => {
  let t: TestApp;
  let demoId: string;
  beforeEach(async () => {
    t = await createTestApp({ admin: false, hub: { maxBufferedBytes: MAX_BUFFERED } });
    demoId = t.services.screens.list()[0]!.id;
    t.services.screens.insert(
      { id: 's_second', name: 'Bến xe Giáp Bát', ward: null, locationKind: 'station', tags: [] },
      hashToken(SECOND_TOKEN),
      t.clock.now(),
    );
  });

  const publishChange = () => {
    const first = t.services.content.list()[0]!.item.id;
    t.services.content.update(first, slogan('Học nghề – lập nghiệp – lập thân'), t.clock.now());
    t.services.reviews.approve(first, null, t.clock.now(), ['approved']);
    return t.services.publisher.publish(null);
  };
  const newFrames = (player: FakePlayer, since: number) => player.socket.frames.slice(since);

  it('sends a new revision once to each connected screen, as the same bytes', () => {
    const a = connectPlayer(t);
    const b = connectPlayer(t, { token: SECOND_TOKEN });
    const [sentA, sentB] = [a.socket.frames.length, b.socket.frames.length];
    const push = vi.spyOn(t.hub, 'pushManifests');
    // The publisher tells the hub (app.ts, createHub), which pushes at once.
    publishChange();

    expect(push.mock.results.map((r) => r.value)).toEqual([{ audiences: 1, sent: 2 }]);
    expect(newFrames(a, sentA)).toHaveLength(1);
    expect(newFrames(b, sentB)).toHaveLength(1);
    expect(newFrames(a, sentA)[0]).toBe(newFrames(b, sentB)[0]);
    const msg = a.socket.messages.at(-1)!;
    if (msg.type !== 'manifest') throw new Error('expected a manifest');
    expect(msg.manifest.revision).toBe(2);
    expect(msg.manifest.version).toBe(t.hub.expectedVersion(t.services.screens.get(demoId)!));

    expect(t.hub.pushManifests()).toEqual({ audiences: 1, sent: 0 });
    expect(newFrames(a, sentA)).toHaveLength(1);
  });

  it('sends nothing when the published revision is the one screens have', () => {
    const a = connectPlayer(t);
    expect(t.hub.pushManifests().sent).toBe(0);
    expect(a.socket.types).toEqual(['welcome', 'screen', 'manifest']);
  });

  it('gives a screen that connects after a publish the new manifest', () => {
    publishChange();
    const a = connectPlayer(t);
    const msg = a.socket.messages[2]!;
    expect(msg.type === 'manifest' && msg.manifest.revision).toBe(2);
  });

  it('takes an ack written as the player writes it, or any other way the schema accepts, and closes on one it does not', () => {
    const version = t.hub.expectedVersion(t.services.screens.get(demoId)!);
    // As the player writes it (the hub recognises this text without parsing it).
    const a = connectPlayer(t);
    expect(JSON.stringify({ type: 'ack', version })).toBe(ackFrameOf(version).text);
    a.handlers.message(ackFrameOf(version).text);
    expect(t.hub.live(demoId)?.ackedVersion).toBe(version);
    // Spaced and reordered: parsed, and the same.
    const b = connectPlayer(t);
    b.handlers.message(`{ "version": "${version}", "type": "ack" }`);
    expect(b.socket.closed).toBeNull();
    expect(t.hub.live(demoId)?.ackedVersion).toBe(version);
    // An unknown field: refused by the schema, as before.
    const c = connectPlayer(t);
    c.handlers.message(`{"type":"ack","version":"${version}","extra":1}`);
    expect(c.socket.closed?.code).toBe(CloseCode.badFrame);
  });

  it('records an ack and writes it to the database at the next flush', () => {
    const a = connectPlayer(t, { playerVersion: '0.3.0', viewport: { width: 1280, height: 720 } });
    const version = t.hub.expectedVersion(t.services.screens.get(demoId)!);
    t.clock.advance(5_000);
    a.send({ type: 'ack', version });

    expect(t.hub.live(demoId)).toMatchObject({ ackedVersion: version, lastSeenAt: t.clock.now() });
    expect(t.services.screens.get(demoId)).toMatchObject({ manifestVersion: null, lastSeenAt: null });

    t.hub.flush();
    expect(t.services.screens.get(demoId)).toMatchObject({
      manifestVersion: version,
      lastSeenAt: t.clock.now(),
      playerVersion: '0.3.0',
      viewport: { width: 1280, height: 720 },
    });
    expect(t.services.screens.get('s_second')).toMatchObject({ manifestVersion: null, lastSeenAt: null });
  });

  it('writes when a screen was last seen after it disconnects', () => {
    const a = connectPlayer(t);
    t.hub.flush();
    t.clock.advance(60_000);
    a.send({ type: 'heartbeat', playing: null, manifestVersion: null, uptimeMs: 60_000 });
    a.handlers.close();
    t.hub.flush();
    expect(t.services.screens.get(demoId)!.lastSeenAt).toBe(t.clock.now());
  });

  it('closes with 4008 instead of sending to a socket whose buffer is over its bound', () => {
    const a = connectPlayer(t);
    const b = connectPlayer(t, { token: SECOND_TOKEN });
    const sentA = a.socket.frames.length;
    a.socket.bufferedAmount = MAX_BUFFERED + 1;
    b.socket.bufferedAmount = MAX_BUFFERED;
    const push = vi.spyOn(t.hub, 'pushManifests');
    publishChange();

    expect(push.mock.results.map((r) => r.value)).toEqual([{ audiences: 1, sent: 1 }]);
    expect(a.socket.closed).toEqual({ code: CloseCode.tooSlow, reason: 'too slow to read' });
    expect(a.socket.frames).toHaveLength(sentA);
    expect(b.socket.closed).toBeNull();
    expect(b.socket.types.at(-1)).toBe('manifest');
    expect(t.hub.live(demoId)).toBeUndefined();
    expect(t.hub.connectedCount).toBe(1);
  });

  it('closes with 4008 a slow socket that asks for the time', () => {
    const a = connectPlayer(t);
    const sent = a.socket.frames.length;
    a.socket.bufferedAmount = MAX_BUFFERED + 1;
    a.send({ type: 'heartbeat', playing: null, manifestVersion: null, uptimeMs: 1 });
    expect(a.socket.closed?.code).toBe(CloseCode.tooSlow);
    expect(a.socket.frames).toHaveLength(sent);
  });

  it('terminates a socket that did not pong since the last sweep and keeps one that did', () => {
    const a = connectPlayer(t);
    const b = connectPlayer(t, { token: SECOND_TOKEN });
    t.hub.sweep();
    expect([a.socket.pings, b.socket.pings]).toEqual([1, 1]);

    a.handlers.pong();
    t.hub.sweep();
    expect(a.socket.terminated).toBe(false);
    expect(a.socket.pings).toBe(2);
    expect(b.socket.terminated).toBe(true);
    expect(b.socket.pings).toBe(1);
    expect(t.hub.connectedCount).toBe(1);
    expect(t.hub.live('s_second')).toBeUndefined();
  });

  it('pings for one turn of the fan-out at a time, the rest on the next turns', async () => {
    const players = [connectPlayer(t), connectPlayer(t, { token: SECOND_TOKEN })];
    t.db.transaction(() => {
      for (let i = 0; i < 62; i++) t.services.screens.insert({ id: `s_ping${i}`, name: `Ping ${i}`, ward: null, locationKind: 'park', tags: [] }, hashToken(`ping-${i}`), t.clock.now());
    })();
    for (let i = 0; i < 62; i++) players.push(connectPlayer(t, { token: `ping-${i}` }));
    // Each ping takes 0.5 ms: an 8 ms turn stops at its first look at the clock (32 sockets).
    for (const p of players) {
      const ping = p.socket.ping.bind(p.socket);
      p.socket.ping = () => {
        const until = performance.now() + 0.5;
        while (performance.now() < until);
        ping();
      };
    }
    t.hub.sweep();
    expect(players.filter((p) => p.socket.pings === 1)).toHaveLength(32);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(players.every((p) => p.socket.pings === 1)).toBe(true);
  });

  it('counts any frame as a sign of life between sweeps', () => {
    const a = connectPlayer(t);
    t.hub.sweep();
    a.send({ type: 'heartbeat', playing: null, manifestVersion: null, uptimeMs: 1 });
    t.hub.sweep();
    expect(a.socket.terminated).toBe(false);
    expect(t.hub.connectedCount).toBe(1);
  });

  it('answers a heartbeat with the server time', () => {
    const a = connectPlayer(t);
    t.clock.advance(90_000);
    const itemId = t.services.content.list()[0]!.item.id;
    a.send({ type: 'heartbeat', playing: { itemId, since: '2026-11-26T09:01:25+07:00' }, manifestVersion: null, uptimeMs: 90_000 });
    expect(a.socket.messages.at(-1)).toEqual({ type: 'time', serverTime: toLocalIsoMs(t.clock.now()) });
    expect(a.socket.messages.at(-1)).toEqual({ type: 'time', serverTime: '2026-11-26T09:01:30.000+07:00' });
  });

  it('stores a plays batch once and acknowledges it even when it is sent again', () => {
    const a = connectPlayer(t);
    const itemId = t.services.content.list()[0]!.item.id;
    const events = [play('play-0000-0001', itemId), play('play-0000-0002', itemId)];
    a.send({ type: 'plays', events });
    expect(a.socket.messages.at(-1)).toEqual({ type: 'playsAck', ids: ['play-0000-0001', 'play-0000-0002'] });
    expect(t.services.plays.count()).toBe(2);

    a.send({ type: 'plays', events });
    expect(a.socket.messages.at(-1)).toEqual({ type: 'playsAck', ids: ['play-0000-0001', 'play-0000-0002'] });
    expect(t.services.plays.count()).toBe(2);
    expect(t.db.prepare('SELECT DISTINCT screen_id FROM play_events').pluck().all()).toEqual([demoId]);
  });

  it('stores only the events of its own screen and acknowledges the rest so the player drops them', () => {
    const a = connectPlayer(t);
    const itemId = t.services.content.list()[0]!.item.id;
    a.send({ type: 'plays', events: [{ ...play('play-0000-0001', itemId), screenId: demoId }, { ...play('play-0000-0002', itemId), screenId: 's_second' }] });
    expect(a.socket.messages.at(-1)).toEqual({ type: 'playsAck', ids: ['play-0000-0001', 'play-0000-0002'] });
    expect(t.db.prepare('SELECT id, screen_id FROM play_events').all()).toEqual([{ id: 'play-0000-0001', screen_id: demoId }]);
  });

  it('closes with 4000 on a plays batch with a malformed event and stores none of it', () => {
    const a = connectPlayer(t);
    const itemId = t.services.content.list()[0]!.item.id;
    a.send({ type: 'plays', events: [play('play-0000-0001', itemId), { ...play('play-0000-0002', itemId), theme: 9 }] });
    expect(a.socket.closed?.code).toBe(CloseCode.badFrame);
    expect(t.services.plays.count()).toBe(0);
  });

  it('closes every socket when stopped, after writing what it learnt', () => {
    const a = connectPlayer(t);
    const version = t.hub.expectedVersion(t.services.screens.get(demoId)!);
    a.send({ type: 'ack', version });
    t.hub.stop();
    expect(a.socket.closed?.code).toBe(1001);
    expect(t.services.screens.get(demoId)!.manifestVersion).toBe(version);
  });

  describe('when started', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      t.hub.stop();
      vi.useRealTimers();
    });

    it('pushes the next day\'s manifest to connected screens soon after local midnight', () => {
      const scheduler = new ManualScheduler(t.clock);
      t.hub.start(scheduler);
      const a = connectPlayer(t);
      const screen = t.services.screens.get(demoId)!;
      a.send({ type: 'ack', version: t.hub.expectedVersion(screen) });
      const sent = a.socket.frames.length;

      t.clock.set(Date.parse('2026-11-27T00:00:05+07:00'));
      expect(scheduler.runDue()).toContain('manifest-refresh');
      const msg = a.socket.messages.at(-1)!;
      expect(a.socket.frames).toHaveLength(sent + 1);
      if (msg.type !== 'manifest') throw new Error('expected a manifest');
      expect(msg.manifest.horizon.from).toBe('2026-11-27T00:00:00+07:00');
      expect(Date.parse(msg.manifest.horizon.until) - t.clock.now()).toBeGreaterThanOrEqual(7 * DAY_MS);
      expect(msg.manifest.version).toBe(t.hub.expectedVersion(screen));

      a.handlers.pong();
      vi.advanceTimersByTime(30_000);
      t.clock.advance(30_000);
      expect(scheduler.runDue()).toEqual(['manifest-safety']);
      expect(a.socket.terminated).toBe(false);
      expect(a.socket.frames).toHaveLength(sent + 1);
    });
  });
});
