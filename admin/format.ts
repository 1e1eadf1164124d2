import { messages } from './messages/index.ts';

/**
 * Numbers as the admin page prints them, written once: bytes, how long ago, a clip's length, a
 * server instant. Vietnamese decimals (a comma) and units from messages/app.ts.
 */

/** 512 → "512 B"; 1,536 → "1,5 KB"; 25 MiB → "25 MB": one decimal under 10, binary units up to TB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toLocaleString('vi-VN', { maximumFractionDigits: value < 10 ? 1 : 0 })} ${units[unit]}`;
}

/** How long ago, roughly, in whole seconds, minutes, hours or days: 45 s reads as 45 seconds. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const unit = messages.durationUnits;
  if (s < 60) return `${s} ${unit.seconds}`;
  if (s < 3600) return `${Math.floor(s / 60)} ${unit.minutes}`;
  if (s < 86_400) return `${Math.floor(s / 3600)} ${unit.hours}`;
  return `${Math.floor(s / 86_400)} ${unit.days}`;
}

/** A clip's length as a player shows it: 7 s → "0:07"; 75 s → "1:15". */
export function formatClipLength(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** "2026-11-26T09:00:00+07:00" (always Hanoi time from the server) → "26/11/2026 09:00". */
export function formatInstant(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : iso;
}

/** Words as a list: "a", "a and b", "a, b and c", with `and` in the page's language. */
export function joinWords(words: readonly string[], and: string): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} ${and} ${words.at(-1)}`;
}
