import { formatLocalDate, formatLocalTime, localToInstant, toLocalIso, type Schedule } from '../playlists/player.ts';
import { PLAN_PX, SCREEN_PADDING } from './legibility-limits.ts';
import type { Measure } from './legibility.ts';
import { emergencyMessages } from './messages-emergency.ts';

/**
 * How an emergency looks at a given size: a red frame round the whole canvas and a red band
 * across the top carrying the heading (KHẨN CẤP, the event name if any, the time it was issued),
 * the message below it in the theme's colours. Where the band cannot hold its heading on one
 * legible line and still leave the message two legible lines (a 192×96 board, an emergency from
 * yesterday, a long event name), heading and message alternate instead: the heading fills the
 * framed canvas for `HEADING_MS`, then the message for `BODY_MS`.
 */

export const HEADING_MS = 3_000;
export const BODY_MS = 7_000;
/** The band's height in em of its text: one line of 1.3 and a little air. */
export const BAND_EM = 1.5;
/** Space left and right of the heading in the band, in em. */
const BAND_PAD_EM = 0.4;

export interface EmergencyLayout {
  /** Width of the red frame, px. */
  frame: number;
  mode: 'band' | 'alternate';
  /** The band (band mode): its height and its text's px size. */
  bandHeight: number;
  bandPx: number;
}

/**
 * When an emergency was issued: its schedule's start (one sent from the admin starts at the
 * instant it was sent; a scheduled one, at its first window on its first date).
 */
export function issuedAtOf(schedule: Pick<Schedule, 'time'>): number {
  const { time } = schedule;
  return time.startsAt ? Date.parse(time.startsAt) : localToInstant(time.startDate, time.windows[0]?.start);
}

/** The heading: KHẨN CẤP, then the event name, then the issue time ("08:15", "08:15 ngày 03/10" when not today). */
export function emergencyHeading(issuedAt: number | null, now: number, event: string | null = null): string {
  const t = emergencyMessages;
  const today = issuedAt !== null && toLocalIso(issuedAt).slice(0, 10) === toLocalIso(now).slice(0, 10);
  const issued = issuedAt === null ? null : t.issued(formatLocalTime(issuedAt), today ? null : formatLocalDate(issuedAt).slice(0, 5));
  return [t.heading, event, issued].filter(Boolean).join(' · ');
}

export function emergencyLayout(width: number, height: number, heading: string, measure: Measure): EmergencyLayout {
  const short = Math.min(width, height);
  const frame = Math.max(3, Math.round(short * 0.012));
  const innerW = width - 2 * frame;
  const innerH = height - 2 * frame;
  // As large as a tenth of the shorter side, as the heading's one line allows.
  const oneLine = Math.floor(innerW / (measure(heading, 800) + 2 * BAND_PAD_EM));
  const bandPx = Math.min(Math.max(PLAN_PX, Math.round(short * 0.09)), oneLine);
  const bandHeight = Math.ceil(bandPx * BAND_EM);
  // The message needs two legible lines in its renderer (3 % padding, 0.15 em above and below).
  const body = Math.ceil(PLAN_PX * (2 * 1.3 + 0.3) + 2 * innerW * SCREEN_PADDING);
  if (bandPx < PLAN_PX || innerH - bandHeight < body) return { frame, mode: 'alternate', bandHeight: 0, bandPx: 0 };
  return { frame, mode: 'band', bandHeight, bandPx };
}

/**
 * In alternate mode, whether the heading shows `elapsedMs` into the slot, how far into the slot
 * the current turn began (`startedMs`) and how long until it ends.
 */
export function headingPhase(elapsedMs: number): { heading: boolean; startedMs: number; nextInMs: number } {
  const cycle = HEADING_MS + BODY_MS;
  const t = ((elapsedMs % cycle) + cycle) % cycle;
  const cycleStart = elapsedMs - t;
  return t < HEADING_MS
    ? { heading: true, startedMs: cycleStart, nextInMs: HEADING_MS - t }
    : { heading: false, startedMs: cycleStart + HEADING_MS, nextInMs: cycle - t };
}
