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

/** Data codewords of QR versions 1–40 at error correction M (ISO/IEC 18004, table 7). */
const DATA_CODEWORDS_M = [
  16, 28, 44, 64, 86, 108, 124, 154, 182, 216, 254, 290, 334, 365, 415, 453, 507, 563, 627, 669,
  714, 782, 860, 914, 1000, 1062, 1128, 1193, 1267, 1373, 1455, 1541, 1631, 1725, 1812, 1914, 1992, 2102, 2216, 2334,
];

/**
 * Modules across the QR code of `url` (quiet zone not included), without encoding it: the
 * layout of every notice is planned with it, and the encoder (lean-qr, 2 KB) then loads only with
 * the renderer that draws a code (components/qr-code.ts). As lean-qr encodes a url at level M:
 * one byte-mode segment of its UTF-8 after a UTF-8 ECI header (4 + 8 bits), a count of 8 bits
 * up to version 9 and 16 after, in the smallest version that holds it (layout-rules.test.ts
 * holds this to lean-qr's own codes).
 */
export function qrSize(url: string): number {
  const bits = 12 + 4 + 8 * new TextEncoder().encode(url).length;
  const index = DATA_CODEWORDS_M.findIndex((codewords, i) => bits + (i < 9 ? 8 : 16) <= codewords * 8);
  // Longer than any code holds (a url is at most 300 characters): the largest version, as lean-qr would fail.
  const version = index === -1 ? 40 : index + 1;
  return 17 + 4 * version;
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
  const modules = qrSize(url) + 2 * QUIET_MODULES;
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
