import type { ContentFields } from '../playlists/player.ts';
import { CAP_HEIGHT_EM, MIN_CAP_PX, MIN_FONT_PX, SCREEN_PADDING } from './legibility-limits.ts';
import { noticeLayout } from './notice-layout.ts';

/**
 * Whether an item's text can be legible on a screen of a given size, by one rule that the
 * player (to fall back to a ticker) and the admin editor (to warn while typing) share.
 *
 * The rule: text is legible when its capital letters are at least `MIN_CAP_PX` tall. Be Vietnam
 * Pro's cap height is 0.7 em, so the smallest legible font size is 15 px — on a P10 LED board
 * (192×96) that is a 10-LED-tall capital, about the height LED sign fonts use. A slogan's two
 * lines and a notice's title are the text that must be legible; a notice's body and source are
 * details that are hidden (not shrunk) below that size, as the renderers do.
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

interface MeasuredPart extends TextPart {
  widths: number[];
  space: number;
}

function measureParts(parts: TextPart[], measure: Measure): MeasuredPart[] {
  return parts.map((p) => ({
    ...p,
    widths: breakUnits(p.text).map((u) => measure(u, p.weight)),
    space: measure(' ', p.weight),
  }));
}

function blockHeight(parts: MeasuredPart[], size: number, boxWidth: number): number {
  let h = 2 * FIT_PADDING_EM * size;
  for (const p of parts) {
    const px = size * p.em;
    const lines = lineCount(p.widths, p.space, boxWidth / px);
    h += px * (p.marginEm + lines * p.lineHeight);
  }
  return h;
}

/** The largest whole px size (≥ 4) at which `parts` fit a box; 4 when nothing fits. */
export function fittedSize(parts: MeasuredPart[], width: number, height: number): number {
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

/** The parts of a notice as `<bt-policy-notice>` lays them out. */
export function noticeParts(item: { title: string; body: string; source?: string | undefined }): TextPart[] {
  const parts: TextPart[] = [
    { name: 'title', text: item.title, em: 1, weight: 800, lineHeight: 1.3, marginEm: 0 },
    { name: 'body', text: item.body, em: 0.5, weight: 400, lineHeight: 1.4, marginEm: 0.6, optional: true },
  ];
  if (item.source) parts.push({ name: 'source', text: item.source, em: 0.4, weight: 400, lineHeight: 1.3, marginEm: 0.8, optional: true });
  return parts;
}

/**
 * The legibility of `item` on a renderer of `width`×`height` px, or null for kinds without
 * free text to check (countdown, clock and story hide optional lines themselves; image, video
 * and ticker have their own sizing).
 */
export function legibleAt(item: ContentFields, width: number, height: number, measure: Measure = canvasMeasure): Legibility | null {
  let parts: TextPart[];
  let tickerText: string;
  let box = innerBox(width, height);
  if (item.kind === 'slogan') {
    parts = sloganParts(item);
    tickerText = joinTicker([item.text, item.secondary]);
  } else if (item.kind === 'notice') {
    parts = noticeParts(item);
    tickerText = joinTicker([item.title, item.body]);
    box = noticeLayout(box.width, box.height, item.qrUrl ?? null).text;
  } else {
    return null;
  }
  const { size, shown, hidden } = fitParts(parts, box.width, box.height, measure);
  const fittedPx = Math.floor(Math.min(...shown.map((p) => size * p.em)));
  return { ok: fittedPx >= MIN_FONT_PX, minPx: MIN_FONT_PX, fittedPx, hidden, tickerText };
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
