import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDENTIFY_MS, RELOAD_DELAY_MS, runCommand, type CommandTarget } from './commands.ts';

function target(overrides: Partial<CommandTarget> = {}) {
  const calls: string[] = [];
  const t: CommandTarget = {
    identify: (ms) => void calls.push(`identify ${ms}`),
    reload: () => void calls.push('reload'),
    clearCache: async () => void calls.push('clearCache'),
    ...overrides,
  };
  return { t, calls };
}

describe('runCommand', () => {
  afterEach(() => vi.useRealTimers());

  it('shows the name for 10 s on identify and answers at once', async () => {
    const { t, calls } = target();
    const answers: unknown[] = [];
    await runCommand('identify', t, (ok, error) => answers.push([ok, error]));
    expect(calls).toEqual([`identify ${IDENTIFY_MS}`]);
    expect(IDENTIFY_MS).toBe(10_000);
    expect(answers).toEqual([[true, undefined]]);
  });

  it('answers a reload before the page goes', async () => {
    vi.useFakeTimers();
    const { t, calls } = target();
    const order: string[] = [];
    await runCommand('reload', t, (ok) => order.push(`answer ${ok}`));
    expect(order).toEqual(['answer true']);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(calls).toEqual(['reload']);
  });

  it('answers a failed cache clear with the reason', async () => {
    const { t } = target({ clearCache: () => Promise.reject(new Error('SecurityError: caches are not available')) });
    const answers: unknown[] = [];
    await runCommand('clear_cache', t, (ok, error) => answers.push([ok, error]));
    expect(answers).toEqual([[false, 'SecurityError: caches are not available']]);
  });
});
