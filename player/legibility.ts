import type { ContentFields } from '../playlists/player.ts';
import { ItemFits, fontState } from './fit-cache.ts';
import { CAP_HEIGHT_EM, MIN_CAP_PX, MIN_FONT_PX, SCREEN_PADDING } from './legibility-limits.ts';

/**
 * Whether an item's text can be legible on a screen of a given size, by one rule that the
 * player (to fall back to a ticker) and the admin editor (to warn while typing) share.
 *
 * The rule: text is legible when its capital letters are at least `MIN_CAP_PX` tall. Be Vietnam
 * Pro's cap height is 0.7 em, so the smallest legible font size is 15 px — on a P10 LED board
 * (192×96) that is a 10-LED-tall capital, about the height LED sign fonts use. A slogan's two
 * lines must be legible together, or it scrolls as a ticker; the other kinds' parts take turns
 * where they do not fit together (fit-plan.ts, built on the model here).
 *
 * The check models the renderers' fitted layout (fit-text.ts): the box is the renderer's
 * area less its 3 % padding, text wraps at spaces ("word —" stays together), line height 1.3,
 * 0.15 em padding above and below; the largest whole px size at which every line fits.
 * Widths come from `measure` (canvas text metrics in a browser; an estimate in unit tests).
 */

/** The advance width of `text` at a font size of 1 px in the given weight. */
export type Measure = (text: string, weight: number) => number;

export { CAP_HEIGHT_EM, MIN_CAP_PX, MIN_FONT_PX, SCREEN_PADDING };
const FIT_PADDING_EM = 0.15;

export interface Legibility {
  /** Every text that must be legible is at least `minPx` high. */
  ok: boolean;
  /** The smallest legible font size (px). */
  minPx: number;
  /** The font size (px) the smallest required text gets at this size. */
  fittedPx: number;
  /** Optional parts that do not show at this size (e.g. a notice's `body`). */
  hidden: string[];
  /** What the screen shows instead when not `ok`: this text as a ticker. */
  tickerText: string;
}

/** One block of a fitted layout, sized relative to the layout's font size. */
export interface TextPart {
  name: string;
  text: string;
  em: number;
  weight: number;
  lineHeight: number;
  /** Space above, in the part's own em. */
  marginEm: number;
  /** Hidden when its px size falls below `MIN_FONT_PX` instead of shrinking the rest. */
  optional?: boolean;
  /**
   * Unbreakable runs with their own size relative to the part (`scale`), where the part is not
   * plain words: a countdown's big number beside its unit, a clock's weekday and its comma kept together.
   */
  units?: ReadonlyArray<{ text: string; scale: number; weight: number }>;
}

/** The inner box of a renderer `width`×`height` px (padding is a share of the width). */
export function innerBox(width: number, height: number): { width: number; height: number } {
  const pad = width * SCREEN_PADDING;
  return { width: Math.max(0, Math.floor(width - 2 * pad)), height: Math.max(0, Math.floor(height - 2 * pad)) };
}

/** Words as the renderer breaks them: at spaces, with "word —" kept on one line. */
export function breakUnits(text: string): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (const w of words) {
    if (/^[—–]$/.test(w) && out.length) out[out.length - 1] += ` ${w}`;
    else out.push(w);
  }
  return out;
}

/** Lines `units` wrap to in `maxWidth` (at 1 px), or Infinity when one unit is wider. */
export function lineCount(widths: number[], space: number, maxWidth: number): number {
  let lines = 0;
  let line = -1;
  for (const w of widths) {
    if (w > maxWidth) return Infinity;
    if (line >= 0 && line + space + w <= maxWidth) line += space + w;
    else {
      lines += 1;
      line = w;
    }
  }
  return lines;
}

export interface MeasuredPart extends TextPart {
  /** Width of each unbreakable unit at 1 px of the part's font size. */
  widths: number[];
  space: number;
  /** Height of one line in the part's em (its biggest run sets it). */
  lineEm: number;
  /** The smallest run's size relative to the layout's font size: what must reach `MIN_FONT_PX`. */
  minEm: number;
}

export function measureParts(parts: readonly TextPart[], measure: Measure): MeasuredPart[] {
  return parts.map((p) => {
    const scales = p.units?.map((u) => u.scale) ?? [1];
    return {
      ...p,
      widths: p.units ? p.units.map((u) => measure(u.text, u.weight) * u.scale) : breakUnits(p.text).map((u) => measure(u, p.weight)),
      space: measure(' ', p.weight),
      lineEm: p.lineHeight * Math.max(...scales),
      minEm: p.em * Math.min(...scales),
    };
  });
}

