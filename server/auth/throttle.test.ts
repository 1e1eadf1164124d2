import { describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import { openDatabase } from '../db/connection.ts';
import { ThrottleRepo } from '../repos/throttle.ts';
import { DEFAULT_THROTTLE, SignInThrottle, delayAfter } from './throttle.ts';

const setup = () => {
  const db = openDatabase(':memory:');
  const clock = manualClock(Date.parse('2026-11-26T09:00:00+07:00'));
  return { db, clock, throttle: new SignInThrottle({ db, repo: new ThrottleRepo(db), clock }) };
};

const fail = (t: SignInThrottle, user = 'admin', address = '192.0.2.1') => {
  const d = t.begin(user, address);
  if (!('attempt' in d)) throw new Error(`throttled: ${d.retryAfterMs}`);
  d.attempt.failed();
};

describe('delayAfter', () => {
  it('allows five failures, then waits 1 s doubling to a cap of 15 minutes', () => {
    expect([1, 2, 3, 4].map((n) => delayAfter(n))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 14].map((n) => delayAfter(n))).toEqual([1_000, 2_000, 4_000, 512_000]);
    expect(delayAfter(15)).toBe(15 * 60_000);
    expect(delayAfter(10_000)).toBe(DEFAULT_THROTTLE.maxDelayMs);
  });
});

describe('SignInThrottle', () => {
  it('answers how long to wait once the allowance is used up', () => {
    const { throttle, clock } = setup();
    for (let i = 0; i < 5; i++) fail(throttle);
    expect(throttle.begin('admin', '192.0.2.1')).toEqual({ retryAfterMs: 1_000 });
    clock.advance(400);
    expect(throttle.begin('admin', '192.0.2.1')).toEqual({ retryAfterMs: 600 });
    clock.advance(600);
    expect('attempt' in throttle.begin('admin', '192.0.2.1')).toBe(true);
  });

  it('keeps counting in memory while the disk refuses writes, and saves the counts once it takes them', () => {
    const { throttle, db } = setup();
    db.pragma('query_only = ON');
    for (let i = 0; i < 5; i++) fail(throttle);
    expect(throttle.begin('admin', '192.0.2.1')).toEqual({ retryAfterMs: 1_000 });
    expect(db.prepare('SELECT count(*) AS n FROM sign_in_throttle').get()).toEqual({ n: 0 });
    // The right password from another address still gets through on the full disk.
    const other = throttle.begin('admin', '198.51.100.7');
    if (!('attempt' in other)) throw new Error('the owner was locked out');
    expect(() => other.attempt.succeeded()).not.toThrow();

    db.pragma('query_only = OFF');
    fail(throttle, 'editor', '192.0.2.9');
    const saved = db.prepare("SELECT failures FROM sign_in_throttle WHERE key = 'address:192.0.2.1'").get();
    expect(saved).toEqual({ failures: 5 });
  });

  it('forgets a key a day after its last failure', () => {
    const { throttle, clock, db } = setup();
    for (let i = 0; i < 20; i++) {
      fail(throttle);
      clock.advance(DEFAULT_THROTTLE.maxDelayMs);
    }
    clock.advance(DEFAULT_THROTTLE.forgetAfterMs);
    fail(throttle, 'someone-else', '192.0.2.2');
    // The old keys were purged when the new failure was written.
    const keys = db.prepare('SELECT key FROM sign_in_throttle ORDER BY key').pluck().all();
    expect(keys).toEqual(['account:someone-else', 'address:192.0.2.2', 'pair:192.0.2.2|someone-else']);
    for (let i = 0; i < 4; i++) fail(throttle);
    expect('attempt' in throttle.begin('admin', '192.0.2.1')).toBe(true);
  });

  it('counts attempts still being checked against the allowance', () => {
    const { throttle } = setup();
    for (let i = 0; i < 3; i++) fail(throttle);
    const a = throttle.begin('admin', '192.0.2.1');
    const b = throttle.begin('admin', '192.0.2.1');
    expect('attempt' in a && 'attempt' in b).toBe(true);
    expect(throttle.begin('admin', '192.0.2.1')).toEqual({ retryAfterMs: 1_000 });
    if ('attempt' in a) a.attempt.succeeded();
    if ('attempt' in b) b.attempt.failed();
    expect('attempt' in throttle.begin('admin', '192.0.2.1')).toBe(true);
  });

  it('holds back with the account-wide count only addresses that failed at the account', () => {
    const { throttle } = setup();
    for (let i = 1; i <= 5; i++) fail(throttle, 'admin', `192.0.2.${i}`);
    expect(throttle.begin('admin', '192.0.2.1')).toEqual({ retryAfterMs: 1_000 });
    expect('attempt' in throttle.begin('admin', '192.0.2.6')).toBe(true);
    expect('attempt' in throttle.begin('someone-else', '192.0.2.1')).toBe(true);
  });

  it('reports each count going over its allowance once', () => {
    const { throttle, clock } = setup();
    const onsets = [];
    for (let i = 0; i < 7; i++) {
      const d = throttle.begin('admin', '192.0.2.1');
      if (!('attempt' in d)) throw new Error('throttled');
      onsets.push(d.attempt.failed());
      clock.advance(DEFAULT_THROTTLE.maxDelayMs);
    }
    expect(onsets.slice(0, 4).flat()).toEqual([]);
    expect(onsets[4]!.map((o) => o.scope).sort()).toEqual(['account', 'account_address', 'address']);
    expect(onsets.slice(5).flat()).toEqual([]);
  });

  it('refuses to settle one attempt twice', () => {
    const { throttle } = setup();
    const d = throttle.begin('admin', '192.0.2.1');
    if (!('attempt' in d)) throw new Error('throttled');
    d.attempt.failed();
    expect(() => d.attempt.failed()).toThrow(/twice/);
  });
});
