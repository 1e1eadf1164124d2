import type { ContentFields } from '../playlists/player.ts';
import { MIN_FONT_PX, PLAN_PX } from './legibility-limits.ts';
import { blockHeight, breakUnits, canvasMeasure, fittedSize, legibleAt, lineCount, measureParts, type Measure, type MeasuredPart } from './legibility.ts';
import { kindText } from './kind-parts.ts';
import { comfortableSpeed, tickerFontPx, tickerReadMs } from './ticker-motion.ts';

/**
 * What of an item fits on a screen of a given size, and how the rest still shows: the one rule
 * the player renders by and the admin warns by (DESIGN.md: admin imports player/preview.ts).
 *
 * Text never goes under `MIN_FONT_PX`. When an item's parts do not all fit at that size, they
 * take turns within the item's slot: pages, filled in order of importance (a notice's title,
 * then its body, then its source), each page holding as many whole parts as fit, a part too long
 * for any page split at word boundaries over several. A page's time follows what it asks to be
 * read; when the slot is too short for every page to get `PAGE_FLOOR_MS`, the last pages are
 * left out, and the plan names what they held (`dropped`), so the editor can say so. A slogan
 * that cannot be legible scrolls as a ticker instead (legibility.ts); tickers scroll; a video has
 * no text.
 */

/** Reading pace for a page: about 16 characters a second, and no page shorter than this. */
export const READ_MS_PER_CHAR = 60;
export const PAGE_MIN_MS = 2_500;
/** A page shorter than this cannot be read at all: such pages are left out instead. */
export const PAGE_FLOOR_MS = 2_000;

export interface PagePart {
  /** The part's name, its CSS class in the renderer (kind-parts.ts). */
  name: string;
  /** Its text on this page: all of it, or a run of whole words when it is split. */
  text: string;
}

export interface PlanPage {
  parts: PagePart[];
  /** When the page starts within the slot, and for how long it shows. */
  startMs: number;
  ms: number;
  /** The smallest layout font size (px) at which every part of the page is at least `MIN_FONT_PX`. */
  floorPx: number;
}

export interface FitPlan {
  /** `whole`: everything at once; `pages`: in turns; `ticker`: scrolls; `none`: no text to fit. */
  mode: 'whole' | 'pages' | 'ticker' | 'none';
  pages: PlanPage[];
  /** Parts that show, wholly or in part, on a page after the first (they take turns). */
  paged: string[];
  /** Parts, or the ends of parts, that do not show within the slot. */
  dropped: string[];
  /**
   * Time every page would need at reading pace, or a scrolling text to be read whole once (at
   * its speed, a slogan's at the fastest comfortable pace); more than the slot when it falls short.
   */
  neededMs: number;
  slotMs: number;
  /** The layout font size (px) of the first page if it were alone (whole mode: the fitted size). */
  fittedPx: number;
}

export interface PlanOptions {
  measure?: Measure;
  /** Whether a story's photo is there (it narrows the text). */
  hasPhoto?: boolean;
}

const floorOf = (parts: readonly MeasuredPart[]) => Math.ceil(MIN_FONT_PX / Math.min(...parts.map((p) => p.minEm)));

/** Whether `parts` fit `box` together with their smallest text at `PLAN_PX`. */
function fitsTogether(parts: readonly MeasuredPart[], box: { width: number; height: number }): boolean {
  const size = PLAN_PX / Math.min(...parts.map((p) => p.minEm));
  return blockHeight(parts, size, box.width) <= box.height;
}

/** Splits a part too long for one page into runs of whole words, each filling a page at `PLAN_PX`. */
function split(p: MeasuredPart, box: { width: number; height: number }): MeasuredPart[] {
  const size = PLAN_PX / p.minEm;
  const px = size * p.em;
  const linesPerPage = Math.max(1, Math.floor((box.height - 0.3 * size) / (px * p.lineEm)));
  const words = breakUnits(p.text);
  const chunks: MeasuredPart[] = [];
  let start = 0;
  while (start < words.length) {
    let end = start + 1;
    // Greedy: as many words as wrap to the page's lines (a word wider than the box goes alone).
    while (end < words.length && lineCount(p.widths.slice(start, end + 1), p.space, box.width / px) <= linesPerPage) end += 1;
    chunks.push({ ...p, text: words.slice(start, end).join(' '), widths: p.widths.slice(start, end) });
    start = end;
  }
  return chunks;
}

/** Groups parts into pages in order: whole parts while they fit, a part too long split over pages. */
export function paginate(parts: readonly MeasuredPart[], box: { width: number; height: number }): MeasuredPart[][] {
  if (parts.length === 0 || fitsTogether(parts, box)) return parts.length ? [[...parts]] : [];
  const pages: MeasuredPart[][] = [];
  let page: MeasuredPart[] = [];
  for (const p of parts) {
    if (fitsTogether([...page, p], box)) {
      page.push(p);
      continue;
    }
    if (page.length) pages.push(page);
    page = [];
    // Parts with their own runs (a countdown's number) are short and never split.
    const chunks = fitsTogether([p], box) || p.units ? [p] : split(p, box);
    pages.push(...chunks.slice(0, -1).map((c) => [c]));
    page = [chunks.at(-1)!];
  }
  if (page.length) pages.push(page);
  return pages;
}

