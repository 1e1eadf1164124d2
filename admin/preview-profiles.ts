import type { ScreenStatus } from '../playlists/index.ts';
import { editorMessages } from './messages-editor.ts';

/**
 * The screen sizes the content editor previews at: the common boards (a P10 LED board of
 * 192×96, a 384×192 one, bulletin boards landscape and portrait) and every registered screen,
 * at the size its main zone really has.
 */
export interface PreviewProfile {
  /** `192x96` for a common size, `screen:<id>` for a registered screen. */
  id: string;
  label: string;
  /** The main zone in CSS pixels at devicePixelRatio 1: what the item renderer gets. */
  width: number;
  height: number;
  /** The light theme of indoor boards, where the screen has chosen it. */
  theme: 'outdoor' | 'indoor';
}

export const COMMON_SIZES = [
  { width: 192, height: 96 },
  { width: 384, height: 192 },
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
] as const;

export const DEFAULT_PROFILE_ID = '1920x1080';

/** A registered screen's size, if known: its canvas if set, else the viewport it last reported. */
export interface ScreenSize {
  id: string;
  name: string;
  /** The ward it stands in (its label), for warnings that say where. */
  ward: string | null;
  width: number;
  height: number;
  theme: 'outdoor' | 'indoor';
}

type ScreenFacts = Pick<ScreenStatus, 'id' | 'name' | 'viewport'> & Partial<Pick<ScreenStatus, 'canvas' | 'ticker' | 'theme' | 'ward'>>;

/** The size of each screen's main zone: the canvas (or viewport) less a ticker strip. */
export function screenSizes(screens: readonly ScreenFacts[]): ScreenSize[] {
  const sizes: ScreenSize[] = [];
  for (const s of screens) {
    const box = s.canvas ?? s.viewport;
    if (!box || box.width <= 0 || box.height <= 0) continue;
    const strip = s.ticker ? Math.min(s.ticker.heightPx, box.height - 1) : 0;
    sizes.push({ id: s.id, name: s.name, ward: s.ward ?? null, width: box.width, height: box.height - strip, theme: s.theme ?? 'outdoor' });
  }
  return sizes.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** The choices of the preview's size: the common sizes, then each registered screen. */
export function previewProfiles(screens: readonly ScreenSize[]): PreviewProfile[] {
  const t = editorMessages.preview;
  const common = COMMON_SIZES.map(({ width, height }) => {
    const id = `${width}x${height}`;
    return { id, label: t.profiles[id] ?? id, width, height, theme: 'outdoor' as const };
  });
  const own = screens.map((s) => ({ id: `screen:${s.id}`, label: t.screen(s.name, s.width, s.height), width: s.width, height: s.height, theme: s.theme }));
  return [...common, ...own];
}

/** The profile a preview starts at: a landscape bulletin board. */
export function defaultProfile(): PreviewProfile {
  return previewProfiles([]).find((p) => p.id === DEFAULT_PROFILE_ID)!;
}

/** A registered screen named in a warning: its name and ward. */
export type ScreenRef = Pick<ScreenSize, 'name' | 'ward'>;

/** A size to check legibility at, with the registered screens that have it. */
export interface SizeToCheck {
  width: number;
  height: number;
  screens: ScreenRef[];
}

/**
 * Every distinct size worth a warning: the chosen profile, the common LED boards (192×96 and
 * 384×192, the hardest) and every registered screen's size; without a chosen profile, only the
 * registered screens' sizes (publishing warns about real screens). Smallest area
 * first, so the warning an operator reads first is the worst one.
 */
export function sizesToCheck(chosen: Pick<PreviewProfile, 'width' | 'height'> | null, screens: readonly ScreenSize[]): SizeToCheck[] {
  const bySize = new Map<string, SizeToCheck>();
  const add = (width: number, height: number, screen?: ScreenSize) => {
    const key = `${width}x${height}`;
    const entry = bySize.get(key) ?? { width, height, screens: [] };
    if (screen) entry.screens.push({ name: screen.name, ward: screen.ward });
    bySize.set(key, entry);
  };
  if (chosen) {
    add(COMMON_SIZES[0].width, COMMON_SIZES[0].height);
    add(COMMON_SIZES[1].width, COMMON_SIZES[1].height);
    add(chosen.width, chosen.height);
  }
  for (const s of screens) add(s.width, s.height, s);
  return [...bySize.values()].sort((a, b) => a.width * a.height - b.width * b.height || a.width - b.width);
}

/**
 * The scale that shows a `width`×`height` box inside `room`: at most 1 for large screens;
 * a whole number for small LED boards, so every LED pixel becomes an equal square of pixels.
 */
export function previewScale(width: number, height: number, room: { width: number; height: number }): number {
  const fit = Math.min(room.width / width, room.height / height);
  if (!(fit > 0) || !Number.isFinite(fit)) return 1;
  if (fit >= 2) return Math.floor(fit);
  return Math.min(1, fit);
}
