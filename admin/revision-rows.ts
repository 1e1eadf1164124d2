import type { RevisionChange } from '../playlists/index.ts';
import { HIDDEN_FIELDS, changeName, valueWords } from './change-text.ts';
import { revisionFieldLabel, revisionMessages } from './messages/revisions.ts';
import type { NameBook } from './name-book.ts';

/** One field of a changed object, both versions as text. */
export interface FieldRow {
  name: string;
  label: string;
  before: string;
  after: string;
  differs: boolean;
}

export type ChangeState = 'added' | 'changed' | 'removed';

export const stateOf = (c: RevisionChange): ChangeState => (c.before === null ? 'added' : c.after === null ? 'removed' : 'changed');

/** A value as an operator reads it (change-text.ts): names for ids, words for codes; nothing as a dash. */
export function valueText(name: string, value: unknown, book: NameBook): string {
  return valueWords(name, value, book) || revisionMessages.absent;
}

/** Every field either version has, in the later version's order; `differs` marks what changed. */
export function fieldRows(change: RevisionChange, book: NameBook): FieldRow[] {
  if (change.kind === 'defaultPlaylist') {
    const name = 'defaultPlaylist';
    return [{ name, label: revisionFieldLabel(change.kind, name), before: valueText(name, change.before, book), after: valueText(name, change.after, book), differs: true }];
  }
  const before = (change.before ?? {}) as Record<string, unknown>;
  const after = (change.after ?? {}) as Record<string, unknown>;
  const names = [...new Set([...Object.keys(after), ...Object.keys(before)])].filter((n) => !HIDDEN_FIELDS.has(n));
  return names.map((name) => ({
    name,
    label: revisionFieldLabel(change.kind, name),
    before: change.before === null ? '' : valueText(name, before[name], book),
    after: change.after === null ? '' : valueText(name, after[name], book),
    differs: JSON.stringify(before[name]) !== JSON.stringify(after[name]),
  }));
}

/** What an operator calls the object: an item's first line of text, a playlist's or schedule's name (never an id). */
export function titleOf(change: RevisionChange, book: NameBook): string {
  return changeName(change, book);
}
