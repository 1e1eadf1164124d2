import type { Page } from '@playwright/test';

/**
 * Counters read from outside the player's code, so they measure any build the same way:
 * - timers alive: timeouts set and neither run nor cleared, and intervals not cleared;
 * - text fits: each time a renderer fits its text to its box, counted in every shadow root.
 *   fit-text.ts writes `data-fit` on the fitted `.fit` element once per fit (a mutation record
 *   is queued even when the value is unchanged); a fit that measured tried many font sizes
 *   (`style` written again and again) before it, a fit reused from an earlier one only sets its
 *   size and width.
 */
export interface Probes {
  timers: number;
  /** Of those, the ones due in 10 s or more: the minute ticks of clocks, countdowns and idle screens. */
  longTimers: number;
  /** The delays (ms) the live timers were set with, longest first: what each one is. */
  delays: number[];
  /** Fits that measured the text (laid it out at many sizes). */
  fits: number;
  /** Fits applied again from an earlier measurement, without measuring. */
  reusedFits: number;
}

/** Fewer style writes than this before `data-fit`: the fit was applied, not measured. */
const MEASURED_STYLE_WRITES = 5;

function probes(measured: number): void {
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
  let reusedFits = 0;
  const styleWrites = new WeakMap<Node, number>();
  const count = (records: MutationRecord[]) => {
    for (const r of records) {
      if (!(r.target as Element).classList.contains('fit')) continue;
      const writes = styleWrites.get(r.target) ?? 0;
      if (r.attributeName === 'style') styleWrites.set(r.target, writes + 1);
      else {
        if (writes >= measured) fits += 1;
        else reusedFits += 1;
        styleWrites.set(r.target, 0);
      }
    }
  };
  const observer = new MutationObserver(count);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init: ShadowRootInit) {
    const root = attach.call(this, init);
    observer.observe(root, { subtree: true, attributes: true, attributeFilter: ['data-fit', 'style'] });
    return root;
  };
  w.__probes = () => {
    count(observer.takeRecords());
    const delays = [...live.values()].sort((a, b) => b - a);
    return { timers: live.size, longTimers: delays.filter((ms) => ms >= 10_000).length, delays, fits, reusedFits };
  };
}

/** Installs the probes in every document the page loads; call after `page.clock.install`, if any. */
export async function installProbes(page: Page): Promise<void> {
  await page.addInitScript(probes, MEASURED_STYLE_WRITES);
}

export async function readProbes(page: Page): Promise<Probes> {
  return page.evaluate(() => (window as unknown as { __probes: () => Probes }).__probes());
}
