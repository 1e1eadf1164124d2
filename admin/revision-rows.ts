import type { RevisionChange } from '../playlists/index.ts';
import { editorMessages } from './messages/editor.ts';
import { revisionFieldLabel, revisionMessages } from './messages/revisions.ts';

/** One field of a changed object, both versions as text. */
export interface FieldRow {
  name: string;
  label: string;
  before: string;
  after: string;
  differs: boolean;
}

/** Fields that only say which version an object is, not what it shows. */
const HIDDEN = new Set(['id', 'revision']);

export type ChangeState = 'added' | 'changed' | 'removed';

export const stateOf = (c: RevisionChange): ChangeState => (c.before === null ? 'added' : c.after === null ? 'removed' : 'changed');

/** A value as an operator reads it: text as typed, yes/no, seconds, the kind's and theme's names; anything else as compact JSON. */
export function valueText(name: string, value: unknown): string {
  const t = revisionMessages;
  if (value === undefined || value === null || value === '') return t.absent;
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  if (name === 'durationMs' && typeof value === 'number') return t.seconds(value / 1000);
  if (name === 'kind' && typeof value === 'string') return editorMessages.kinds[value] ?? value;
  if (name === 'theme' && typeof value === 'number') return editorMessages.themes[value - 1] ?? String(value);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return value.join(', ');
  return JSON.stringify(value);
}

/** Every field either version has, in the later version's order; `differs` marks what changed. */
export function fieldRows(change: RevisionChange): FieldRow[] {
  if (change.kind === 'defaultPlaylist') {
    const name = 'defaultPlaylist';
    return [{ name, label: revisionFieldLabel(change.kind, name), before: valueText(name, change.before), after: valueText(name, change.after), differs: true }];
  }
  const before = (change.before ?? {}) as Record<string, unknown>;
  const after = (change.after ?? {}) as Record<string, unknown>;
  const names = [...new Set([...Object.keys(after), ...Object.keys(before)])].filter((n) => !HIDDEN.has(n));
  return names.map((name) => ({
    name,
    label: revisionFieldLabel(change.kind, name),
    before: change.before === null ? '' : valueText(name, before[name]),
    after: change.after === null ? '' : valueText(name, after[name]),
    differs: JSON.stringify(before[name]) !== JSON.stringify(after[name]),
  }));
}

/** What an operator calls the object: an item's first line of text, a playlist's or schedule's name. */
export function titleOf(change: RevisionChange): string {
  if (change.kind === 'defaultPlaylist') return revisionMessages.kinds.defaultPlaylist!;
  const o = (change.after ?? change.before) as Record<string, unknown>;
  for (const key of ['text', 'title', 'name', 'caption']) if (typeof o[key] === 'string' && o[key]) return o[key] as string;
  return change.id;
}
