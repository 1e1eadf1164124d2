import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../playlists/player.ts';
import { DAY_START, FakeTimers } from './test-fixtures.ts';
import { MAX_WAIT_MS, MinuteTicks, TickController } from './tick.ts';

/** A stand-in for a Lit element: connects, updates and disconnects its controllers on demand. */
class Host implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  readonly updateComplete = Promise.resolve(true);
  addController(c: ReactiveController): void {
    this.controllers.push(c);
  }
  removeController(): void {}
  requestUpdate(): void {}
  connect(): void {
    this.controllers.forEach((c) => c.hostConnected?.());
  }
  update(): void {
    this.controllers.forEach((c) => c.hostUpdate?.());
  }
  disconnect(): void {
    this.controllers.forEach((c) => c.hostDisconnected?.());
  }
}

function setup(start = DAY_START + 30_000) {
  const timers = new FakeTimers();
  timers.now = start;
  const ticks = new MinuteTicks(timers);
  const now = () => timers.now;
  return { timers, ticks, now };
}

describe('MinuteTicks', () => {
  it('runs one timer for every element on one clock, and tells each of them at the minute boundary', () => {
    const { timers, ticks, now } = setup();
    const heard: number[][] = [[], [], []];
    heard.forEach((list) => ticks.subscribe(now, () => list.push(timers.now)));
    expect(timers.size).toBe(1);
    expect(ticks.timerCount).toBe(1);
    timers.advance(30_000 + 25);
    expect(heard.map((l) => l.length)).toEqual([1, 1, 1]);
    expect(heard[0]![0]! % MINUTE_MS).toBeLessThan(100);
    timers.advance(MINUTE_MS);
    expect(heard.map((l) => l.length)).toEqual([2, 2, 2]);
    expect(timers.size).toBe(1);
  });

  it('stops its timer when the last element leaves', () => {
    const { timers, ticks, now } = setup();
    const leaveA = ticks.subscribe(now, () => undefined);
    const leaveB = ticks.subscribe(now, () => undefined);
    leaveA();
    expect(timers.size).toBe(1);
    leaveB();
    expect(timers.size).toBe(0);
    expect(ticks.timerCount).toBe(0);
  });

  it('follows a clock that jumps within MAX_WAIT_MS, not at the old time\'s next minute', () => {
    const timers = new FakeTimers();
    timers.now = DAY_START + 5_000;
    let offset = 0;
    const ticks = new MinuteTicks(timers);
    const heard: number[] = [];
    ticks.subscribe(() => timers.now + offset, () => heard.push(timers.now));
    // Corrected time moves 50 s ahead: its minute turns 5 s later in local time.
    offset = 50_000;
    timers.advance(MAX_WAIT_MS + 5);
    expect(heard).toHaveLength(1);
  });

  it('does not wake its elements when the minute has not changed', () => {
    const { timers, ticks, now } = setup(DAY_START + 1_000);
    const heard: number[] = [];
    ticks.subscribe(now, () => heard.push(timers.now));
    timers.advance(50_000);
    expect(heard).toEqual([]);
  });
});

describe('TickController', () => {
  it('ticks while its host is connected, and leaves no timer behind once it is removed', () => {
    const { timers, ticks, now } = setup();
    const host = new Host();
    let n = 0;
    new TickController(host, () => now, () => n++, ticks);
    host.connect();
    timers.advance(MINUTE_MS);
    expect(n).toBe(1);
    host.disconnect();
    expect(timers.size).toBe(0);
    timers.advance(5 * MINUTE_MS);
    expect(n).toBe(1);
  });

  it('shares the tick of every host on the same clock', () => {
    const { timers, ticks, now } = setup();
    const hosts = Array.from({ length: 5 }, () => new Host());
    hosts.forEach((h) => {
      new TickController(h, () => now, () => undefined, ticks);
      h.connect();
    });
    expect(timers.size).toBe(1);
  });

  it('moves to the new clock when its host is given one (corrected time jumped)', () => {
    const { timers, ticks, now } = setup();
    const host = new Host();
    let clock = now;
    let n = 0;
    new TickController(host, () => clock, () => n++, ticks);
    host.connect();
    const moved = () => timers.now + 15_000;
    clock = moved;
    host.update();
    expect(ticks.timerCount).toBe(1);
    // The moved clock reads DAY_START + 45 s: its minute turns 15 s later.
    timers.advance(15_000 + 25);
    expect(n).toBe(1);
  });
});
