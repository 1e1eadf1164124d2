import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlayEvent, resolve, type ZonePlay } from '../playlists/index.ts';
import { PLAY_ACK_TIMEOUT_MS, PLAY_BATCH_MAX, PLAY_FLUSH_DELAY_MS, PlayQueue, PlayRecorder, newEventId } from './plays.ts';
import { PlaySender } from './play-sender.ts';
import { PlayerStore, STORE_KEYS } from './store.ts';
import { DAY_START, FakeTimers, MemoryStorage, manifest, slogan } from './test-fixtures.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

let n = 0;
const event = (id = `evt-${String(++n).padStart(8, '0')}`): PlayEvent => ({
  id,
  itemId: 'a',
  itemRevision: 1,
  playlistId: 'main',
  scheduleId: null,
  tier: 'fallback',
  theme: 1,
  startedAt: '2026-10-04T08:00:00.000+07:00',
  durationMs: 8_000,
  completed: true,
});

describe('PlayQueue', () => {
  it('keeps events across a reboot, oldest first', () => {
    const storage = new MemoryStorage();
    const queue = new PlayQueue(new PlayerStore(storage));
    queue.push(event('evt-00000001'), event('evt-00000002'));
    const rebooted = new PlayQueue(new PlayerStore(storage));
    expect(rebooted.peek(10).map((e) => e.id)).toEqual(['evt-00000001', 'evt-00000002']);
  });

  it('drops the oldest events beyond its bound and counts them, across reboots too', () => {
    const storage = new MemoryStorage();
    const queue = new PlayQueue(new PlayerStore(storage), 3);
    for (let i = 1; i <= 5; i++) queue.push(event(`evt-0000000${i}`));
    expect(queue.peek(10).map((e) => e.id)).toEqual(['evt-00000003', 'evt-00000004', 'evt-00000005']);
    expect(queue.dropped).toBe(2);
    expect(new PlayQueue(new PlayerStore(storage), 3).dropped).toBe(2);
  });

  it('removes acknowledged events and ignores ids it does not hold', () => {
    const queue = new PlayQueue(new PlayerStore(new MemoryStorage()));
    queue.push(event('evt-00000001'), event('evt-00000002'), event('evt-00000003'));
    expect(queue.remove(['evt-00000002', 'evt-99999999'])).toBe(1);
    expect(queue.peek(10).map((e) => e.id)).toEqual(['evt-00000001', 'evt-00000003']);
  });

  it('drops a stored event that no longer parses and keeps the others', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORE_KEYS.plays, JSON.stringify([event('evt-00000001'), { ...event('evt-00000002'), theme: 9 }, 'junk']));
    expect(new PlayQueue(new PlayerStore(storage)).peek(10).map((e) => e.id)).toEqual(['evt-00000001']);
  });

  it('keeps queueing in memory when storage is full', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const storage = new MemoryStorage();
    storage.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const queue = new PlayQueue(new PlayerStore(storage));
    queue.push(event(), event());
    expect(queue.size).toBe(2);
  });
});

describe('newEventId', () => {
  it('uses crypto.randomUUID where the browser has it', () => {
    expect(newEventId({ randomUUID: () => 'from-random-uuid', getRandomValues: (a) => a })).toBe('from-random-uuid');
  });

  it('makes a version 4 UUID from getRandomValues without it (Chromium 90, insecure context)', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newEventId({ getRandomValues: (a) => crypto.getRandomValues(a) })));
    expect(ids.size).toBe(100);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(PlayEvent.shape.id.safeParse(id).success).toBe(true);
    }
  });
});

