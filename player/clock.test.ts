import { describe, expect, it } from 'vitest';
import { Clock } from './clock.ts';

const T = Date.parse('2026-10-04T08:00:00+07:00');
const iso = (ms: number) => new Date(ms).toISOString();

/** A clock whose local time is set by the test. */
function clockAt(local: { now: number }): Clock {
  return new Clock(() => local.now);
}

describe('Clock', () => {
  it('takes the offset of an instant reply as it is', () => {
    const local = { now: T };
    const clock = clockAt(local);
    expect(clock.sync(iso(T + 3_600_000), T)).toBe(3_600_000);
    expect(clock.now()).toBe(T + 3_600_000);
  });

  it('does not move for a late reply whose round trip contains the current offset', () => {
    // Server and screen agree; the welcome reached a busy page 920 ms after the hello left.
    const local = { now: T + 920 };
    const clock = clockAt(local);
    expect(clock.sync(iso(T + 5), T)).toBe(0);
    expect(clock.offsetMs).toBe(0);
  });

  it('moves only to the edge of the interval a reply allows, and a quicker reply narrows it', () => {
    // The box boots an hour behind; the first reply takes a second.
    const local = { now: T + 1_000 };
    const clock = clockAt(local);
    const server = T + 3_600_000 + 500;
    clock.sync(iso(server), T);
    // The server read its clock between T and T + 1 s local: the offset is within [3 599 500, 3 600 500].
    expect(clock.offsetMs).toBe(3_599_500);
    local.now = T + 30_000;
    clock.sync(iso(T + 30_000 + 3_600_000 - 10), T + 29_980);
    expect(clock.offsetMs).toBe(3_599_990);
  });

  it('follows a jump of the local clock at the next reply', () => {
    const local = { now: T };
    const clock = clockAt(local);
    clock.sync(iso(T), T);
    local.now = T - 86_400_000 + 40; // the box's clock was set back a day
    clock.sync(iso(T + 40), T - 86_400_000);
    expect(clock.now()).toBe(T + 40);
  });

  it('takes a reply without a known send time as instant', () => {
    const local = { now: T };
    const clock = clockAt(local);
    clock.sync(iso(T + 2_000));
    expect(clock.offsetMs).toBe(2_000);
    clock.sync(iso(T - 1_000));
    expect(clock.offsetMs).toBe(-1_000);
  });
});
