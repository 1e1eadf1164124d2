import { describe, expect, it } from 'vitest';
import { Manifest, toLocalIso, type ZonePlay } from '../playlists/index.ts';
import { MAX_WAIT_MS, Playback, stableJson, switchWhen } from './playback.ts';
import { DAY_START, FakeTimers, manifest, slogan } from './test-fixtures.ts';

describe('switchWhen', () => {
  const a = slogan('a', 10_000);
  const b = slogan('b', 20_000);

  it('waits for the boundary when the item on screen is unchanged', () => {
    expect(switchWhen(a, manifest([{ ...a }, slogan('c', 5000)]))).toBe('boundary');
  });

  it('switches at once when the item on screen was removed', () => {
    expect(switchWhen(a, manifest([b]))).toBe('now');
  });

  it('switches at once when the item is listed but no playlist plays it', () => {
    expect(switchWhen(a, manifest([a, b], 'b'.repeat(16), ['b']))).toBe('now');
  });

  it('switches at once when the item on screen changed', () => {
    expect(switchWhen(a, manifest([{ ...a, text: 'Chữ mới' }]))).toBe('now');
    expect(switchWhen(a, manifest([{ ...a, revision: 2 }]))).toBe('now');
  });

  it('switches at once from the idle screen', () => {
    expect(switchWhen(null, manifest([a]))).toBe('now');
  });

  it('compares content regardless of key order', () => {
    expect(stableJson({ b: 1, a: { d: 2, c: 3 } })).toBe(stableJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
});

function setup(startAt: number) {
  const timers = new FakeTimers();
  timers.now = startAt;
  const shown: (ZonePlay | null)[] = [];
  const playback = new Playback(() => timers.now, (play) => shown.push(play), timers);
  const ids = () => shown.map((p) => p?.item?.id ?? null);
  return { timers, playback, shown, ids };
}

describe('Playback', () => {
  const a = slogan('a', 10_000);
  const b = slogan('b', 20_000);
  const first = manifest([a, b], '1'.repeat(16));

  it('shows each item until its end, then the next', () => {
    const { timers, playback, ids } = setup(DAY_START + 5_000);
    playback.start(first);
    expect(ids()).toEqual(['a']);
    timers.advance(4_999);
    expect(ids()).toEqual(['a']);
    timers.advance(1);
    expect(ids()).toEqual(['a', 'b']);
    timers.advance(20_000);
    expect(ids()).toEqual(['a', 'b', 'a']);
    expect(timers.size).toBe(1);
  });

  it('shows the idle screen without a manifest and checks again later', () => {
    const { timers, playback, shown } = setup(DAY_START);
    playback.start(null);
    expect(shown).toEqual([]);
    expect(playback.play).toBeNull();
    expect(timers.size).toBe(1);
  });

  it('lands on the right item when the timer fires late', () => {
    const { timers, playback, ids } = setup(DAY_START + 5_000);
    playback.start(first);
    // The box slept: the next tick comes 26 s later, in the middle of the next `a`.
    timers.now += 26_000;
    timers.advance(0);
    expect(ids()).toEqual(['a', 'a']);
    expect(playback.play?.since).toBe(DAY_START + 30_000);
  });

  it('holds exactly until the boundary, then follows the new manifest', () => {
    const { timers, playback, ids } = setup(DAY_START + 5_000);
    playback.start(first);
    // In the new rotation, 5 s after midnight is `c`, but `a` stays until 10 s.
    playback.apply(manifest([a, slogan('c', 30_000)], '2'.repeat(16), ['c', 'a']));
    expect(ids()).toEqual(['a']);
    playback.refresh();
    expect(ids()).toEqual(['a']);
    timers.advance(4_999);
    expect(ids()).toEqual(['a']);
    timers.advance(1);
    expect(ids()).toEqual(['a', 'c']);
    expect(playback.play?.since).toBe(DAY_START);
  });

  it('switches at once when the item on screen changed', () => {
    const { playback, ids, shown } = setup(DAY_START + 5_000);
    playback.start(first);
    playback.apply(manifest([{ ...a, text: 'Sửa lại' }, b], '2'.repeat(16)));
    expect(ids()).toEqual(['a', 'a']);
    expect(shown[1]?.item).toMatchObject({ text: 'Sửa lại' });
  });

  it('switches at once when the item on screen was removed', () => {
    const { playback, ids } = setup(DAY_START + 5_000);
    playback.start(first);
    playback.apply(manifest([b], '2'.repeat(16)));
    expect(ids()).toEqual(['a', 'b']);
  });

  it('ignores a manifest it already applied', () => {
    const { playback, shown } = setup(DAY_START + 5_000);
    playback.start(first);
    playback.apply(manifest([a, b], '1'.repeat(16)));
    expect(shown).toHaveLength(1);
  });

  it('re-resolves at once when the clock jumps out of the held slot', () => {
    const { timers, playback, ids } = setup(DAY_START + 5_000);
    playback.start(first);
    playback.apply(manifest([a, slogan('c', 30_000)], '2'.repeat(16), ['c', 'a']));
    timers.now -= 3_600_000;
    playback.refresh();
    expect(ids()).toEqual(['a', 'c']);
  });

  it('re-checks at least once a minute during a long item', () => {
    const timers = new FakeTimers();
    timers.now = DAY_START;
    let checks = 0;
    const now = () => {
      checks += 1;
      return timers.now;
    };
    new Playback(now, () => {}, timers).start(manifest([slogan('long', 3_600_000)]));
    checks = 0;
    timers.advance(5 * MAX_WAIT_MS);
    expect(checks).toBe(5);
  });

  it('stops its timer when stopped', () => {
    const { timers, playback } = setup(DAY_START);
    playback.start(first);
    playback.stop();
    expect(timers.size).toBe(0);
  });

  describe('emergencies', () => {
    const e = slogan('e', 15_000, 'Cảnh báo ngập lụt');
    const emergency = (startsAt: number) =>
      Manifest.parse({
        ...first,
        version: 'e'.repeat(16),
        items: [a, b, e],
        playlists: [...first.playlists, { id: 'pe', name: 'Khẩn cấp', itemIds: ['e'] }],
        schedules: [{ id: 'E', name: 'Khẩn cấp', playlistId: 'pe', tier: 'emergency', target: { all: true }, time: { startDate: '2026-10-01', startsAt: toLocalIso(startsAt) } }],
      });

    it('[S1] [S10] switches to an emergency that is on now at once, mid-item, though the item on screen is unchanged', () => {
      const { playback, shown } = setup(DAY_START + 5_000);
      playback.start(first);
      playback.apply(emergency(DAY_START));
      expect(shown.map((p) => p?.item?.id)).toEqual(['a', 'e']);
      expect(shown.at(-1)?.reason).toEqual({ tier: 'emergency', scheduleId: 'E', rule: 'emergency_override' });
    });

    it('[S1] cuts the item on screen when an applied emergency starts', () => {
      const { timers, playback, ids } = setup(DAY_START + 1_000);
      playback.start(emergency(DAY_START + 4_000));
      expect(ids()).toEqual(['a']);
      timers.advance(3_000);
      expect(ids()).toEqual(['a', 'e']);
    });

    it('[S10] returns at once when a manifest without the emergency comes (cancel)', () => {
      const { timers, playback, ids } = setup(DAY_START + 5_000);
      playback.start(emergency(DAY_START));
      timers.advance(1_000);
      playback.apply(manifest([a, b], '3'.repeat(16)));
      expect(ids()).toEqual(['e', 'a']);
    });
  });
});

describe('Playback of the ticker zone', () => {
  const a = slogan('a', 10_000);
  const t1 = slogan('t1', 6_000);
  const t2 = slogan('t2', 6_000);
  const withTicker = Manifest.parse({
    ...manifest([a, t1, t2], '4'.repeat(16)),
    playlists: [
      { id: 'main', name: 'Main', itemIds: ['a'] },
      { id: 'tp', name: 'Chữ chạy', itemIds: ['t1', 't2'] },
    ],
    schedules: [{ id: 'T', name: 'Chữ chạy', playlistId: 'tp', zone: 'ticker', target: { all: true }, time: { startDate: '2026-10-01' } }],
  });

  function tickerSetup(startAt: number) {
    const timers = new FakeTimers();
    timers.now = startAt;
    const shown: (ZonePlay | null)[] = [];
    const playback = new Playback(() => timers.now, (play) => shown.push(play), timers, 'ticker');
    return { timers, playback, ids: () => shown.map((p) => p?.item?.id ?? null) };
  }

  it('[S13] rotates what is scheduled for the ticker strip on its own', () => {
    const { timers, playback, ids } = tickerSetup(DAY_START + 1_000);
    playback.start(withTicker);
    expect(ids()).toEqual(['t1']);
    timers.advance(5_000);
    expect(ids()).toEqual(['t1', 't2']);
  });

  it('[S13] plays nothing while nothing is scheduled for the ticker strip, and no fallback', () => {
    const { playback, ids } = tickerSetup(DAY_START + 1_000);
    playback.start(manifest([a], '5'.repeat(16)));
    expect(ids()).toEqual([]);
    expect(playback.play).toBeNull();
    playback.apply(withTicker);
    expect(ids()).toEqual(['t1']);
    playback.apply(manifest([a], '6'.repeat(16)));
    expect(ids()).toEqual(['t1', null]);
  });
});
