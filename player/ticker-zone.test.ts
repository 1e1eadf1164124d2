import { describe, expect, it } from 'vitest';
import { Manifest, type TickerStrip, type ZonePlay } from '../playlists/index.ts';
import { PlayQueue } from './plays.ts';
import { PlayerStore } from './store.ts';
import { DAY_START, FakeTimers, MemoryStorage, manifest, slogan } from './test-fixtures.ts';
import { TickerZone } from './ticker-zone.ts';

const main = slogan('a', 60_000);
const t1 = slogan('t1', 6_000);
const withTicker = Manifest.parse({
  ...manifest([main, t1], '7'.repeat(16)),
  playlists: [
    { id: 'main', name: 'Main', itemIds: ['a'] },
    { id: 'tp', name: 'Chữ chạy', itemIds: ['t1'] },
  ],
  schedules: [{ id: 'T', name: 'Chữ chạy', playlistId: 'tp', zone: 'ticker', target: { all: true }, time: { startDate: '2026-10-01' } }],
});
const STRIP: TickerStrip = { position: 'bottom', heightPx: 32 };

function setup(strip: TickerStrip | null) {
  const timers = new FakeTimers();
  timers.now = DAY_START + 1_000;
  let monotonic = 0;
  const queue = new PlayQueue(new PlayerStore(new MemoryStorage()));
  const layout = { strip, main: null as ZonePlay | null };
  let changes = 0;
  let n = 0;
  const zone = new TickerZone(
    {
      recorder: { queue, now: () => timers.now, monotonic: () => monotonic, screenId: () => 's_1', newId: () => `evt-${++n}` },
      now: () => timers.now,
      layout: () => layout,
      counting: () => true,
      onChange: () => (changes += 1),
    },
    timers,
  );
  const advance = (ms: number) => {
    monotonic += ms;
    timers.advance(ms);
  };
  return { zone, queue, layout, advance, changes: () => changes };
}

describe('TickerZone', () => {
  it('[S13] shows and counts what plays in the strip, one event per item shown', () => {
    const { zone, queue, advance, changes } = setup(STRIP);
    zone.start(withTicker);
    expect(zone.strip).toBe(STRIP);
    expect(zone.play?.item?.id).toBe('t1');
    expect(changes()).toBe(1);
    advance(5_000);
    expect(queue.peek(10).map((e) => e.itemId)).toEqual(['t1']);
    expect(queue.peek(1)[0]?.durationMs).toBe(5_000);
  });

  it('counts nothing on a layout without a strip, though the ticker zone has a play', () => {
    const { zone, queue, advance } = setup(null);
    zone.start(withTicker);
    expect(zone.play?.item?.id).toBe('t1');
    expect(zone.strip).toBeNull();
    advance(12_000);
    expect(queue.size).toBe(0);
  });

  it('stops counting while an emergency holds the canvas, and starts again after it', () => {
    const { zone, queue, layout, advance } = setup(STRIP);
    zone.start(withTicker);
    advance(1_000);
    layout.main = { item: slogan('e', 60_000), playlistId: 'pe', since: 0, until: 60_000, next: { itemId: null, at: 60_000 }, reason: { tier: 'emergency', scheduleId: 'E', rule: 'emergency_override' } };
    zone.sync();
    expect(zone.strip).toBeNull();
    expect(queue.peek(10).map((e) => [e.itemId, e.durationMs])).toEqual([['t1', 1_000]]);
    advance(2_000);
    layout.main = null;
    zone.sync();
    expect(zone.strip).toBe(STRIP);
    advance(1_000);
    zone.finish();
    expect(queue.peek(10).map((e) => [e.itemId, e.durationMs])).toEqual([['t1', 1_000], ['t1', 1_000]]);
  });
});
