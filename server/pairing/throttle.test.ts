import { describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import { Throttle } from './throttle.ts';

describe('Throttle', () => {
  const make = (maxKeys?: number) => {
    const clock = manualClock(0);
    return { clock, throttle: new Throttle({ limit: 3, windowMs: 1_000, clock, maxKeys }) };
  };

  it('lets a key through until it reaches its limit, then says how long to wait', () => {
    const { clock, throttle } = make();
    for (const at of [0, 100, 200]) {
      clock.set(at);
      expect(throttle.waitMs(['a'])).toBe(0);
      throttle.hit(['a']);
    }
    clock.set(300);
    expect(throttle.waitMs(['a'])).toBe(700);
    expect(throttle.waitMs(['b'])).toBe(0);
    clock.set(1_000);
    expect(throttle.waitMs(['a'])).toBe(0);
  });

  it('answers the longest wait of several keys', () => {
    const { clock, throttle } = make();
    for (let i = 0; i < 3; i++) throttle.hit(['a', 'b']);
    clock.set(500);
    for (let i = 0; i < 3; i++) throttle.hit(['b']);
    expect(throttle.waitMs(['a'])).toBe(500);
    expect(throttle.waitMs(['a', 'b'])).toBe(1_000);
  });

  it('forgets the least recently hit keys beyond its bound', () => {
    const { throttle } = make(2);
    for (const key of ['a', 'b', 'c']) for (let i = 0; i < 3; i++) throttle.hit([key]);
    expect(throttle.waitMs(['a'])).toBe(0);
    expect(throttle.waitMs(['c'])).toBeGreaterThan(0);
  });
});
