import { LitElement, css, html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { MINUTE_MS, type ContentFields } from '../../playlists/player.ts';
import { BoxSize } from '../box-size.ts';
import { fitPlan, pageAt, type FitPlan, type PagePart, type PlanPage } from '../fit-plan.ts';
import { ItemFits, fontState } from '../fit-cache.ts';
import { FitController, fitText, keepDashes } from '../fit-text.ts';
import { TickController, systemNow } from '../tick.ts';
import { markItem } from './styles.ts';

/** Plans by item and size (and minute, for the kinds whose text changes with it): made once each. */
const plans = new ItemFits<FitPlan>();

/**
 * The page of an item's text on screen now (fit-plan.ts): plans the item for the renderer's
 * size, turns pages at their times from the start of the item's slot (or, in the admin preview,
 * from when it first showed, over and over), and marks the host with `data-page` ("2/3") and
 * `data-plan` (`whole` | `pages`) for tests.
 */
export class PagedText implements ReactiveController {
  plan: FitPlan | null = null;
  index = 0;
  private inputs: unknown[] = [];
  private origin = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Text widths change when a bundled font finishes loading: plan again (fit-cache.ts counts the fonts). */
  private readonly refonts = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    document.fonts?.addEventListener('loadingdone', this.refonts);
    // Reconnected: the timer was cleared, so the page may be stale.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    document.fonts?.removeEventListener('loadingdone', this.refonts);
    clearTimeout(this.timer);
  }

  /**
   * Plans `item` in `width`×`height` px (again only when something it depends on changed) and
   * picks the page for `now()`. Call from `willUpdate`. Returns the page, or null before the box
   * is measured.
   */
  page(item: ContentFields, width: number, height: number, now: () => number, since: number | null, hasPhoto = false): PlanPage | null {
    clearTimeout(this.timer);
    if (width <= 0 || height <= 0) return null;
    const at = now();
    // A countdown and a clock change their text at minute boundaries.
    const minute = item.kind === 'countdown' || item.kind === 'clock' ? Math.floor(at / MINUTE_MS) : 0;
    const fonts = fontState();
    const inputs = [item, width, height, hasPhoto, minute, fonts, since];
    if (inputs.some((v, i) => v !== this.inputs[i])) {
      if (item !== this.inputs[0] || since !== this.inputs[6]) this.origin = since ?? at;
      this.inputs = inputs;
      const key = fonts === null ? null : `${width}x${height}|${hasPhoto}|${minute}|${fonts}`;
      this.plan = plans.get(item, key, () => fitPlan(item, width, height, at, { hasPhoto }));
    }
    const pages = this.plan!.pages;
    const { index, nextInMs } = pageAt(pages, at - this.origin);
    this.index = index;
    if (Number.isFinite(nextInMs) && this.host.isConnected) this.timer = setTimeout(() => this.host.requestUpdate(), nextInMs + 15);
    this.host.setAttribute('data-page', `${index + 1}/${pages.length}`);
    this.host.setAttribute('data-plan', this.plan!.mode);
    return pages[index] ?? null;
  }
}

/** A part of a page as a fitted text element; its class is the part's name (the kind's CSS). */
export function partText(part: PagePart, extra?: string): TemplateResult {
  // The space after keeps words apart in the text content (what assistive tech and searches read).
  return html`<span data-text data-part=${part.name} class="${part.name} ${extra ?? ''}">${keepDashes(part.text)}</span> `;
}

/** A page may begin with any part: its top margin (space after the part above) goes. */
export const pagedStyles = css`
  .fit > :first-child {
    margin-top: 0;
  }
`;

/**
 * An item renderer whose text takes turns page by page (fit-plan.ts): countdown, clock, notice,
 * story, image. It holds the item, the corrected clock and the slot's start, plans the page on
 * screen for its box, and fits that page's text, never under the size the plan gave it.
 * Sets `data-item-id` on itself (styles.ts).
 */
export abstract class PagedItem<T extends ContentFields> extends LitElement {
  /** The item; `id` is absent in an admin preview of an unsaved draft. */
  @property({ attribute: false }) item: (T & { id?: string }) | null = null;
  /** The player's corrected clock; an admin preview may pass a chosen instant. */
  @property({ attribute: false }) now: () => number = systemNow;
  /** When the item's slot began: the pages turn from it. */
  @property({ attribute: false }) since: number | null = null;

  protected readonly box = new BoxSize(this);
  private readonly paged = new PagedText(this);
  /** The page on screen now; null before the box is measured, or with no text to show. */
  protected page: PlanPage | null = null;

  constructor() {
    super();
    new FitController(this, () => this.fit());
  }

  /** The item as this screen shows it (a notice's QR code is the screen's short link); the page is planned on it. */
  protected shownItem(): (T & { id?: string }) | null {
    return this.item;
  }

  /** Whether the item has text to plan (a picture's caption is optional). */
  protected hasText(_item: T): boolean {
    return true;
  }

  /** Whether a picture beside the text narrows it (a story's photo). */
  protected hasPhoto(): boolean {
    return false;
  }

  override willUpdate(_changed: Map<PropertyKey, unknown>): void {
    const item = this.shownItem();
    markItem(this, item?.id);
    this.page = item && this.hasText(item) ? this.paged.page(item, this.box.width, this.box.height, this.now, this.since, this.hasPhoto()) : null;
  }

  protected fit(): void {
    const el = this.renderRoot.querySelector<HTMLElement>('.fit');
    // Never under the legible size: the plan put on this page only what fits at it.
    if (el && this.page) fitText(el, { min: this.page.floorPx });
  }
}

/**
 * A paged renderer whose text changes with the time of day (countdown, clock): it reads the
 * corrected clock into `at` at every minute boundary, from the page's one minute tick
 * (tick.ts), and renders again.
 */
export abstract class TimedPagedItem<T extends ContentFields> extends PagedItem<T> {
  /** The corrected time the text is read at. */
  @state() protected at = 0;

  constructor() {
    super();
    new TickController(this, () => this.now, () => (this.at = this.now()));
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('now') || changed.has('item') || !this.hasUpdated) this.at = this.now();
    super.willUpdate(changed);
  }
}
