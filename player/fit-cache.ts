/**
 * What fitting text costs is measuring: a DOM fit lays the text out a few dozen times, a plan
 * measures every word. Both depend only on the text, the size and the fonts, so each is made
 * once per item and size (issue 15: the smallest board) and kept here for the next time the item
 * shows — the next turn of the rotation, a re-render, a resize callback, the fonts' ready promise.
 */

/**
 * Bumped when a bundled font finishes loading (every metric changes then). Registered when this
 * module loads, before any component's own `loadingdone` listener, so a refit sees the new value.
 */
let fontGeneration = 0;
if (typeof document !== 'undefined') document.fonts?.addEventListener('loadingdone', () => (fontGeneration += 1));

/** Which fonts text is measured in: a number that changes when they do, or null while they load (keep nothing then). */
export function fontState(): number | null {
  if (typeof document === 'undefined' || !document.fonts) return fontGeneration;
  return document.fonts.status === 'loaded' ? fontGeneration : null;
}

/** A map of at most `max` entries; the oldest go first. */
export class BoundedCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly max: number) {}

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Results per item object and size. Kept while the item object lives (a new manifest brings new
 * objects, and the old results go with the old ones); at most `perItem` sizes or minutes per item.
 */
export class ItemFits<T> {
  private readonly byItem = new WeakMap<object, BoundedCache<T>>();

  constructor(private readonly perItem = 8) {}

  /** The result for `item` under `key`; `compute` runs only the first time (and never caches while `key` is null). */
  get(item: object, key: string | null, compute: () => T): T {
    if (key === null) return compute();
    let fits = this.byItem.get(item);
    if (!fits) {
      fits = new BoundedCache<T>(this.perItem);
      this.byItem.set(item, fits);
    }
    let result = fits.get(key);
    if (result === undefined) {
      result = compute();
      fits.set(key, result);
    }
    return result;
  }
}

/** The parts of a DOM node a markup key reads (a Node, or a stand-in in tests). */
export interface MarkupNode {
  nodeType: number;
  firstChild: MarkupNode | null;
  nextSibling: MarkupNode | null;
  data?: string;
  localName?: string;
  attributes?: ArrayLike<{ name: string; value: string }>;
  hasAttribute?(name: string): boolean;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/**
 * The markup inside a fitted element, as a key: elements, attributes and text, without what
 * fitting itself writes (`data-fit`, and `hidden` on an optional part), so the same content
 * gives the same key before and after it was fitted.
 */
export function markupKey(node: MarkupNode): string {
  let out = '';
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === TEXT_NODE) out += c.data ?? '';
    else if (c.nodeType === ELEMENT_NODE) {
      out += `<${c.localName}`;
      const optional = c.hasAttribute?.('data-optional') ?? false;
      for (const a of Array.from(c.attributes ?? [])) {
        if (a.name !== 'data-fit' && !(a.name === 'hidden' && optional)) out += ` ${a.name}="${a.value}"`;
      }
      out += `>${markupKey(c)}</>`;
    }
  }
  return out;
}
