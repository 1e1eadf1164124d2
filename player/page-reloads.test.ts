import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolve } from '../playlists/index.ts';
import { Clock } from './clock.ts';
import { pageReloads } from './page-reloads.ts';
import { WATCHDOG } from './watchdog-reload.ts';
import { DAY_START, manifest, slogan } from './test-fixtures.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

const play = resolve(manifest([slogan('a', 8_000), slogan('b', 8_000)]), DAY_START).main;

async function loaded() {
  const reload = vi.fn();
  vi.stubGlobal('location', { reload });
  const reloads = pageReloads();
  await reloads.load({ clock: new Clock(), screen: null });
  return { reloads, reload };
}

describe('pageReloads', () => {
  it('reloads the page once items failed often enough in a row (watchdog-reload.ts)', async () => {
    const { reloads, reload } = await loaded();
    const results = Array.from({ length: WATCHDOG.failures }, (_, i) => reloads.failed(i));
    expect(results).toEqual([...Array<boolean>(WATCHDOG.failures - 1).fill(false), true]);
    expect(reload).toHaveBeenCalledOnce();
  });

  it('counts failures afresh after an item played through, but not after the one that failed', async () => {
    const { reloads, reload } = await loaded();
    for (let i = 1; i < WATCHDOG.failures; i++) reloads.failed(i);
    reloads.boundary({ ...play, since: WATCHDOG.failures - 1 }, play);
    expect(reloads.failed(WATCHDOG.failures)).toBe(true);
    for (let i = 1; i < WATCHDOG.failures; i++) reloads.failed(i);
    reloads.boundary({ ...play, since: 999 }, play);
    expect(reloads.failed(WATCHDOG.failures)).toBe(false);
    expect(reload).toHaveBeenCalledOnce();
  });

  it('never reloads before it loaded', () => {
    const reload = vi.fn();
    vi.stubGlobal('location', { reload });
    const reloads = pageReloads();
    for (let i = 0; i < WATCHDOG.failures; i++) expect(reloads.failed(i)).toBe(false);
    expect(reload).not.toHaveBeenCalled();
  });
});