/**
 * Height of `parts` stacked at a layout font size of `size` px in a box `boxWidth` wide. The
 * first part's top margin does not count: the paged renderers drop it (a page may start with
 * any part), and the other layouts start with a part without one.
 */
export function blockHeight(parts: readonly MeasuredPart[], size: number, boxWidth: number): number {
  let h = 2 * FIT_PADDING_EM * size;
  parts.forEach((p, i) => {
    const px = size * p.em;
    const lines = lineCount(p.widths, p.space, boxWidth / px);
    h += px * ((i === 0 ? 0 : p.marginEm) + lines * p.lineEm);
  });
  return h;
}

/** The largest whole px size (≥ 4) at which `parts` fit a box; 4 when nothing fits. */
export function fittedSize(parts: readonly MeasuredPart[], width: number, height: number): number {
  let lo = 4;
  let hi = Math.max(4, Math.floor(height));
  let best = 4;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (blockHeight(parts, mid, width) <= height) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/**
 * Fits `parts` like fit-text.ts does with `minLegible: MIN_FONT_PX`: first all of them; if an
 * optional part is then smaller than `MIN_FONT_PX`, without the optional parts.
 */
export function fitParts(parts: TextPart[], width: number, height: number, measure: Measure): { size: number; shown: TextPart[]; hidden: string[] } {
  const measured = measureParts(parts, measure);
  let size = fittedSize(measured, width, height);
  if (measured.some((p) => p.optional && size * p.em < MIN_FONT_PX)) {
    const required = measured.filter((p) => !p.optional);
    size = fittedSize(required, width, height);
    return { size, shown: required, hidden: measured.filter((p) => p.optional).map((p) => p.name) };
  }
  return { size, shown: measured, hidden: [] };
}

/** The parts of a slogan as `<bt-slogan>` lays them out. */
export function sloganParts(item: { text: string; secondary?: string | undefined }): TextPart[] {
  const parts: TextPart[] = [{ name: 'text', text: item.text, em: 1, weight: 700, lineHeight: 1.3, marginEm: 0 }];
  if (item.secondary) parts.push({ name: 'secondary', text: item.secondary, em: 0.55, weight: 700, lineHeight: 1.3, marginEm: 0.35 });
  return parts;
}

/**
 * The legibility of a slogan on a renderer of `width`×`height` px, or null for other kinds
 * (their parts take turns where they do not fit together: fit-plan.ts).
 */
export function legibleAt(item: ContentFields, width: number, height: number, measure: Measure = canvasMeasure): Legibility | null {
  if (item.kind !== 'slogan') return null;
  const parts = sloganParts(item);
  const tickerText = joinTicker([item.text, item.secondary]);
  const box = innerBox(width, height);
  const { size, shown, hidden } = fitParts(parts, box.width, box.height, measure);
  const fittedPx = Math.floor(Math.min(...shown.map((p) => size * p.em)));
  return { ok: fittedPx >= MIN_FONT_PX, minPx: MIN_FONT_PX, fittedPx, hidden, tickerText };
}

const legibilities = new ItemFits<Legibility | null>();

/** `legibleAt` in the browser's fonts, worked out once per item and size (fit-cache.ts). */
export function legibleOnce(item: ContentFields, width: number, height: number): Legibility | null {
  const fonts = fontState();
  return legibilities.get(item, fonts === null ? null : `${width}x${height}|${fonts}`, () => legibleAt(item, width, height));
}

function joinTicker(texts: Array<string | undefined>): string {
  return texts.filter(Boolean).join(' — ');
}

const FONT_FAMILY = "'Be Vietnam Pro', 'Noto Sans', sans-serif";
let context: CanvasRenderingContext2D | null = null;
const widths = new Map<string, number>();

/** Text widths from the browser's own font metrics, in the renderers' font. */
export function canvasMeasure(text: string, weight: number): number {
  const key = `${weight}|${text}`;
  const hit = widths.get(key);
  if (hit !== undefined) return hit;
  context ??= document.createElement('canvas').getContext('2d');
  if (!context) return text.length * 0.6;
  context.font = `${weight} 100px ${FONT_FAMILY}`;
  const w = context.measureText(text).width / 100;
  // Widths change when a bundled font finishes loading; do not keep fallback-font widths.
  if (document.fonts?.status === 'loaded') {
    if (widths.size > 5000) widths.clear();
    widths.set(key, w);
  }
  return w;
}
