import type { AuditEntry, RevisionChange } from '../playlists/index.ts';
import { changeSentences, listWords, valueWords } from './change-text.ts';
import { approvalMessages } from './messages/approval.ts';
import { auditMessages } from './messages/audit.ts';
import { changeMessages } from './messages/changes.ts';
import { revisionFieldLabel } from './messages/revisions.ts';
import { layoutMessages } from './messages/layout.ts';
import { screensMessages } from './messages/screens.ts';
import { usersMessages } from './messages/users.ts';
import { itemName, type NameBook } from './name-book.ts';

/**
 * Audit log entries as an operator reads them: what was done, to what (by name), and for a
 * change, sentences saying what changed. No ids, codes or English words: the raw values are
 * for when a change is opened (the view shows them as text there).
 */

const t = auditMessages.audit;
type Fields = Record<string, unknown>;
const isRecord = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The kinds of object whose changes read like the revision diff's. */
const DIFF_KINDS: Record<string, 'item' | 'playlist' | 'schedule'> = { content_item: 'item', playlist: 'playlist', schedule: 'schedule' };

/** What was done, in Vietnamese (an action the page does not know reads as a change, never as its code). */
export function actionText(action: string): string {
  return t.actions[action] ?? approvalMessages.auditActions[action] ?? t.otherAction;
}

/** The kind of object, in Vietnamese. */
export function objectKindText(objectType: string): string {
  return t.objects[objectType] ?? t.otherObject;
}

/** The object's own name, from what the entry carries or the names the page knows; null when unknown. */
export function objectName(e: AuditEntry, book: NameBook, usernames: ReadonlyMap<string, string>): string | null {
  const record = [e.after, e.before].find(isRecord) as Fields | undefined;
  const id = e.objectId;
  switch (e.objectType) {
    case 'revision':
      return id ? t.revision(id) : null;
    case 'content_item':
      if (record && typeof record['kind'] === 'string') return itemName(record as Parameters<typeof itemName>[0]);
      return id && book.has('item', id) ? book.item(id) : null;
    case 'user':
      return (id && usernames.get(id)) ?? (typeof record?.['username'] === 'string' ? record['username'] : null);
    case 'emergency':
      return typeof record?.['text'] === 'string' ? record['text'] : null;
    case 'ward':
      return typeof record?.['name'] === 'string' ? record['name'] : id && book.has('ward', id) ? book.ward(id) : null;
    case 'screen':
    case 'playlist':
    case 'schedule': {
      if (typeof record?.['name'] === 'string') return record['name'];
      const kind = e.objectType;
      return id && book.has(kind, id) ? book.name(kind, id) : null;
    }
    default:
      return typeof record?.['name'] === 'string' ? record['name'] : null;
  }
}

/** The object's kind and its name in guillemets, a revision by its number, or the kind alone when its name is unknown. */
export function objectText(e: AuditEntry, book: NameBook, usernames: ReadonlyMap<string, string>): string {
  const kind = objectKindText(e.objectType);
  const name = objectName(e, book, usernames);
  if (!name) return kind;
  return e.objectType === 'revision' ? name : `${kind} «${name}»`;
}

/** The whole entry in one sentence: the action, the object's kind and its name. */
export function auditSentence(e: AuditEntry, book: NameBook, usernames: ReadonlyMap<string, string>): string {
  const object = objectText(e, book, usernames);
  if (e.action === 'restore' && isRecord(e.after) && typeof e.after['restoredFrom'] === 'number') {
    return t.restoredAs(e.after['restoredFrom'], e.objectId ?? '');
  }
  return `${actionText(e.action)} ${lower(object)}`;
}

/**
 * What an update changed, as sentences: items, playlists and schedules as the revision diff
 * tells them; other objects field by field (the field's label: before → after). Creations and deletions: none
 * (the sentence says it); their values are there when the change is opened.
 */
export function auditChangeLines(e: AuditEntry, book: NameBook): string[] {
  if (!isRecord(e.before) || !isRecord(e.after)) return [];
  const kind = DIFF_KINDS[e.objectType];
  if (kind && typeof e.objectId === 'string' && (kind !== 'item' || typeof e.after['kind'] === 'string')) {
    const change = { kind, id: e.objectId, before: { id: e.objectId, ...e.before }, after: { id: e.objectId, ...e.after } } as RevisionChange;
    return changeSentences(change, book);
  }
  const before = e.before;
  const after = e.after;
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return names.map((name) => {
    const label = revisionFieldLabel(e.objectType, name);
    const words = (v: unknown) => (typeof v === 'string' && CODE.test(v) ? codeWords(v) : valueWords(name, v, book)) || changeMessages.empty;
    return `${label}: ${words(before[name])} → ${words(after[name])}`;
  });
}

/** A word the server stores as a code (`approved`, `outdoor`, `ward_operator`). */
const CODE = /^[a-z][a-z0-9_]*$/;

/** A stored code in words; one the page has no words for reads as "changed". */
function codeWords(code: string): string {
  const known: Record<string, string> = {
    ...approvalMessages.states, ...layoutMessages.themeOptions, ...usersMessages.roles, ...screensMessages.locationKinds,
  };
  return known[code] ?? changeMessages.changedValue;
}

/** The field names of an opened change, in Vietnamese where the page has them. */
export function rawFieldLabel(objectType: string, name: string): string {
  return revisionFieldLabel(DIFF_KINDS[objectType] ?? objectType, name);
}

export { listWords };
