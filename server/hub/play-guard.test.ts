import { tmpdir } from 'node:os';
import { beforeEach, describe, expect, it } from 'vitest';
import { CloseCode, HOUR_MS, PLAYS_BATCH_MAX, ScheduleFields, toLocalIsoMs, type PlayEvent, type PublishedItem } from '../../playlists/index.ts';
import { createApp, createHub } from '../app.ts';
import { createServices } from '../services.ts';
import { connectPlayer, createTestApp, slogan, type FakePlayer, type TestApp } from '../testing/helpers.ts';
import { hashToken } from '../ids.ts';
import { PLAYS_BURST, PLAYS_PER_SECOND, SHORT_PLAYS_BURST, SLOT_TOLERANCE_MS } from './play-guard.ts';

const STATION_TOKEN = 'station-token-0123456789';
const MINUTE = 60_000;

describe('Hub: checking play events', () => {
  let t: TestApp;
  let demoId: string;
  let fallback: PublishedItem[];
  let published: number;
  let seq = 0;

  beforeEach(async () => {
    t = await createTestApp({ admin: false });
    demoId = t.services.screens.list()[0]!.id;
    const { snapshot } = t.services.revisions.latest();
    const ids = snapshot.playlists.find((p) => p.id === snapshot.defaultPlaylistId)!.itemIds;
    fallback = ids.map((id) => snapshot.items.find((i) => i.id === id)!);
    published = t.clock.now();
    seq = 0;
  });

  /** Plays of the fallback in turn, back to back from `from`, as an honest player records them. */
  function honest(count: number, from: number, screenId = demoId): PlayEvent[] {
    const events: PlayEvent[] = [];
    let at = from;
    for (let i = 0; i < count; i++) {
      const item = fallback[i % fallback.length]!;
      events.push(event(item, at, item.durationMs, screenId));
      at += item.durationMs;
    }
    return events;
  }

  function event(item: Pick<PublishedItem, 'id' | 'revision' | 'theme'>, startedAt: number, durationMs: number, screenId = demoId): PlayEvent {
    seq += 1;
    return {
      id: `play-${String(seq).padStart(8, '0')}`,
      screenId,
      itemId: item.id,
      itemRevision: item.revision,
      playlistId: null,
      scheduleId: null,
      tier: 'fallback',
      theme: item.theme,
      startedAt: toLocalIsoMs(startedAt),
      durationMs,
      completed: true,
    };
  }

  /** Sends events in batches as a player does; answers the ids acknowledged. */
  function send(player: FakePlayer, events: PlayEvent[]): string[] {
    const acked: string[] = [];
    for (let i = 0; i < events.length && !player.socket.closed; i += PLAYS_BATCH_MAX) {
      const before = player.socket.frames.length;
      player.send({ type: 'plays', events: events.slice(i, i + PLAYS_BATCH_MAX) });
      for (const m of player.socket.messages.slice(before)) if (m.type === 'playsAck') acked.push(...m.ids);
    }
    return acked;
  }

  const stored = () => t.db.prepare<[], { id: string; duration_ms: number; started_at: number }>('SELECT id, duration_ms, started_at FROM play_events ORDER BY started_at').all();

  it('stores a batch sent again after its ack was lost once, acknowledges it again and refuses none of it', () => {
    const player = connectPlayer(t);
    t.clock.advance(10 * MINUTE);
    const first = honest(4, published);
    const later = honest(2, published + first.reduce((ms, e) => ms + e.durationMs, 0));
    expect(send(player, first)).toHaveLength(4);
    // The ack was lost: the same batch again, then the next plays, in one batch.
    expect(send(player, [...first, ...later])).toHaveLength(6);
    expect(stored().map((r) => r.id)).toEqual([...first, ...later].map((e) => e.id));
    expect(t.hub.live(demoId)?.plays).toMatchObject({ accepted: 6, clamped: 0, refused: { overlap: 0 } });
  });

  it('refuses plays of an item that does not exist, acknowledging them so the player drops them', () => {
    const a = connectPlayer(t);
    const forged = Array.from({ length: 3 }, (_, i) => event({ id: `c_forged${i}`, revision: 1, theme: 1 }, published + i * 1_000, 1_000));
    forged.push(event({ ...fallback[0]!, revision: 99 }, published + 5_000, 1_000));
    expect(send(a, forged)).toEqual(forged.map((e) => e.id));
    expect(stored()).toEqual([]);
    expect(t.hub.live(demoId)?.plays?.refused.unknown_item).toBe(4);
  });

  it('refuses plays of an item only other screens were sent', () => {
    const now = t.clock.now();
    t.services.screens.insert({ id: 's_station', name: 'Ga Hà Nội', ward: null, locationKind: 'station', tags: [] }, hashToken(STATION_TOKEN), now);
    t.services.content.insert('c_station', slogan('Tin riêng của nhà ga'), now);
    t.services.reviews.approve('c_station', null, now, ['draft']);
    t.services.playlists.insert('p_station', { name: 'Nhà ga', itemIds: ['c_station'] }, now);
    t.services.schedules.insert('sch_station', ScheduleFields.parse({
      name: 'Nhà ga', playlistId: 'p_station', target: { locationKinds: ['station'] }, time: { startDate: '2026-11-01' },
    }), now);
    t.services.publisher.publish(null);
    const item = t.services.revisions.latest().snapshot.items.find((i) => i.id === 'c_station')!;
    t.clock.advance(MINUTE);

    const demo = connectPlayer(t);
    send(demo, [event(item, now, 8_000)]);
    expect(stored()).toEqual([]);
    const station = connectPlayer(t, { token: STATION_TOKEN });
    const play = event(item, now, 8_000, 's_station');
    send(station, [play]);
    expect(stored().map((r) => r.id)).toEqual([play.id]);
  });

  it('clamps a 24-hour play to its slot and a run of them to the time that passed', () => {
    t.clock.advance(2 * HOUR_MS);
    const a = connectPlayer(t);
    const item = fallback[0]!;
    // Ten of them at the same instant: one slot's worth is stored, the others overlap it.
    const start = published + MINUTE;
    const pile = Array.from({ length: 10 }, () => event(item, start, 86_400_000));
    send(a, pile);
    const rows = stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.duration_ms).toBe(item.durationMs + SLOT_TOLERANCE_MS);
    expect(t.hub.live(demoId)?.plays).toMatchObject({ accepted: 1, clamped: 1, refused: { overlap: 9 } });

    // A play that began a little before the last one ended keeps only the time after it.
    const end = start + item.durationMs + SLOT_TOLERANCE_MS;
    const next = event(item, end - 1_500, item.durationMs);
    send(a, [next]);
    expect(stored().at(-1)).toEqual({ id: next.id, started_at: end, duration_ms: item.durationMs - 1_500 });
    // One that began well before is the same time counted twice.
    send(a, [event(item, end + item.durationMs - 5_000, item.durationMs)]);
    expect(stored()).toHaveLength(2);
  });

  it('takes a second per play at least, past a few short ones, so a box cannot pile up short plays', () => {
    t.clock.advance(2 * HOUR_MS);
    const a = connectPlayer(t);
    const start = published + MINUTE;
    // 100 plays of 10 ms over 10 s: one a second, and the few short plays an honest screen has.
    send(a, Array.from({ length: 100 }, (_, i) => event(fallback[0]!, start + i * 100, 10)));
    expect(stored()).toHaveLength(10 + SHORT_PLAYS_BURST);
  });

  it('keeps the short plays of an honest screen as they were: one cut by a publish, then one joined near its end', () => {
    t.clock.advance(2 * HOUR_MS);
    const a = connectPlayer(t);
    const [first, second, third, fourth] = fallback;
    let at = published + MINUTE;
    const plays = [
      event(first!, at, first!.durationMs),
      event(second!, (at += first!.durationMs), 300),
      event(third!, (at += 300), 400),
      event(fourth!, (at += 400), fourth!.durationMs),
    ];
    send(a, plays);
    expect(stored()).toEqual(plays.map((p) => ({ id: p.id, started_at: Date.parse(p.startedAt), duration_ms: p.durationMs })));
    expect(t.hub.live(demoId)?.plays).toMatchObject({ accepted: 4, clamped: 0 });
  });

  it('refuses plays from before their item was published or later than now', () => {
    const a = connectPlayer(t);
    const item = fallback[0]!;
    send(a, [event(item, published - HOUR_MS, 8_000), event(item, t.clock.now() + HOUR_MS, 8_000)]);
    expect(stored()).toEqual([]);
    expect(t.hub.live(demoId)?.plays?.refused).toMatchObject({ out_of_window: 1, future: 1 });
  });

  it('stores an offline queue of 5,000 after reconnecting, across a server restart too', () => {
    t.clock.advance(24 * HOUR_MS);
    const queue = honest(5_000, published + MINUTE);
    expect(queue.at(-1)!.startedAt < toLocalIsoMs(t.clock.now())).toBe(true);
    const first = connectPlayer(t);
    expect(send(first, queue.slice(0, 2_000))).toHaveLength(2_000);

    // The server restarts; the player comes back with the rest of its queue at once.
    const services = createServices(t.db, t.clock);
    const hub = createHub(services, { playsFlushMs: 0 });
    createApp({ db: t.db, clock: t.clock, hub, services, distDir: tmpdir() });
    const again = connectPlayer({ hub, demoToken: t.demoToken });
    expect(send(again, queue.slice(2_000))).toHaveLength(3_000);
    expect(again.socket.closed).toBeNull();
    expect(stored().map((r) => r.id)).toEqual(queue.map((e) => e.id));
    expect(hub.live(demoId)?.plays).toMatchObject({ accepted: 3_000, clamped: 0 });
  });

  it('holds a screen to its rate: a burst, then so many events per second, and keeps its events for later', () => {
    t.clock.advance(24 * HOUR_MS);
    const a = connectPlayer(t);
    const queue = honest(PLAYS_BURST + PLAYS_BATCH_MAX, published + MINUTE);
    expect(send(a, queue)).toHaveLength(PLAYS_BURST);
    expect(a.socket.closed?.code).toBe(CloseCode.playsRefused);
    expect(stored()).toHaveLength(PLAYS_BURST);

    // Reconnecting at once does not refill the allowance.
    const b = connectPlayer(t);
    send(b, queue.slice(PLAYS_BURST));
    expect(b.socket.closed?.code).toBe(CloseCode.playsRefused);
    t.clock.advance((PLAYS_BATCH_MAX / PLAYS_PER_SECOND) * 1_000);
    const c = connectPlayer(t);
    expect(send(c, queue.slice(PLAYS_BURST))).toHaveLength(PLAYS_BATCH_MAX);
    expect(stored()).toHaveLength(queue.length);
    expect(t.hub.live(demoId)?.plays?.refused.over_rate).toBe(2 * PLAYS_BATCH_MAX);
  });

  it('refuses a batch over the protocol\'s bound with its own close code, storing none of it', () => {
    t.clock.advance(24 * HOUR_MS);
    const a = connectPlayer(t);
    a.send({ type: 'plays', events: honest(PLAYS_BATCH_MAX + 1, published + MINUTE) });
    expect(a.socket.closed?.code).toBe(CloseCode.playsRefused);
    expect(a.socket.types).not.toContain('playsAck');
    expect(stored()).toEqual([]);
    connectPlayer(t);
    expect(t.hub.live(demoId)?.plays?.refused.oversized).toBe(PLAYS_BATCH_MAX + 1);
  });

  it('lets 100,000 forged day-long events of an unknown item store nothing', () => {
    const a = connectPlayer(t);
    const forged = Array.from({ length: 100_000 }, (_, i) => event({ id: 'c_doesnotexist', revision: 1, theme: 1 }, published + i, 86_400_000));
    send(a, forged);
    expect(stored()).toEqual([]);
    expect(a.socket.closed?.code).toBe(CloseCode.playsRefused);
  });
});
