import { describe, expect, it } from 'vitest';
import { BoundedCache, ItemFits, fontState, markupKey, type MarkupNode } from './fit-cache.ts';

/** A small stand-in for DOM nodes: elements with attributes, and text. */
function el(localName: string, attrs: Record<string, string>, ...children: MarkupNode[]): MarkupNode {
  const node: MarkupNode = {
    nodeType: 1,
    localName,
    attributes: Object.entries(attrs).map(([name, value]) => ({ name, value })),
    hasAttribute: (name) => name in attrs,
    firstChild: children[0] ?? null,
    nextSibling: null,
  };
  children.forEach((c, i) => (c.nextSibling = children[i + 1] ?? null));
  return node;
}
const text = (data: string): MarkupNode => ({ nodeType: 3, data, firstChild: null, nextSibling: null });

describe('ItemFits', () => {
  it('works an item out once per size, however often it is asked', () => {
    const fits = new ItemFits<number>();
    const item = { text: 'Học nghề' };
    let computed = 0;
    const compute = () => ++computed;
    for (let i = 0; i < 3; i++) fits.get(item, '384x192|0', compute);
    expect(computed).toBe(1);
    fits.get(item, '192x96|0', compute);
    expect(computed).toBe(2);
    // Another item object (a new manifest) is worked out afresh.
    fits.get({ ...item }, '384x192|0', compute);
    expect(computed).toBe(3);
  });

  it('keeps nothing while the fonts load (key null)', () => {
    const fits = new ItemFits<number>();
    const item = {};
    let computed = 0;
    fits.get(item, null, () => ++computed);
    fits.get(item, null, () => ++computed);
    expect(computed).toBe(2);
  });

  it('keeps at most its bound of sizes per item, the oldest going first', () => {
    const fits = new ItemFits<string>(2);
    const item = {};
    let computed = 0;
    const at = (key: string) => fits.get(item, key, () => `${key}#${++computed}`);
    at('a');
    at('b');
    at('c');
    expect(at('c')).toBe('c#3');
    expect(at('a')).toBe('a#4');
  });

  it('caches a null result (a kind that has no legibility rule)', () => {
    const fits = new ItemFits<null>();
    const item = {};
    let computed = 0;
    fits.get(item, 'k', () => (computed++, null));
    fits.get(item, 'k', () => (computed++, null));
    expect(computed).toBe(1);
  });
});

describe('BoundedCache', () => {
  it('drops the oldest entry when full, and a key set again counts as new', () => {
    const cache = new BoundedCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3);
    cache.set('c', 4);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([3, undefined, 4, 2]);
  });
});

describe('markupKey', () => {
  const fitted = (fit: Record<string, string>, optional: Record<string, string>, words: string) =>
    el('div', {},
      el('span', { 'data-text': '', class: 'main', ...fit }, text(words)),
      el('span', { 'data-text': '', 'data-optional': '', class: 'hint', ...optional }, text('Đăng ký')));

  it('is the same before and after fitting wrote its sizes and hid an optional part', () => {
    expect(markupKey(fitted({ 'data-fit': '42' }, { hidden: '' }, 'Học nghề'))).toBe(markupKey(fitted({}, {}, 'Học nghề')));
  });

  it('changes with the text and with any attribute fitting does not own', () => {
    const base = markupKey(fitted({}, {}, 'Học nghề'));
    expect(markupKey(fitted({}, {}, 'Học nghề hôm nay'))).not.toBe(base);
    expect(markupKey(fitted({ hidden: '' }, {}, 'Học nghề'))).not.toBe(base);
    expect(markupKey(fitted({ class: 'main accent' }, {}, 'Học nghề'))).not.toBe(base);
  });
});

describe('fontState', () => {
  it('is a number where there is no document (fonts never load there)', () => {
    expect(fontState()).toBe(0);
  });
});
