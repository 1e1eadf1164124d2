import type { ContentFields, MediaInfo } from '../playlists/index.ts';
import { valueWords } from './change-text.ts';
import { approvalMessages } from './messages/approval.ts';
import { editorMessages, fieldLabel } from './messages/editor.ts';
import { NameBook } from './name-book.ts';

/** One field that differs between the version on air and the submitted one. */
export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

/** The order fields are listed in: what reads first on a screen, then timing. */
const ORDER = ['kind', 'text', 'title', 'name', 'secondary', 'body', 'caption', 'trade', 'school', 'outcome', 'quote',
  'eventDate', 'eventTime', 'place', 'annual', 'afterDays', 'afterText', 'source', 'qrUrl', 'photo', 'media', 'fit',
  'playToEnd', 'speedPxPerSec', 'theme', 'durationMs', 'validFrom', 'validUntil'];
const rank = (field: string) => (ORDER.includes(field) ? ORDER.indexOf(field) : ORDER.length);
const MEDIA_FIELDS = new Set(['media', 'photo']);

/**
 * A field's value as an approver reads it: in words, as the revision history tells changes
 * (change-text.ts) — a theme by its name, times as dd/mm/yyyy hh:mm, a picture by what it is.
 */
export function showValue(field: string, value: unknown, media: readonly MediaInfo[] = []): string {
  const t = approvalMessages.queue;
  if (MEDIA_FIELDS.has(field) && typeof value === 'string') {
    const m = media.find((x) => x.id === value);
    if (m) return t.mediaValue(m.kind, m.width, m.height, m.durationMs === null ? null : Math.round(m.durationMs / 1000));
  }
  return valueWords(field, value, new NameBook()) || t.empty_value;
}

/** Field-by-field differences; every field of a new item (nothing on air) counts as changed. */
export function fieldChanges(onAir: ContentFields | null, submitted: ContentFields, media: readonly MediaInfo[] = []): FieldChange[] {
  const before = (onAir ?? {}) as Record<string, unknown>;
  const after = submitted as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return fields
    .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
    .map((f) => ({
      field: f,
      label: f === 'kind' ? editorMessages.editor.kind : fieldLabel(f),
      before: showValue(f, before[f], media),
      after: showValue(f, after[f], media),
    }));
}
