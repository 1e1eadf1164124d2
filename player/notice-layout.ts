import { correction, generate, type Bitmap2D } from 'lean-qr/nano';

/**
 * Where a notice's QR code goes and how big it is. The code is drawn by the player itself
 * (lean-qr, no remote service) with whole-pixel modules, so every module is a crisp square on an
 * LED board, and a quiet zone of 4 modules as the QR standard asks.
 */

export const QUIET_MODULES = 4;
/** Below this many px per module a phone camera cannot read the code: it is not shown. */
export const MIN_MODULE_PX = 2;
/** The share of the box a code may take across the text: beside it in landscape, below it in portrait. */
const LANDSCAPE_SHARE = 0.4;
const PORTRAIT_SHARE = 0.4;

let last: { url: string; code: Bitmap2D } | null = null;

/** The QR code for `url` (error correction M), kept for the last url asked. */
export function qrCode(url: string): Bitmap2D {
  if (last?.url !== url) last = { url, code: generate(url, { minCorrectionLevel: correction.M }) };
  return last.code;
}

export interface QrPlacement {
  /** Modules across, quiet zone included. */
  modules: number;
  /** Whole px per module. */
  modulePx: number;
  /** Side of the drawn code in px (modules × modulePx). */
  side: number;
  place: 'beside' | 'below';
}

/** Whole px per module for a code of `modules` (quiet zone included) in `available` px, or 0. */
export function qrModulePx(available: number, modules: number): number {
  const px = Math.floor(available / modules);
  return px >= MIN_MODULE_PX ? px : 0;
}

/** The box left for a notice's text and the QR code's placement, in a `width`×`height` box. */
export function noticeLayout(width: number, height: number, url: string | null): { text: { width: number; height: number }; qr: QrPlacement | null } {
  const whole = { text: { width, height }, qr: null };
  if (!url) return whole;
  const modules = qrCode(url).size + 2 * QUIET_MODULES;
  const landscape = width >= height;
  const gap = Math.round(Math.max(width, height) * 0.02);
  const available = landscape ? Math.min(height, width * LANDSCAPE_SHARE) : Math.min(width, height * PORTRAIT_SHARE);
  const modulePx = qrModulePx(available, modules);
  if (modulePx === 0) return whole;
  const side = modules * modulePx;
  const qr: QrPlacement = { modules, modulePx, side, place: landscape ? 'beside' : 'below' };
  return landscape
    ? { text: { width: Math.max(0, width - side - gap), height }, qr }
    : { text: { width, height: Math.max(0, height - side - gap) }, qr };
}
