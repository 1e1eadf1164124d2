import { expect, type Locator } from '@playwright/test';

/** One visible part of a rendered item, in the renderer's own (unscaled) CSS px. */
export interface Part {
  tag: string;
  cls: string;
  /** The fitted px size of a `[data-text]` element. */
  fit: string | null;
  text: string;
  /** Inside a scrolling ticker strip: its position moves with time. */
  moving: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Signature {
  tag: string;
  width: number;
  height: number;
  /** `ticker` where the renderer fell back to scrolling (legibility.ts). */
  fallback: string | null;
  parts: Part[];
}

/**
 * What a renderer shows, measured from the DOM: every visible text element, QR canvas, image
 * and video, through nested shadow roots, with boxes relative to the renderer and divided by
 * `scale` (the admin preview's transform), so a preview and a player can be compared.
 */
export async function signature(renderer: Locator, scale = 1): Promise<Signature> {
  return renderer.evaluate((host, s) => {
    const base = host.getBoundingClientRect();
    const parts: Part[] = [];
    const walk = (root: ShadowRoot | Element) => {
      for (const el of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if (!el.matches('[data-text], canvas, img, video')) continue;
        if (el.closest('[hidden]') || el.getClientRects().length === 0) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        parts.push({
          tag: el.tagName.toLowerCase(),
          cls: el.className && typeof el.className === 'string' ? el.className : '',
          fit: el.getAttribute('data-fit'),
          text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
          moving: Boolean(el.closest('.strip')),
          x: (r.left - base.left) / s,
          y: (r.top - base.top) / s,
          width: r.width / s,
          height: r.height / s,
        });
      }
    };
    walk(host.shadowRoot ?? host);
    return {
      tag: host.tagName.toLowerCase(),
      width: base.width / s,
      height: base.height / s,
      fallback: host.getAttribute('data-fallback'),
      parts,
    };
  }, scale);
}

/** Reads the signature until two reads 300 ms apart agree on sizes (fonts and refits settle). */
export async function settledSignature(renderer: Locator, scale = 1): Promise<Signature> {
  let last = await signature(renderer, scale);
  for (let i = 0; i < 20; i += 1) {
    await renderer.page().waitForTimeout(300);
    const next = await signature(renderer, scale);
    const key = (sig: Signature) => JSON.stringify([sig.fallback, sig.parts.map((p) => [p.tag, p.fit, Math.round(p.width), Math.round(p.height)])]);
    if (next.parts.length > 0 && key(next) === key(last)) return next;
    last = next;
  }
  return last;
}

/**
 * Waits until a renderer whose parts take turns (player/fit-plan.ts, `data-page`) shows its
 * first page, so a preview and a player are compared on the same page; others at once.
 */
export async function firstPage(renderer: Locator, slotMs: number): Promise<Locator> {
  if ((await renderer.getAttribute('data-page')) !== null) await expect(renderer).toHaveAttribute('data-page', /^1\//, { timeout: slotMs + 5_000 });
  return renderer;
}

/**
 * The settled signature of a renderer's first page: taken while `data-page` reads 1/…, and
 * taken again at its next first page if the page turned while it was being read (a slow box).
 */
export async function firstPageSignature(renderer: Locator, slotMs: number, scale = 1): Promise<Signature> {
  for (let attempt = 0; ; attempt += 1) {
    const sig = await settledSignature(await firstPage(renderer, slotMs), scale);
    const page = await renderer.getAttribute('data-page');
    if (page === null || page.startsWith('1/') || attempt === 3) return sig;
  }
}
