import { css, html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

/**
 * Text fitting: the largest font size at which a block of text fits its box, in width and in
 * height, so a slogan reads as well on a 192×96 LED board as on a 4K screen.
 *
 * The fitted element is a block (`flex: none`) inside a box of fixed size. Its children size
 * themselves in `em`, so one binary search scales a whole layout (title, number, date) at once.
 * Text wraps only at spaces, so a word too long for the box shows up as horizontal overflow
 * (`scrollWidth`) and forces a smaller size; it is never broken or clipped.
 */

export interface FitOptions {
  /** Smallest size tried, in px; used even if the text does not fit at it. */
  min?: number;
  /** Largest size tried, in px; defaults to the box height. */
  max?: number;
  /**
   * Below this px size an `[data-optional]` part (the pairing screen's instructions) is hidden so the
   * rest can grow: on a 192×96 board a 7 px line helps no one.
   */
  minLegible?: number;
}

/** The CSS a fitted element and its box need; components include it in their styles. */
export const fitTextStyles = css`
  .fit-box { display: flex; flex-direction: column; justify-content: center; align-items: center;
    overflow: hidden; min-width: 0; min-height: 0; }
  .fit { flex: none; box-sizing: border-box; max-width: 100%; padding: 0.15em 0; text-align: center;
    line-height: 1.3; white-space: normal; overflow-wrap: normal; word-break: normal; hyphens: manual; }
  .fit > [data-text] { display: block; }
  .fit > [hidden] { display: none; }
  .nobr { white-space: nowrap; }
`;

function fits(el: HTMLElement, box: HTMLElement): boolean {
  return el.scrollWidth <= el.clientWidth && el.offsetHeight <= box.clientHeight;
}

/**
 * Sizes `el` to the largest whole px font size at which it fits its parent box, then narrows it
 * to the smallest width that keeps the same height (balanced lines instead of one orphan word).
 * Sets `data-fit` on `el` (the chosen size) and on every `[data-text]` inside it (its own px
 * size). Returns the chosen size, or 0 when the box has no size (hidden).
 */
export function fitText(el: HTMLElement, options: FitOptions = {}): number {
  const box = el.parentElement;
  if (!box || box.clientWidth === 0 || box.clientHeight === 0) return 0;
  const optional = Array.from(el.querySelectorAll<HTMLElement>('[data-optional]'));
  optional.forEach((part) => part.removeAttribute('hidden'));
  let size = fitSize(el, box, options.min ?? 4, options.max);
  const minLegible = options.minLegible ?? 10;
  if (optional.some((part) => pxSize(part) < minLegible)) {
    optional.forEach((part) => part.setAttribute('hidden', ''));
    size = fitSize(el, box, options.min ?? 4, options.max);
  }
  el.setAttribute('data-fit', String(size));
  el.querySelectorAll<HTMLElement>('[data-text]').forEach((child) => {
    if (child.closest('[hidden]')) child.removeAttribute('data-fit');
    else child.setAttribute('data-fit', String(Math.round(pxSize(child))));
  });
  return size;
}

function pxSize(el: HTMLElement): number {
  return parseFloat(getComputedStyle(el).fontSize);
}

function fitSize(el: HTMLElement, box: HTMLElement, min: number, max: number | undefined): number {
  el.style.width = '100%';
  let lo = min;
  let hi = Math.max(min, Math.floor(max ?? box.clientHeight));
  let best = min;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    el.style.fontSize = `${mid}px`;
    if (fits(el, box)) {
      best = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  el.style.fontSize = `${best}px`;
  balance(el, box);
  return best;
}

/**
 * Text with an em or en dash kept on the line of the word before it (a line never starts with
 * "—"), without changing the text content.
 */
export function keepDashes(text: string): Array<string | TemplateResult> {
  const parts = text.split(/(\S+ [—–](?= |$))/);
  return parts.map((part, i) => (i % 2 === 1 ? html`<span class="nobr">${part}</span>` : part));
}

/** Narrows `el` as far as it goes without adding a line or overflowing. */
function balance(el: HTMLElement, box: HTMLElement): void {
  const height = el.offsetHeight;
  const full = box.clientWidth;
  let lo = Math.floor(full / 2);
  let hi = full;
  let best = full;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    el.style.width = `${mid}px`;
    if (el.offsetHeight <= height && el.scrollWidth <= el.clientWidth) {
      best = mid;
      hi = mid - 1;
    } else {
      lo = mid + 1;
    }
  }
  // A hair of slack keeps sub-pixel rounding from wrapping the last word differently.
  el.style.width = best >= full ? '100%' : `${Math.min(full, best + 2)}px`;
}

/**
 * Runs a component's `fit` after every render, whenever the component is resized, and when
 * fonts finish loading (the bundled fonts swap in after first paint and change every metric).
 */
export class FitController implements ReactiveController {
  private observer: ResizeObserver | null = null;
  private readonly refit = () => this.run();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly fit: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver(this.refit);
    this.observer.observe(this.host);
    const fonts = document.fonts;
    if (fonts) {
      fonts.addEventListener('loadingdone', this.refit);
      void fonts.ready.then(this.refit);
    }
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
    document.fonts?.removeEventListener('loadingdone', this.refit);
  }

  hostUpdated(): void {
    this.run();
  }

  private run(): void {
    if (this.host.isConnected) this.fit();
  }
}
