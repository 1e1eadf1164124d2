import { MAX_OUTPUT, ScreenLayout, type Canvas, type ScreenStatus } from '../playlists/index.ts';

/**
 * The screen layout form's state and rules, apart from the component so they can be tested:
 * presets, the form ↔ `ScreenLayout` conversion with issues per field, and the diagram's
 * geometry.
 */
export type LayoutPresetId = 'full' | 'led192' | 'led384' | 'led128' | 'custom';

/** Sizes of common boards (DESIGN.md: a P10 module is 32×16 px, a P5 module 64×32 px). */
export const LAYOUT_PRESETS: Record<Exclude<LayoutPresetId, 'full' | 'custom'>, { width: number; height: number }> = {
  led192: { width: 192, height: 96 },
  led384: { width: 384, height: 192 },
  led128: { width: 128, height: 64 },
};

export interface LayoutFormState {
  preset: LayoutPresetId;
  x: number;
  y: number;
  width: number;
  height: number;
  strip: 'none' | 'top' | 'bottom';
  stripHeight: number;
  theme: ScreenLayout['theme'];
}

export type LayoutField = 'x' | 'y' | 'width' | 'height' | 'strip' | 'stripHeight' | 'theme';

/** The output assumed for a screen that has not reported its size. */
export const DEFAULT_OUTPUT = { width: 1920, height: 1080 };
/** A strip's height when one is first chosen: two P10 module rows. */
const DEFAULT_STRIP_HEIGHT = 32;

export function presetOf(canvas: Canvas | null): LayoutPresetId {
  if (!canvas) return 'full';
  for (const [id, size] of Object.entries(LAYOUT_PRESETS)) {
    if (size.width === canvas.width && size.height === canvas.height) return id as LayoutPresetId;
  }
  return 'custom';
}

/** The form for a screen's current layout. */
export function formOf(screen: Pick<ScreenStatus, 'canvas' | 'ticker' | 'theme' | 'viewport'>): LayoutFormState {
  const output = screen.viewport ?? DEFAULT_OUTPUT;
  const canvas = screen.canvas ?? { x: 0, y: 0, width: output.width, height: output.height };
  return {
    preset: presetOf(screen.canvas),
    ...canvas,
    strip: screen.ticker?.position ?? 'none',
    stripHeight: screen.ticker?.heightPx ?? DEFAULT_STRIP_HEIGHT,
    theme: screen.theme,
  };
}

/** Picking a preset sets the size; a board keeps its position, "whole screen" needs none. */
export function applyPreset(form: LayoutFormState, preset: LayoutPresetId, output = DEFAULT_OUTPUT): LayoutFormState {
  if (preset === 'full') return { ...form, preset, x: 0, y: 0, ...output };
  if (preset === 'custom') return { ...form, preset };
  return { ...form, preset, ...LAYOUT_PRESETS[preset] };
}

/** Editing the rectangle by hand leaves its preset (and "whole screen"), unless it still matches one. */
export function editField(form: LayoutFormState, field: LayoutField, value: string): LayoutFormState {
  if (field === 'strip') return { ...form, strip: value as LayoutFormState['strip'] };
  if (field === 'theme') return { ...form, theme: value as LayoutFormState['theme'] };
  const next = { ...form, [field]: value.trim() === '' ? Number.NaN : Number(value) };
  return field === 'stripHeight' ? next : { ...next, preset: presetOf(next) };
}

const FIELD_OF: Record<string, LayoutField> = {
  'canvas.x': 'x',
  'canvas.y': 'y',
  'canvas.width': 'width',
  'canvas.height': 'height',
  'ticker.heightPx': 'stripHeight',
  'ticker.position': 'strip',
  theme: 'theme',
};

export type LayoutCheck = { ok: true; layout: ScreenLayout } | { ok: false; fields: LayoutField[] };

/** The layout the form describes, checked by the same schema the server uses. */
export function layoutOfForm(form: LayoutFormState): LayoutCheck {
  const raw = {
    canvas: form.preset === 'full' ? null : { x: form.x, y: form.y, width: form.width, height: form.height },
    ticker: form.strip === 'none' ? null : { position: form.strip, heightPx: form.stripHeight },
    theme: form.theme,
  };
  const parsed = ScreenLayout.safeParse(raw);
  if (parsed.success) return { ok: true, layout: parsed.data };
  const fields = parsed.error.issues.map((i) => FIELD_OF[i.path.join('.')] ?? FIELD_OF[String(i.path[0])] ?? 'x');
  return { ok: false, fields: [...new Set(fields)] };
}

/** Field names an API error's issues point at (`canvas.width` → `width`). */
export const fieldsOfIssues = (issues: { path: string }[]): LayoutField[] =>
  [...new Set(issues.flatMap((i) => (FIELD_OF[i.path] ? [FIELD_OF[i.path]!] : [])))];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The diagram, in output pixels (an SVG viewBox scales it): the output the screen reported, the
 * canvas inside it and the strip inside the canvas. The output grows to hold a canvas that
 * reaches past it, so the drawing never lies by clipping.
 */
export function diagramOf(form: LayoutFormState, reported: { width: number; height: number } | null) {
  const base = reported ?? DEFAULT_OUTPUT;
  const canvas: Rect = form.preset === 'full' ? { x: 0, y: 0, ...base } : clampRect(form);
  const output = {
    width: Math.min(MAX_OUTPUT.width, Math.max(base.width, canvas.x + canvas.width)),
    height: Math.min(MAX_OUTPUT.height, Math.max(base.height, canvas.y + canvas.height)),
  };
  const stripHeight = Math.min(finite(form.stripHeight), Math.floor(canvas.height / 2));
  const strip: Rect | null =
    form.strip === 'none' || stripHeight <= 0
      ? null
      : { x: canvas.x, y: form.strip === 'top' ? canvas.y : canvas.y + canvas.height - stripHeight, width: canvas.width, height: stripHeight };
  const outside = reported !== null && (canvas.x + canvas.width > reported.width || canvas.y + canvas.height > reported.height);
  return { output, canvas, strip, outside };
}

const finite = (n: number) => (Number.isFinite(n) ? Math.max(0, n) : 0);

function clampRect(r: Rect): Rect {
  return {
    x: Math.min(finite(r.x), MAX_OUTPUT.width),
    y: Math.min(finite(r.y), MAX_OUTPUT.height),
    width: Math.min(finite(r.width), MAX_OUTPUT.width),
    height: Math.min(finite(r.height), MAX_OUTPUT.height),
  };
}
