import { css, html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { MINUTE_MS, type ContentFields } from '../../playlists/player.ts';
import { fitPlan, pageAt, type FitPlan, type PagePart, type PlanPage } from '../fit-plan.ts';
import { keepDashes } from '../fit-text.ts';

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
  /** Text widths change when a bundled font finishes loading: plan again. */
  private fonts = 0;
  private readonly refonts = () => {
    this.fonts += 1;
    this.host.requestUpdate();
  };

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
    const inputs = [item, width, height, hasPhoto, minute, this.fonts, since];
    if (inputs.some((v, i) => v !== this.inputs[i])) {
      if (item !== this.inputs[0] || since !== this.inputs[6]) this.origin = since ?? at;
      this.inputs = inputs;
      this.plan = fitPlan(item, width, height, at, { hasPhoto });
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
