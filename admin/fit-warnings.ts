import type { ContentFields } from '../playlists/index.ts';
import { fitPlan, type PlanOptions } from '../player/preview.ts';
import { joinWords } from './format.ts';
import { editorMessages } from './messages/editor.ts';
import type { ScreenRef, SizeToCheck } from './preview-profiles.ts';

/**
 * What will not show whole at each screen size, by the player's own plan (player/fit-plan.ts):
 * a slogan too small that scrolls instead, parts that take turns, parts the slot has no time
 * for. The editor shows these as it previews, and asks before submitting and publishing.
 */
export interface FitWarning {
  width: number;
  height: number;
  /** The registered screens of that size (none for a common size only). */
  screens: ScreenRef[];
  /** `ticker`: a slogan scrolls instead; `short`: a ticker's duration is too short to read it whole once. */
  mode: 'ticker' | 'pages' | 'short';
  /** Parts that show in turns, not together with the first. */
  paged: string[];
  /** Parts, or their ends, that do not show within the item's duration. */
  dropped: string[];
  pages: number;
  neededMs: number;
  slotMs: number;
}

export function fitWarnings(item: ContentFields, sizes: readonly SizeToCheck[], at: number, options: PlanOptions = {}): FitWarning[] {
  return sizes.flatMap((size): FitWarning[] => {
    const plan = fitPlan(item, size.width, size.height, at, options);
    // A ticker item scrolls by design; only a slogan turned into one is news, or a slot too short to read it whole.
    const scrolls = plan.mode === 'ticker' && item.kind === 'slogan';
    const short = plan.mode === 'ticker' && item.kind === 'ticker' && plan.neededMs > plan.slotMs;
    if (!scrolls && !short && plan.mode !== 'pages') return [];
    return [{
      width: size.width, height: size.height, screens: size.screens, mode: scrolls ? 'ticker' : short ? 'short' : 'pages',
      paged: plan.paged, dropped: plan.dropped, pages: plan.pages.length, neededMs: plan.neededMs, slotMs: plan.slotMs,
    }];
  });
}

/** The parts' names as a list. */
function list(names: readonly string[]): string {
  const t = editorMessages.legibility;
  return joinWords(names.map((n) => t.parts[n] ?? n), t.and);
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Where a warning applies: a size, or per ward how many registered screens of that size. */
export function whereText(w: Pick<FitWarning, 'width' | 'height' | 'screens'>): string {
  const t = editorMessages.legibility;
  if (w.screens.length === 0) return t.size(w.width, w.height);
  const byWard = new Map<string | null, number>();
  for (const s of w.screens) byWard.set(s.ward, (byWard.get(s.ward) ?? 0) + 1);
  return [...byWard].map(([ward, count]) => t.group(count, w.width, w.height, ward)).join('; ');
}

/** What will not show whole, in a sentence without its "where". */
export function whatText(w: FitWarning): string {
  const t = editorMessages.legibility;
  const seconds = Math.round(w.slotMs / 1000);
  const needed = Math.ceil(w.neededMs / 1000);
  const short = w.neededMs > w.slotMs ? t.readShort(seconds, needed, needed - seconds) : '';
  if (w.mode === 'ticker') return capitalised(short ? `${t.ticker}; ${short}` : t.ticker);
  if (w.mode === 'short') return capitalised(short);
  const parts = [t.paged(list(w.paged), w.pages, seconds)];
  if (w.dropped.length) parts.push(t.dropped(list(w.dropped), seconds, Math.ceil(w.neededMs / 1000)));
  return capitalised(parts.join('; '));
}

/** The whole warning: where it applies, then which parts take turns or do not show. */
export function warningText(w: FitWarning): string {
  return `${whereText(w)}: ${whatText(w)}.`;
}

/** How a confirmation names an item: its main text, cut short, or its kind. */
export function itemLabel(item: ContentFields): string {
  const main = item.kind === 'slogan' || item.kind === 'ticker' ? item.text
    : item.kind === 'countdown' || item.kind === 'notice' ? item.title
    : item.kind === 'story' ? item.name
    : item.kind === 'video' ? undefined : item.caption;
  const label = main ?? editorMessages.kinds[item.kind] ?? item.kind;
  return label.length > 60 ? `${label.slice(0, 59)}…` : label;
}

/**
 * The confirmation's lines for `items` on the registered screens: one per item and screen size
 * where it will not show whole at once. `hasMedia` says whether a story's photo is in the library.
 */
export function confirmLines(items: readonly ContentFields[], sizes: readonly SizeToCheck[], at: number, hasMedia: (id: string) => boolean): string[] {
  return items.flatMap((item) => {
    const hasPhoto = item.kind === 'story' && item.photo !== undefined && hasMedia(item.photo);
    return fitWarnings(item, sizes, at, { hasPhoto }).map((w) => editorMessages.legibility.confirmItem(itemLabel(item), warningText(w)));
  });
}
