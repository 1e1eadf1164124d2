import { describe, expect, it } from 'vitest';
import { CloseCode } from '../playlists/index.ts';
import {
  BACKOFF_CAP_MS,
  PLAYS_REFUSED_DELAY_MS,
  RELOAD_GUARD_MS,
  TRY_AGAIN_LATER_DELAY_MS,
  RELOAD_KEY,
  backoffDelay,
  closeAction,
  guardedReload,
  reloadAllowed,
  retryFloorMs,
} from './retry.ts';

describe('backoffDelay', () => {
  it('stays within [0, 500·2^attempt) with full jitter', () => {
    expect(backoffDelay(0, () => 0)).toBe(0);
    expect(backoffDelay(0, () => 0.999999)).toBe(499);
    expect(backoffDelay(3, () => 0.5)).toBe(2000);
    expect(backoffDelay(3, () => 0.999999)).toBeLessThan(4000);
  });

  it('never exceeds the 15 s cap, however many attempts failed', () => {
    for (const attempt of [5, 6, 10, 50, 2000]) {
      const delay = backoffDelay(attempt, () => 0.999999);
      expect(delay).toBeLessThan(BACKOFF_CAP_MS);
      expect(delay).toBeGreaterThan(BACKOFF_CAP_MS - 10);
    }
  });

  it('spreads reconnects over the whole window', () => {
    const delays = Array.from({ length: 2000 }, () => backoffDelay(10));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(BACKOFF_CAP_MS);
    expect(delays.filter((d) => d < BACKOFF_CAP_MS / 2).length).toBeGreaterThan(800);
    expect(delays.filter((d) => d >= BACKOFF_CAP_MS / 2).length).toBeGreaterThan(800);
  });
});

describe('closeAction', () => {
  it('maps every close code to what DESIGN.md says the player does', () => {
    expect(closeAction(CloseCode.badFrame)).toBe('reconnect');
    expect(closeAction(CloseCode.tooSlow)).toBe('reconnect');
    expect(closeAction(CloseCode.unknownToken)).toBe('forget');
    expect(closeAction(CloseCode.tokenRevoked)).toBe('forget');
    expect(closeAction(CloseCode.retired)).toBe('forget');
    expect(closeAction(CloseCode.unsupportedProtocol)).toBe('reload');
    expect(closeAction(CloseCode.replaced)).toBe('stop');
  });

  it('reconnects after network loss and server restarts', () => {
    expect(closeAction(CloseCode.tryAgainLater)).toBe('reconnect');
    expect(closeAction(1006)).toBe('reconnect');
    expect(closeAction(1001)).toBe('reconnect');
    expect(closeAction(1011)).toBe('reconnect');
  });
});

describe('retryFloorMs', () => {
  it('makes a shedding server (1013) and refused plays (4009) wait longer, and nothing else', () => {
    expect(CloseCode.tryAgainLater).toBe(1013);
    expect(retryFloorMs(CloseCode.tryAgainLater)).toBe(TRY_AGAIN_LATER_DELAY_MS);
    expect(TRY_AGAIN_LATER_DELAY_MS).toBeGreaterThanOrEqual(1_000);
    expect(retryFloorMs(CloseCode.playsRefused)).toBe(PLAYS_REFUSED_DELAY_MS);
    for (const code of [1006, 1001, CloseCode.badFrame, CloseCode.tooSlow]) expect(retryFloorMs(code)).toBe(0);
  });
});

describe('reloadAllowed', () => {
  const now = 1_800_000_000_000;
  it('allows the first reload and one per five minutes after it', () => {
    expect(reloadAllowed(null, now)).toBe(true);
    expect(reloadAllowed(now - 1000, now)).toBe(false);
    expect(reloadAllowed(now - RELOAD_GUARD_MS + 1, now)).toBe(false);
    expect(reloadAllowed(now - RELOAD_GUARD_MS, now)).toBe(true);
  });

  it('does not block reloads for good after the clock went backwards', () => {
    expect(reloadAllowed(now + 3_600_000, now)).toBe(true);
    expect(reloadAllowed(Number.NaN, now)).toBe(true);
  });
});

describe('guardedReload', () => {
  const now = 1_800_000_000_000;
  const session = () => {
    const data = new Map<string, string>();
    return {
      data,
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
  };

  it('reloads once, records it, and refuses again within the window', () => {
    const s = session();
    expect(guardedReload(s, now)).toBe(true);
    expect(s.data.get(RELOAD_KEY)).toBe(String(now));
    expect(guardedReload(s, now + 60_000)).toBe(false);
    expect(guardedReload(s, now + RELOAD_GUARD_MS)).toBe(true);
  });

  it('does not reload when it cannot record the reload', () => {
    expect(guardedReload(null, now)).toBe(false);
    const full = {
      ...session(),
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(guardedReload(full, now)).toBe(false);
  });
});
