import { countdownStage, formatLocalDate, formatLocalTime, type ContentFields } from '../playlists/player.ts';
import { clockFace } from './clock-format.ts';
import { PLAN_PX, SCREEN_PADDING } from './legibility-limits.ts';
import { innerBox, type TextPart } from './legibility.ts';
import { messages } from './messages.ts';
import { noticeLayout } from './notice-layout.ts';
import { storyLayout, storyTextBox } from './story-layout.ts';

/**
 * The text parts of each kind as its renderer lays them out (sizes in em of the fitted block,
 * as in the components' CSS), in the order of importance, and the box they share. A part's
 * `name` is also its CSS class in the renderer. fit-plan.ts decides which of them show together.
 */

export interface KindText {
  parts: TextPart[];
  /** The box the fitted block gets, in px. */
  box: { width: number; height: number };
}

const part = (name: string, text: string, em: number, weight: number, lineHeight: number, marginEm: number, units?: TextPart['units']): TextPart =>
  ({ name, text, em, weight, lineHeight, marginEm, ...(units ? { units } : {}) });

export function noticeParts(item: { title: string; body: string; source?: string | undefined }): TextPart[] {
  const parts = [part('title', item.title, 1, 800, 1.3, 0), part('body', item.body, 0.5, 400, 1.4, 0.6)];
  if (item.source) parts.push(part('source', item.source, 0.4, 400, 1.3, 0.8));
  return parts;
}

export function storyParts(item: Extract<ContentFields, { kind: 'story' }>): TextPart[] {
  const parts = [
    part('name', item.name, 1, 800, 1.3, 0),
    part('trade', item.trade, 0.7, 700, 1.3, 0),
    part('school', item.school, 0.55, 400, 1.3, 0.2),
  ];
  if (item.outcome) parts.push(part('outcome', item.outcome, 0.55, 700, 1.3, 0.3));
  if (item.quote) parts.push(part('quote', `“${item.quote}”`, 0.5, 400, 1.3, 0.6));
  return parts;
}

/** What a countdown's middle line says at `at`: days or hours left, today, or the after text. */
export function countdownParts(item: Extract<ContentFields, { kind: 'countdown' }>, at: number): TextPart[] {
  const t = messages.countdown;
  const stage = countdownStage(item, at);
  const when = item.eventTime ? `${formatLocalTime(stage.eventAt)} · ${formatLocalDate(stage.eventAt)}` : formatLocalDate(stage.eventAt);
  const parts = [part('title', item.title, 1, 700, 1.3, 0)];
  switch (stage.stage) {
    case 'days':
    case 'hours': {
      const value = String(stage.stage === 'days' ? stage.days : stage.hours);
      const unit = stage.stage === 'days' ? t.days : t.hours;
      // `.hero`: the number at 2.6 em beside its unit, line height 1.2, 0.1 em above and below.
      parts.push(part('hero', `${value} ${unit}`, 1, 800, 1.2, 0.2, [{ text: value, scale: 2.6, weight: 800 }, { text: unit, scale: 1, weight: 700 }]));
      break;
    }
    case 'today':
      parts.push(part('today', t.today, 2, 800, 1.2, 0.2));
      break;
    case 'after':
    case 'over':
      parts.push(part('after', item.afterText ?? t.after, 1.2, 800, 1.3, 0.3));
  }
  parts.push(part('detail', item.place ? `${when} · ${item.place}` : when, 0.6, 400, 1.3, 0));
  return parts;
}

export function clockParts(item: Extract<ContentFields, { kind: 'clock' }>, at: number): TextPart[] {
  const face = clockFace(at);
  const parts = [
    part('time', face.time, 2.4, 800, 1.3, 0, [{ text: face.time, scale: 1, weight: 800 }]),
    part('date', `${face.weekday}, ${face.date}`, 1, 700, 1.3, 0, [{ text: `${face.weekday},`, scale: 1, weight: 700 }, { text: face.date, scale: 1, weight: 700 }]),
  ];
  if (item.caption) parts.push(part('caption', item.caption, 0.55, 400, 1.3, 0.4));
  return parts;
}

/** The lowest band that holds one line of caption at `PLAN_PX` (line 1.3 em, padding 0.15 em twice). */
const MIN_BAND_PX = Math.ceil(PLAN_PX * 1.6);

/** Height of an image's caption band: a sixth of the zone, at most a third, never too low for one legible line. */
export function captionBandPx(height: number): number {
  return Math.min(Math.round(height / 3), Math.max(Math.round(height * 0.16), MIN_BAND_PX));
}

/**
 * The parts and box of `item` in a renderer of `width`×`height` px, or null for kinds whose text
 * is not fitted in a block (slogan: legibility.ts; ticker; video; an image without caption).
 * `at` is the instant shown (a countdown's stage, a clock's face); `hasPhoto` whether a story's
 * photo is in the media.
 */
export function kindText(item: ContentFields, width: number, height: number, at: number, hasPhoto: boolean): KindText | null {
  switch (item.kind) {
    case 'notice': {
      const inner = innerBox(width, height);
      return { parts: noticeParts(item), box: noticeLayout(inner.width, inner.height, item.qrUrl ?? null).text };
    }
    case 'story': {
      const box = storyTextBox(width, height, storyLayout(width, height, hasPhoto));
      // A QR code (issue 14) stands beside or below the text, as a notice's does.
      return { parts: storyParts(item), box: noticeLayout(box.width, box.height, item.qrUrl ?? null).text };
    }
    case 'countdown':
      return { parts: countdownParts(item, at), box: innerBox(width, height) };
    case 'clock':
      return { parts: clockParts(item, at), box: innerBox(width, height) };
    case 'image':
      if (!item.caption) return null;
      // `.fit-box` of the caption: 3 % padding left and right, no padding above and below.
      return { parts: [part('caption', item.caption, 1, 700, 1.3, 0)], box: { width: Math.floor(width * (1 - 2 * SCREEN_PADDING)), height: captionBandPx(height) } };
    default:
      return null;
  }
}
