import { correction, generate, type Bitmap2D } from 'lean-qr/nano';

let last: { url: string; code: Bitmap2D } | null = null;

/**
 * The QR code for `url` (error correction M), kept for the last url asked: drawn by
 * components/qr-code.ts, in the notice renderer's chunk (notice-layout.ts sizes it without it).
 */
export function qrCode(url: string): Bitmap2D {
  if (last?.url !== url) last = { url, code: generate(url, { minCorrectionLevel: correction.M }) };
  return last.code;
}
