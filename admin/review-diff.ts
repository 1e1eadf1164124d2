import type { ContentFields } from '../playlists/index.ts';
import { approvalMessages } from './messages/approval.ts';
import { editorMessages, fieldLabel } from './messages/editor.ts';

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

/** A field's value as an approver reads it. */
export function showValue(field: string, value: unknown): string {
  const t = approvalMessages.queue;
  if (value === undefined || value === null || value === '') return t.empty_value;
  if (field === 'durationMs' && typeof value === 'number') return t.seconds(value / 1000);
  if (field === 'kind' && typeof value === 'string') return editorMessages.kinds[value] ?? value;
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Field-by-field differences; every field of a new item (nothing on air) counts as changed. */
export function fieldChanges(onAir: ContentFields | null, submitted: ContentFields): FieldChange[] {
  const before = (onAir ?? {}) as Record<string, unknown>;
  const after = submitted as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return fields
    .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
    .map((f) => ({ field: f, label: f === 'kind' ? editorMessages.editor.kind : fieldLabel(f), before: showValue(f, before[f]), after: showValue(f, after[f]) }));
}
