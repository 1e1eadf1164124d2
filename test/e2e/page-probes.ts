import type { Page } from '@playwright/test';

/**
 * Counters read from outside the player's code, so they measure any build the same way:
 * - timers alive: timeouts set and neither run nor cleared, and intervals not cleared;
 * - text fits: each time a renderer fits its text to its box (fit-text.ts writes `data-fit` on
 *   the fitted `.fit` element once per fit; a mutation record is queued even when the value
 *   is unchanged), counted in every shadow root.
 */
export interface Probes {
  timers: number;
  /** Of those, the ones due in 10 s or more: the minute ticks of clocks, countdowns and idle screens. */
  longTimers: number;
  fits: number;
}

function probes(): void {
  const live = new Map<unknown, number>();
  const w = window as unknown as Record<string, unknown> & typeof window;
  const setT = w.setTimeout.bind(w);
  const clearT = w.clearTimeout.bind(w);
  const setI = w.setInterval.bind(w);
  const clearI = w.clearInterval.bind(w);
  w.setTimeout = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = setT(() => {
      live.delete(id);
      if (typeof fn === 'function') (fn as (...a: unknown[]) => void)(...args);
    }, ms);
    live.set(id, ms ?? 0);
    return id;
  }) as typeof setTimeout;
  w.clearTimeout = ((id?: number) => {
    live.delete(id);
    clearT(id);
  }) as typeof clearTimeout;
  w.setInterval = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = setI(fn, ms, ...args);
    live.set(id, ms ?? 0);
    return id;
  }) as typeof setInterval;
  w.clearInterval = ((id?: number) => {
    live.delete(id);
    clearI(id);
  }) as typeof clearInterval;
  let fits = 0;
  const observer = new MutationObserver((records) => {
    for (const r of records) if ((r.target as Element).classList.contains('fit')) fits += 1;
  });
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init: ShadowRootInit) {
    const root = attach.call(this, init);
    observer.observe(root, { subtree: true, attributes: true, attributeFilter: ['data-fit'] });
    return root;
  };
  w.__probes = () => {
    observer.takeRecords().forEach((r) => {
      if ((r.target as Element).classList.contains('fit')) fits += 1;
    });
    return { timers: live.size, longTimers: [...live.values()].filter((ms) => ms >= 10_000).length, fits };
  };
}

/** Installs the probes in every document the page loads; call after `page.clock.install`, if any. */
export async function installProbes(page: Page): Promise<void> {
  await page.addInitScript(probes);
}

export async function readProbes(page: Page): Promise<Probes> {
  return page.evaluate(() => (window as unknown as { __probes: () => Probes }).__probes());
}