describe('PlayRecorder', () => {
  const m = manifest([slogan('a', 8_000), slogan('b', 8_000)]);
  const at = (ms: number): ZonePlay => resolve(m, DAY_START + ms).main;

  function setup() {
    const t = { mono: 0, offset: 0 };
    const queue = new PlayQueue(new PlayerStore(new MemoryStorage()));
    let ids = 0;
    const recorder = new PlayRecorder({
      queue,
      now: () => DAY_START + t.mono + t.offset,
      monotonic: () => t.mono,
      screenId: () => 's_1',
      newId: () => `evt-${String(++ids).padStart(8, '0')}`,
    });
    return { t, queue, recorder };
  }

  it('records one event per item as it leaves the screen, completed when shown for its whole slot', () => {
    const { t, queue, recorder } = setup();
    recorder.showing(at(0));
    t.mono = 8_000;
    recorder.showing(at(8_000));
    t.mono = 11_000;
    recorder.showing(null); // cut short, e.g. the item was unpublished
    expect(queue.peek(10)).toEqual([
      { ...event('evt-00000001'), screenId: 's_1', startedAt: '2026-10-04T00:00:00.000+07:00', durationMs: 8_000, completed: true },
      { ...event('evt-00000002'), screenId: 's_1', itemId: 'b', startedAt: '2026-10-04T00:00:08.000+07:00', durationMs: 3_000, completed: false },
    ]);
    t.mono = 20_000;
    recorder.finish();
    expect(queue.size).toBe(2);
  });

  it('counts an item joined in the middle of its slot as not completed', () => {
    const { t, queue, recorder } = setup();
    t.mono = 4_000;
    recorder.showing(at(4_000));
    t.mono = 8_000;
    recorder.finish();
    expect(queue.peek(1)[0]).toMatchObject({ durationMs: 4_000, completed: false });
  });

  it('measures how long an item was shown on the monotonic clock when corrected time jumps', () => {
    const { t, queue, recorder } = setup();
    recorder.showing(at(0));
    t.mono = 8_000;
    t.offset = 3_600_000; // the first server time arrived: the box's clock was an hour behind
    recorder.finish();
    expect(queue.peek(1)[0]).toMatchObject({ durationMs: 8_000, startedAt: '2026-10-04T01:00:00.000+07:00', completed: true });
  });

  it('records nothing for a discarded item', () => {
    const { queue, recorder } = setup();
    recorder.showing(at(0));
    recorder.discard();
    recorder.finish();
    expect(queue.size).toBe(0);
  });
});

describe('PlaySender', () => {
  function setup(count: number) {
    const timers = new FakeTimers();
    const queue = new PlayQueue(new PlayerStore(new MemoryStorage()));
    queue.push(...Array.from({ length: count }, () => event()));
    const sent: string[][] = [];
    let open = true;
    const sender = new PlaySender(queue, (events) => open && Boolean(sent.push(events.map((e) => e.id))), timers);
    return { timers, queue, sent, sender, close: () => (open = false) };
  }

  it('sends the backlog in batches of at most 500, the next one after each acknowledgement', () => {
    const { queue, sent, sender } = setup(1_200);
    sender.connected();
    expect(sent.map((b) => b.length)).toEqual([PLAY_BATCH_MAX]);
    sender.acknowledged(sent[0]!);
    sender.acknowledged(sent[1]!);
    expect(sent.map((b) => b.length)).toEqual([500, 500, 200]);
    sender.acknowledged(sent[2]!);
    expect(queue.size).toBe(0);
    expect(new Set(sent.flat()).size).toBe(1_200);
  });

  it('sends a batch again when no acknowledgement comes, and after a reconnect', () => {
    const { timers, sent, sender } = setup(3);
    sender.connected();
    timers.advance(PLAY_ACK_TIMEOUT_MS);
    expect(sent).toHaveLength(2);
    sender.disconnected();
    sender.connected();
    expect(sent).toHaveLength(3);
    expect(sent[2]).toEqual(sent[0]);
  });

  it('holds new events for a moment while online and sends nothing while offline', () => {
    const { timers, queue, sent, sender } = setup(0);
    queue.push(event());
    sender.recorded();
    expect(sent).toHaveLength(0);
    sender.connected();
    expect(sent).toHaveLength(1);
    sender.acknowledged(sent[0]!);
    queue.push(event());
    sender.recorded();
    queue.push(event());
    sender.recorded();
    timers.advance(PLAY_FLUSH_DELAY_MS - 1);
    expect(sent).toHaveLength(1);
    timers.advance(1);
    expect(sent.map((b) => b.length)).toEqual([1, 2]);
  });

  it('keeps the queue when the socket closed before a batch could go', () => {
    const { queue, sent, sender, close } = setup(2);
    close();
    sender.connected();
    expect(sent).toHaveLength(0);
    expect(queue.size).toBe(2);
  });
});
