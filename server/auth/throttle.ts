import type { Clock } from '../clock.ts';
import { addressKey } from '../http/client-address.ts';
import type { Db } from '../db/connection.ts';
import type { ThrottleRepo, ThrottleRow } from '../repos/throttle.ts';
import { storageProblemOf } from '../storage/storage.ts';

export interface ThrottlePolicy {
  /** Consecutive failures allowed before delays start. */
  freeFailures: number;
  /** The delay after the first failure over the allowance; it doubles with each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A key with no failure for this long starts afresh. */
  forgetAfterMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  freeFailures: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 3_600_000,
};

/** How long sign-in stays closed after the `failures`-th consecutive failure. */
export function delayAfter(failures: number, policy: ThrottlePolicy = DEFAULT_THROTTLE): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, 40);
  return Math.min(policy.baseDelayMs * 2 ** doublings, policy.maxDelayMs);
}

/** What a count is kept for: an account × address pair, an address, or an account anywhere. */
export type ThrottleScope = 'account_address' | 'address' | 'account';

/** A count that has just used up its allowance: the audit log records it, once per streak. */
export interface ThrottleOnset {
  scope: ThrottleScope;
  failures: number;
  blockedUntil: number;
}

/** An attempt let through; report its outcome exactly once. */
export interface SignInAttempt {
  succeeded(): void;
  /** Records the failure; answers the counts that this failure put over their allowance. */
  failed(): ThrottleOnset[];
}

export type ThrottleDecision = { attempt: SignInAttempt } | { retryAfterMs: number };

const accountName = (username: string) => username.normalize('NFC').toLowerCase();
export const accountKey = (username: string) => `account:${accountName(username)}`;
export const pairKey = (username: string, address: string) => `pair:${addressKey(address)}|${accountName(username)}`;

/**
 * Sign-in throttling (OWASP's guidance against both guessing and lock-out): counts per account ×
 * address and per address hold back whoever fails, and an account-wide count holds back only
 * addresses that have themselves failed at that account. So guesses from many addresses cannot
 * lock the owner out: the right password from an address that has not failed there is always
 * checked. A guesser who rotates addresses gets one guess per new address once the account's
 * count is over its allowance.
 *
 * Keys are the username as typed, so an unknown user is throttled exactly like a real one and
 * the answers cannot tell them apart. A success clears its pair's count but not its address's
 * (one valid account must not let a guesser reset the address between guesses at others) nor
 * the account's (the owner signing in says nothing about the guessers).
 *
 * Attempts still being checked (scrypt takes a while) count as failures until they settle,
 * so a burst of parallel guesses cannot slip past the allowance.
 */
export class SignInThrottle {
  readonly #inFlight = new Map<string, number>();
  /**
   * Counts the database refused (a full or read-only disk): kept here until a write succeeds,
   * so a full disk never opens the door to unlimited guessing.
   */
  readonly #unsaved = new Map<string, ThrottleRow>();

  constructor(
    private readonly deps: { db: Db; repo: ThrottleRepo; clock: Clock },
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {}

  begin(username: string, address: string): ThrottleDecision {
    const pair = pairKey(username, address);
    const keys: Array<[ThrottleScope, string]> = [
      ['account_address', pair],
      ['address', `address:${addressKey(address)}`],
      ['account', accountKey(username)],
    ];
    const now = this.deps.clock.now();
    const hasFailedHere = (this.#live(pair, now)?.failures ?? 0) > 0 || (this.#inFlight.get(pair) ?? 0) > 0;
    const gating = keys.filter(([scope]) => scope !== 'account' || hasFailedHere);
    const wait = Math.max(...gating.map(([, k]) => this.#wait(k, now)));
    if (wait > 0) return { retryAfterMs: wait };
    for (const [, k] of keys) this.#inFlight.set(k, (this.#inFlight.get(k) ?? 0) + 1);
    let settled = false;
    const settle = () => {
      if (settled) throw new Error('sign-in attempt settled twice');
      settled = true;
      for (const [, k] of keys) {
        const n = (this.#inFlight.get(k) ?? 1) - 1;
        if (n > 0) this.#inFlight.set(k, n);
        else this.#inFlight.delete(k);
      }
    };
    return {
      attempt: {
        succeeded: () => {
          settle();
          this.#unsaved.delete(pair);
          try {
            this.deps.repo.delete(pair);
          } catch (err) {
            // A full disk must not keep the right password out; the pair's count just stays.
            if (!storageProblemOf(err)) throw err;
          }
        },
        failed: () => {
          settle();
          return this.#fail(keys);
        },
      },
    };
  }

  #live(key: string, now: number): ThrottleRow | undefined {
    const stored = this.deps.repo.get(key);
    const unsaved = this.#unsaved.get(key);
    const row = unsaved && (!stored || unsaved.lastFailureAt >= stored.lastFailureAt) ? unsaved : stored;
    return row && now - row.lastFailureAt < this.policy.forgetAfterMs ? row : undefined;
  }

  #wait(key: string, now: number): number {
    const row = this.#live(key, now);
    const failures = row?.failures ?? 0;
    if (row && failures >= this.policy.freeFailures && now < row.blockedUntil) return row.blockedUntil - now;
    const inFlight = this.#inFlight.get(key) ?? 0;
    if (inFlight > 0 && failures + inFlight >= this.policy.freeFailures) return this.policy.baseDelayMs;
    return 0;
  }

  #fail(keys: Array<[ThrottleScope, string]>): ThrottleOnset[] {
    const now = this.deps.clock.now();
    const onsets: ThrottleOnset[] = [];
    const rows = keys.map(([scope, key]) => {
      const failures = (this.#live(key, now)?.failures ?? 0) + 1;
      const row: ThrottleRow = { failures, lastFailureAt: now, blockedUntil: now + delayAfter(failures, this.policy) };
      if (failures === this.policy.freeFailures) onsets.push({ scope, failures, blockedUntil: row.blockedUntil });
      return [key, row] as const;
    });
    try {
      this.deps.db.transaction(() => {
        for (const [key, row] of [...this.#unsaved, ...rows]) this.deps.repo.put(key, row);
        this.deps.repo.purge(now - this.policy.forgetAfterMs);
      })();
      this.#unsaved.clear();
    } catch (err) {
      if (!storageProblemOf(err)) throw err;
      for (const [key, row] of rows) this.#unsaved.set(key, row);
      for (const [key, row] of this.#unsaved) if (now - row.lastFailureAt >= this.policy.forgetAfterMs) this.#unsaved.delete(key);
    }
    return onsets;
  }
}