const wantMs = (page: readonly PagePart[]) => Math.max(PAGE_MIN_MS, page.reduce((n, p) => n + p.text.length, 0) * READ_MS_PER_CHAR);

/** Shares the slot between pages by what each asks to be read; pages that cannot get `PAGE_FLOOR_MS` are cut. */
export function timePages(pages: readonly PagePart[][], slotMs: number): { ms: number[]; kept: number } {
  const n = pages.length;
  if (n <= 1) return { ms: n ? [slotMs] : [], kept: n };
  const want = pages.map(wantMs);
  const total = want.reduce((a, b) => a + b, 0);
  let ms: number[];
  if (total <= slotMs) ms = want.map((w) => (w * slotMs) / total);
  else if (n * PAGE_FLOOR_MS <= slotMs) {
    const spare = slotMs - n * PAGE_FLOOR_MS;
    const over = total - n * PAGE_FLOOR_MS;
    ms = want.map((w) => PAGE_FLOOR_MS + (spare * (w - PAGE_FLOOR_MS)) / over);
  } else {
    const kept = Math.max(1, Math.floor(slotMs / PAGE_FLOOR_MS));
    ms = Array.from({ length: kept }, () => slotMs / kept);
  }
  // Whole milliseconds that still add up to the slot.
  let start = 0;
  const whole = ms.map((m, i) => {
    const end = i === ms.length - 1 ? slotMs : Math.round(start + m);
    const out = end - start;
    start = end;
    return out;
  });
  return { ms: whole, kept: whole.length };
}

/** The plan of `item` on a renderer of `width`×`height` px at instant `at` (a countdown's stage, a clock's face). */
export function fitPlan(item: ContentFields, width: number, height: number, at: number, options: PlanOptions = {}): FitPlan {
  const measure = options.measure ?? canvasMeasure;
  const slotMs = item.durationMs;
  const plain = (mode: FitPlan['mode'], parts: PagePart[], fittedPx: number): FitPlan => ({
    mode, pages: parts.length ? [{ parts, startMs: 0, ms: slotMs, floorPx: MIN_FONT_PX }] : [], paged: [], dropped: [], neededMs: slotMs, slotMs, fittedPx,
  });
  // A scrolling text fills the renderer's box (components/ticker.ts), in bold.
  const scrolling = (text: string, speed: (fontPx: number) => number, fittedPx: number): FitPlan => {
    const font = tickerFontPx(width, height);
    const neededMs = tickerReadMs(measure(text, 700) * font, width, speed(font), font);
    return { ...plain('ticker', [{ name: 'ticker', text }], fittedPx), neededMs };
  };
  if (item.kind === 'slogan') {
    const l = legibleAt(item, width, height, measure)!;
    if (!l.ok) return scrolling(l.tickerText, comfortableSpeed, l.fittedPx);
    return plain('whole', [{ name: 'text', text: item.text }, ...(item.secondary ? [{ name: 'secondary', text: item.secondary }] : [])], l.fittedPx);
  }
  if (item.kind === 'ticker') return scrolling(item.text, () => item.speedPxPerSec, 0);
  const text = kindText(item, width, height, at, options.hasPhoto ?? false);
  if (!text) return plain('none', [], 0);
  const measured = measureParts(text.parts, measure);
  const groups = paginate(measured, text.box);
  const asParts = groups.map((g) => g.map((p) => ({ name: p.name, text: p.text })));
  const { ms, kept } = timePages(asParts, slotMs);
  let start = 0;
  const pages: PlanPage[] = groups.slice(0, kept).map((g, i) => {
    const page = { parts: asParts[i]!, startMs: start, ms: ms[i]!, floorPx: floorOf(g) };
    start += ms[i]!;
    return page;
  });
  const complete = (name: string) => asParts.slice(kept).every((page) => !page.some((p) => p.name === name));
  const names = text.parts.map((p) => p.name);
  return {
    mode: groups.length > 1 ? 'pages' : 'whole',
    pages,
    paged: names.filter((n) => pages.slice(1).some((page) => page.parts.some((p) => p.name === n))),
    dropped: names.filter((n) => !complete(n)),
    neededMs: groups.length > 1 ? asParts.map(wantMs).reduce((a, b) => a + b, 0) : slotMs,
    slotMs,
    fittedPx: groups[0] ? fittedSize(groups[0], text.box.width, text.box.height) : 0,
  };
}

/** The page on screen `elapsedMs` into the slot (pages repeat if the slot runs longer), and when the next starts. */
export function pageAt(pages: readonly Pick<PlanPage, 'startMs' | 'ms'>[], elapsedMs: number): { index: number; nextInMs: number } {
  const last = pages.at(-1);
  if (!last || pages.length === 1) return { index: 0, nextInMs: Infinity };
  const total = last.startMs + last.ms;
  const t = ((elapsedMs % total) + total) % total;
  let index = 0;
  while (index + 1 < pages.length && pages[index + 1]!.startMs <= t) index += 1;
  const page = pages[index]!;
  return { index, nextInMs: page.startMs + page.ms - t };
}
