import type { Page } from '@playwright/test';

// Issue 12, item 2: a control is within reach when it is inside the viewport's width and not cut
// off by an ancestor that hides its overflow.

/** Controls (through shadow roots) that are drawn but not wholly reachable, described for the failure message. */
export async function unreachable(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const CONTROLS = 'button, select, input:not([type=hidden]), textarea, a[href], summary';
    const found: Element[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.matches(CONTROLS)) found.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    const parentOf = (el: Element): Element | null => el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null);
    const describe = (el: Element) => `<${el.localName}${el.getAttribute('name') ? ` name=${el.getAttribute('name')}` : ''}> «${(el.textContent ?? '').trim().slice(0, 30) || el.getAttribute('aria-label') || ''}» in ${(el.getRootNode() as ShadowRoot).host?.localName ?? 'document'}`;
    const problems: string[] = [];
    for (const el of found) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      // Not drawn (a closed dialog, a collapsed section), or deliberately invisible (a file input behind its label).
      if (r.width < 2 || r.height < 2 || style.visibility !== 'visible' || Number(style.opacity) === 0) continue;
      if (r.left < -1 || r.right > innerWidth + 1) {
        problems.push(`${describe(el)} outside the viewport (${Math.round(r.left)}–${Math.round(r.right)} of ${innerWidth})`);
        continue;
      }
      for (let a = parentOf(el); a; a = parentOf(a)) {
        const s = getComputedStyle(a);
        const clipX = s.overflowX === 'hidden' || s.overflowX === 'clip';
        const clipY = s.overflowY === 'hidden' || s.overflowY === 'clip';
        if (!clipX && !clipY) continue;
        const b = a.getBoundingClientRect();
        if ((clipX && (r.left < b.left - 1 || r.right > b.right + 1)) || (clipY && (r.top < b.top - 1 || r.bottom > b.bottom + 1))) {
          problems.push(`${describe(el)} clipped by <${a.localName} class="${a.getAttribute('class') ?? ''}">`);
          break;
        }
      }
    }
    return problems;
  });
}
