import type { Page } from '@playwright/test';

export interface ShownText {
  /** Every word seen on screen, lower case, without surrounding punctuation. */
  words: string[];
  /** The smallest computed font size (px) of any visible text. */
  minFontPx: number;
  /** Where that smallest text was. */
  smallest: string;
  samples: number;
}

/** The words of `text` as `ShownText.words` has them. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/^[“”"'(«]+|[“”"'.,:;!?)»]+$/g, ''))
    .filter((w) => w && !/^[—–·-]$/.test(w));
}

/**
 * Watches the renderer of item `itemId` for `ms` (sampling every 150 ms inside the page, through
 * nested shadow roots) and gathers every word of visible text and the smallest font size any
 * visible text had: over an item's slot, text that takes turns shows all its parts one by one.
 */
export async function watchShownText(player: Page, itemId: string, ms: number): Promise<ShownText> {
  const seen = await player.evaluate(async ({ itemId, ms }) => {
    const find = (root: Document | ShadowRoot): Element | null => {
      const hit = root.querySelector(`[data-item-id="${itemId}"]`);
      if (hit) return hit;
      for (const el of Array.from(root.querySelectorAll('*'))) {
        const inner = el.shadowRoot ? find(el.shadowRoot) : null;
        if (inner) return inner;
      }
      return null;
    };
    const texts = new Set<string>();
    let minFontPx = Infinity;
    let smallest = '';
    let samples = 0;
    const sample = () => {
      const host = find(document);
      if (!host) return;
      samples += 1;
      const box = host.getBoundingClientRect();
      const visit = (root: Element | ShadowRoot) => {
        for (const el of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
          if (el.shadowRoot) visit(el.shadowRoot);
          if (!el.hasAttribute('data-text') || el.closest('[hidden]') || el.getClientRects().length === 0) continue;
          const r = el.getBoundingClientRect();
          const inside = r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom;
          if (!inside || r.width === 0 || r.height === 0) continue;
          texts.add(el.textContent ?? '');
          const px = parseFloat(getComputedStyle(el).fontSize);
          if (px < minFontPx) {
            minFontPx = px;
            smallest = `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} "${(el.textContent ?? '').slice(0, 40)}"`;
          }
        }
      };
      visit(host.shadowRoot ?? host);
    };
    const end = Date.now() + ms;
    while (Date.now() < end) {
      sample();
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    return { texts: [...texts], minFontPx, smallest, samples };
  }, { itemId, ms });
  return { words: [...new Set(seen.texts.flatMap(wordsOf))], minFontPx: seen.minFontPx, smallest: seen.smallest, samples: seen.samples };
}

/** The words of `expected` that never showed. */
export function missingWords(shown: ShownText, expected: string): string[] {
  const words = new Set(shown.words);
  return wordsOf(expected).filter((w) => !words.has(w));
}
