import '../playlists/zod-config.ts';
import type { z } from 'zod';
import {
  ContentFields,
  MAX_DURATION_MS,
  MIN_DURATION_MS,
  TICKER_MAX_SPEED,
  TICKER_MIN_SPEED,
  localParts,
  localToInstant,
  parseInstant,
  toLocalIso,
  validityOk,
  type ContentKind,
} from '../playlists/index.ts';
import { editorMessages } from './messages/editor.ts';

/**
 * The content form's logic, free of the DOM: the draft a new item starts from, validation with
 * the same zod schema the server uses (so messages appear as the operator types), and the
 * conversions between form inputs and wire values.
 */

/** The kinds an operator can add, in the order the kind choice lists them. */
export const KINDS: ContentKind[] = ['slogan', 'notice', 'countdown', 'story', 'image', 'video', 'ticker', 'clock'];

export const DEFAULT_DURATION_MS = 8_000;
/**
 * A new ticker: a pace a passer-by reads comfortably, for long enough that a message of some 85
 * characters crosses a strip once (the editor says when a text needs longer: fit-warnings.ts).
 */
export const DEFAULT_TICKER_SPEED = 90;
export const DEFAULT_TICKER_DURATION_MS = 30_000;

/** What a form holds: the fields of one item, possibly invalid while being typed. */
export type Draft = ContentFields;

/** A fresh draft of `kind`: empty texts, a chosen theme and duration, no validity window. */
export function newDraft(kind: ContentKind, common: { theme: number; durationMs: number }): Draft {
  const base = { theme: common.theme, durationMs: common.durationMs };
  switch (kind) {
    case 'slogan':
      return { kind, ...base, text: '' };
    case 'countdown':
      return { kind, ...base, title: '', eventDate: '', annual: false, afterDays: 0 };
    case 'notice':
      return { kind, ...base, title: '', body: '' };
    case 'clock':
      return { kind, ...base };
    case 'story':
      return { kind, ...base, name: '', trade: '', school: '' };
    case 'image':
      return { kind, ...base, media: '', fit: 'contain' };
    case 'video':
      return { kind, ...base, media: '', playToEnd: true };
    case 'ticker':
      return { kind, ...base, durationMs: Math.max(base.durationMs, DEFAULT_TICKER_DURATION_MS), text: '', speedPxPerSec: DEFAULT_TICKER_SPEED };
  }
}

/** The fields of a stored item, without its id. */
export function fieldsOf(item: ContentFields & { id?: string }): Draft {
  const { id: _id, ...fields } = item;
  return fields as Draft;
}

/**
 * Removes optional fields left empty, so the draft is what the server would store. Text is
 * normalised to NFC as it is typed (the schema does it again on the server), so the preview
 * shows the same characters the screens will.
 */
export function cleanDraft(draft: Draft): Draft {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft)) {
    if (value === undefined || value === '' && OPTIONAL.has(key)) continue;
    out[key] = typeof value === 'string' ? value.normalize('NFC') : value;
  }
  return out as Draft;
}

const OPTIONAL = new Set([
  'secondary', 'eventTime', 'place', 'afterText', 'source', 'qrUrl', 'caption', 'photo', 'outcome', 'quote', 'validFrom', 'validUntil',
]);

export type FieldErrors = ReadonlyMap<string, string>;

export interface Checked {
  /** The draft as the schema parses it (trimmed, NFC), or null while any field is invalid. */
  fields: ContentFields | null;
  /** One message per field name. */
  errors: FieldErrors;
}

/** Validates a draft with the server's schema; messages in Vietnamese, by field. */
export function check(draft: Draft): Checked {
  const errors = new Map<string, string>();
  const parsed = ContentFields.safeParse(cleanDraft(draft));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (!errors.has(field)) errors.set(field, issueText(field, issue));
    }
    return { fields: null, errors };
  }
  if (!validityOk(parsed.data)) {
    errors.set('validUntil', editorMessages.invalid.order);
    return { fields: null, errors };
  }
  return { fields: parsed.data, errors };
}

type Issue = z.core.$ZodIssue;

/** A schema issue in words an operator understands, given the field it is about. */
export function issueText(field: string, issue: Issue): string {
  const m = editorMessages.invalid;
  switch (field) {
    case 'durationMs':
      return m.duration(MIN_DURATION_MS / 1000, MAX_DURATION_MS / 1000);
    case 'speedPxPerSec':
    case 'afterDays':
    case 'theme':
      return m.range(...RANGES[field]);
    case 'media':
    case 'photo':
      return m.media;
    case 'eventDate':
      return m.date;
    case 'eventTime':
      return m.time;
    case 'validFrom':
    case 'validUntil':
      return m.instant;
    case 'qrUrl':
      return issue.code === 'too_big' ? m.tooLong(Number(issue.maximum)) : m.url;
  }
  switch (issue.code) {
    case 'too_small':
    case 'invalid_type':
      return m.required;
    case 'too_big':
      return m.tooLong(Number(issue.maximum));
    case 'invalid_format':
      return m.visible;
    default:
      return m.other;
  }
}

const RANGES: Record<'speedPxPerSec' | 'afterDays' | 'theme', [number, number]> = {
  speedPxPerSec: [TICKER_MIN_SPEED, TICKER_MAX_SPEED],
  afterDays: [0, 60],
  theme: [1, 7],
};

const pad = (n: number) => String(n).padStart(2, '0');

/** A wire instant as a `datetime-local` value in Asia/Ho_Chi_Minh (`2026-10-04T08:00`). */
export function toDateTimeInput(iso: string | undefined): string {
  if (!iso) return '';
  let ms: number;
  try {
    ms = parseInstant(iso);
  } catch {
    return '';
  }
  const p = localParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * A `datetime-local` value read as Asia/Ho_Chi_Minh, whatever the browser's own zone, as a wire
 * instant; undefined when empty. An unreadable value is returned as is, for the schema to refuse.
 */
export function fromDateTimeInput(value: string): string | undefined {
  if (!value) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  if (!match) return value;
  return toLocalIso(localToInstant(match[1]!, match[2]!));
}

/** Seconds typed in a number input → milliseconds (NaN when not a number, for the schema to refuse). */
export function secondsToMs(value: string): number {
  return value.trim() === '' ? Number.NaN : Math.round(Number(value) * 1000);
}
