import { describe, expect, it } from 'vitest';
import type { ZonePlay } from '../playlists/index.ts';
import { Playback } from './playback.ts';
import { Manifest, toLocalIso, type ZonePlay as Play } from '../playlists/index.ts';
import { schedule } from '../playlists/test-fixtures.ts';
import { DAY_START, FakeTimers, manifest, slogan } from './test-fixtures.ts';

function setup(startAt: number) {
  const timers = new FakeTimers();
  timers.now = startAt;
  const shown: (ZonePlay | null)[] = [];
  const playback = new Playback(() => timers.now, (play) => shown.push(play), timers);
  return { timers, playback, shown, ids: () => shown.map((p) => p?.item?.id ?? null) };
}

describe('Playback.skip (an item that ended before its slot)', () => {
  const a = slogan('a', 10_000);
  const b = slogan('b', 20_000);
  const m = manifest([a, b], '1'.repeat(16));

  it('shows the next slot at once and keeps that slot’s own end', () => {
    const { timers, playback, shown, ids } = setup(DAY_START + 2_000);
    playback.start(m);
    playback.skip('a', shown[0]!.since);
    expect(ids()).toEqual(['a', 'b']);
    expect(shown[1]!.since).toBe(DAY_START + 10_000);
    // b stays through the rest of a's slot and its own; then the rotation goes on as laid out.
    timers.advance(8_000 + 19_999);
    expect(ids()).toEqual(['a', 'b']);
    timers.advance(1);
    expect(ids()).toEqual(['a', 'b', 'a']);
    expect(shown[2]!.since).toBe(DAY_START + 30_000);
  });

  it('keeps the next slot when playback re-resolves within the skipped slot', () => {
    const { playback, shown, ids } = setup(DAY_START + 2_000);
    playback.start(m);
    playback.skip('a', shown[0]!.since);
    playback.refresh();
    expect(ids()).toEqual(['a', 'b']);
  });

  it('ignores an end reported for another item or an earlier slot of the same item', () => {
    const { playback, shown, ids } = setup(DAY_START + 2_000);
    playback.start(m);
    playback.skip('b', shown[0]!.since);
    playback.skip('a', shown[0]!.since - 30_000);
    expect(ids()).toEqual(['a']);
  });

  it('does not run ahead through later slots when the next slot fails too', () => {
    const only = manifest([slogan('v', 10_000)], '2'.repeat(16));
    const { playback, shown, ids } = setup(DAY_START + 2_000);
    playback.start(only);
    playback.skip('v', shown[0]!.since);
    expect(shown[1]!.since).toBe(DAY_START + 10_000);
    playback.skip('v', shown[1]!.since);
    expect(ids()).toEqual(['v', 'v']);
  });

  it('never starts another schedule’s content early: the idle clock fills the rest of the slot', () => {
    // A priority window opens at 00:00:30; the rotation's slot before it fails at 00:00:24.
    const opens = DAY_START + 30_000;
    const base = manifest([slogan('a', 10_000), slogan('p', 10_000)], '3'.repeat(16), ['a']);
    const withWindow = Manifest.parse({
      ...base,
      playlists: [...base.playlists, { id: 'window', name: 'Window', itemIds: ['p'] }],
      schedules: [schedule('pri', 'window', { tier: 'priority', time: { startDate: '2026-10-04', startsAt: toLocalIso(opens) } })],
    });
    const { timers, playback, shown, ids } = setup(DAY_START + 24_000);
    playback.start(withWindow);
    expect(ids()).toEqual(['a']);
    playback.skip('a', shown[0]!.since);
    expect(ids()).toEqual(['a', null]);
    timers.advance(5_999);
    expect(ids()).toEqual(['a', null]);
    timers.advance(1);
    expect(ids()).toEqual(['a', null, 'p']);
    expect((shown[2] as Play).reason.tier).toBe('priority');
  });
});
