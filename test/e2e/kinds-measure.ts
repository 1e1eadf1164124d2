import type { Page, TestInfo } from '@playwright/test';

export const SIZES = [
  { width: 192, height: 96 },
  { width: 384, height: 192 },
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
];

export interface Inspection {
  /** Visible fitted text elements (`[data-fit]`), in every nested shadow root. */
  fitted: number;
  /** Fitted elements whose content overflows them. */
  overflows: string[];
  /** Visible text, QR codes and pictures whose box leaves the renderer's box (outside tickers). */
  clipped: string[];
  /** Smallest px font size of visible text. */
  minFontPx: number;
  text: string;
  attrs: Record<string, string>;
}

/**
 * Looks at the renderer `selector` from the DOM: whether any fitted text overflows, whether any
 * visible part sticks out of the renderer's box, and what text shows.
 */
export async function inspect(player: Page, selector: string): Promise<Inspection> {
  return player.locator(selector).first().evaluate((host) => {
    const box = host.getBoundingClientRect();
    const out = { fitted: 0, overflows: [] as string[], clipped: [] as string[], minFontPx: Infinity, text: '', attrs: {} as Record<string, string> };
    for (const a of Array.from(host.attributes)) out.attrs[a.name] = a.value;
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`;
    const visit = (root: ParentNode, inTicker: boolean) => {
      for (const el of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
        const ticker = inTicker || el.tagName === 'BT-TICKER';
        if (el.shadowRoot) visit(el.shadowRoot, ticker);
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || el.closest('[hidden]')) continue;
        if (el.hasAttribute('data-fit')) {
          out.fitted += 1;
          if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) out.overflows.push(`${describe(el)} ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`);
        }
        const shown = el.hasAttribute('data-text') || el.tagName === 'BT-QR' || el.tagName === 'IMG' || el.tagName === 'VIDEO';
        if (shown) {
          out.minFontPx = Math.min(out.minFontPx, parseFloat(getComputedStyle(el).fontSize));
          const vertical = r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5;
          const horizontal = r.left < box.left - 0.5 || r.right > box.right + 0.5;
          // A ticker's text runs past the sides by design, never past the top or bottom.
          if (vertical || (horizontal && !ticker)) out.clipped.push(`${describe(el)} ${JSON.stringify(r)} outside ${JSON.stringify(box)}`);
        }
      }
    };
    visit(host.shadowRoot ?? host, host.tagName === 'BT-TICKER');
    const texts: string[] = [];
    const collect = (root: ParentNode) => {
      for (const el of Array.from(root.querySelectorAll<HTMLElement>('[data-text]'))) {
        if (!el.closest('[hidden]') && el.getAttribute('aria-hidden') !== 'true') texts.push(el.textContent ?? '');
      }
      for (const el of Array.from(root.querySelectorAll('*'))) if (el.shadowRoot) collect(el.shadowRoot);
    };
    collect(host.shadowRoot ?? host);
    out.text = texts.join(' ').replace(/\s+/g, ' ').trim();
    return out;
  });
}

/** A screenshot attached to the test's report and kept under test-results/kinds/. */
export async function attachShot(player: Page, testInfo: TestInfo, name: string): Promise<void> {
  const body = await player.screenshot({ path: `test-results/kinds/${name}.png` });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}
