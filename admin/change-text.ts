import { formatLocalDate, formatLocalTime, parseInstant, type RevisionChange, type Schedule } from '../playlists/index.ts';
import { joinWords } from './format.ts';
import { changeMessages as t } from './messages/changes.ts';
import { editorMessages } from './messages/editor.ts';
import { revisionFieldLabel } from './messages/revisions.ts';
import { scheduleMessages } from './messages/schedule.ts';
import { screensMessages } from './messages/screens.ts';
import { itemName, type NameBook } from './name-book.ts';

/**
 * Changes told as an operator reads them: Vietnamese sentences with names (a schedule's name, then its windows before → after:
 * 07:00–21:00 → 06:00–22:00"), every value in words — never an id, a code or JSON.
 */

type Fields = Record<string, unknown>;

/** Fields that only say which version an object is, not what it shows. */
export const HIDDEN_FIELDS = new Set(['id', 'revision']);
/** Fields that hold what people typed: quoted in a sentence. */
const TYPED = new Set(['text', 'secondary', 'title', 'body', 'source', 'place', 'afterText', 'caption', 'name', 'trade', 'school', 'outcome', 'quote', 'event', 'qrUrl']);
const INSTANTS = new Set(['validFrom', 'validUntil', 'startsAt', 'endsAt']);
const MEDIA = new Set(['media', 'image', 'photo']);

const isRecord = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Words as a list, joined with the messages' "and". */
export const listWords = (words: readonly string[]): string => joinWords(words, t.and);

const quotedNames = (ids: readonly string[], name: (id: string) => string) => listWords(ids.map((id) => t.quoted(name(id))));

/** `2026-11-01` as `01/11/2026`. */
export function dateWords(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** The day before a local date (a schedule's end date is exclusive; people say the last day). */
function dayBefore(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`) - 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

const instantWords = (iso: string) => {
  const ms = parseInstant(iso);
  return `${formatLocalTime(ms)} ${formatLocalDate(ms)}`;
};

/** The parts of a schedule's time rule in words: dates, weekdays, daily windows, exact start and end. */
export function timeParts(time: Schedule['time'] | undefined): Record<string, string> {
  if (!time) return {};
  const weekdays = time.weekdays ?? [0, 1, 2, 3, 4, 5, 6];
  return {
    dates: time.endDate ? t.fromTo(dateWords(time.startDate), dateWords(dayBefore(time.endDate))) : t.from(dateWords(time.startDate)),
    weekdays: weekdays.length === 7 ? t.everyDay : weekdays.map((d) => t.weekdayNames[d]).join(', '),
    windows: (time.windows ?? []).length === 0 ? t.allDay : time.windows.map((w) => `${w.start}–${w.end}`).join(', '),
    ...(time.startsAt ? { startsAt: instantWords(time.startsAt) } : {}),
    ...(time.endsAt ? { endsAt: instantWords(time.endsAt) } : {}),
  };
}

/** Which screens a schedule reaches, in words. */
export function targetWords(target: Schedule['target'] | undefined, book: NameBook): string {
  if (!target || target.all) return t.allScreens;
  const parts: string[] = [];
  if (target.wards?.length) parts.push(`${t.target.wards} ${listWords(target.wards.map((w) => book.ward(w)))}`);
  if (target.locationKinds?.length) parts.push(`${t.target.kinds} ${listWords(target.locationKinds.map((k) => lower(screensMessages.locationKinds[k] ?? t.changedValue)))}`);
  if (target.tags?.length) parts.push(`${t.target.tags} ${listWords(target.tags.map(t.quoted))}`);
  if (target.screenIds?.length) parts.push(`${t.target.screens} ${quotedNames(target.screenIds, book.screen)}`);
  return parts.join('; ') || t.allScreens;
}

/** One field's value in words ('' when it has none). */
export function valueWords(field: string, value: unknown, book: NameBook): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  if (field === 'durationMs' && typeof value === 'number') return t.seconds(value / 1000);
  if (field === 'speedPxPerSec' && typeof value === 'number') return t.speed(value);
  if (field === 'kind' && typeof value === 'string') return editorMessages.kinds[value] ?? t.changedValue;
  if (field === 'theme' && typeof value === 'number') return editorMessages.themes[value - 1] ?? String(value);
  if (field === 'fit' && typeof value === 'string') return t.fits[value] ?? t.changedValue;
  if (field === 'tier' && typeof value === 'string') return scheduleMessages.tiers[value] ?? t.changedValue;
  if (field === 'zone' && typeof value === 'string') return scheduleMessages.zones[value] ?? t.changedValue;
  if (field === 'eventDate' && typeof value === 'string') return dateWords(value);
  if (INSTANTS.has(field) && typeof value === 'string') return instantWords(value);
  if (MEDIA.has(field)) return t.media;
  if (field === 'itemIds' && Array.isArray(value)) return value.length ? quotedNames(value as string[], book.item) : t.none;
  if ((field === 'playlistId' || field === 'defaultPlaylist') && typeof value === 'string') return t.quoted(book.playlist(value));
  if ((field === 'ownerWard' || field === 'wardCode') && typeof value === 'string') return book.ward(value);
  if (field === 'target' && isRecord(value)) return targetWords(value as Schedule['target'], book);
  if (field === 'time' && isRecord(value)) {
    const p = timeParts(value as Schedule['time']);
    return [p['dates'], p['weekdays'], p['windows'], p['startsAt'] && `${t.timeParts['startsAt']} ${p['startsAt']}`, p['endsAt'] && `${t.timeParts['endsAt']} ${p['endsAt']}`].filter(Boolean).join(', ');
  }
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(', ');
  return t.changedValue;
}

/** What an operator calls the object a change is about (never its id). */
export function changeName(c: RevisionChange, book: NameBook): string {
  if (c.kind === 'defaultPlaylist') return t.nouns['defaultPlaylist']!;
  const o = (c.after ?? c.before) as Fields;
  if (c.kind === 'item') return itemName(o as Parameters<typeof itemName>[0]);
  return typeof o['name'] === 'string' && o['name'] ? o['name'] : book.name(c.kind, c.id);
}

function subjectOf(c: Exclude<RevisionChange, { kind: 'defaultPlaylist' }>, book: NameBook): string {
  const o = (c.after ?? c.before) as Fields;
  const noun = c.kind === 'item' ? (editorMessages.kinds[o['kind'] as string] ?? t.nouns['item']!) : t.nouns[c.kind]!;
  return t.subject(lower(noun), changeName(c, book));
}

/** A field's before and after in a sentence: typed text quoted, nothing as the messages' word for empty. */
function sentenceValue(field: string, value: unknown, book: NameBook): string {
  const words = valueWords(field, value, book);
  if (!words) return t.empty;
  return TYPED.has(field) ? t.quoted(words) : words;
}

function fieldSentences(subject: string, kind: string, before: Fields, after: Fields, book: NameBook): string[] {
  const names = [...new Set([...Object.keys(after), ...Object.keys(before)])].filter((n) => !HIDDEN_FIELDS.has(n) && !same(before[n], after[n]));
  return names.flatMap((name): string[] => {
    if (name === 'itemIds') return playlistItems(subject, (before[name] ?? []) as string[], (after[name] ?? []) as string[], book);
    if (name === 'time') {
      const a = timeParts(before[name] as Schedule['time']);
      const b = timeParts(after[name] as Schedule['time']);
      return Object.keys({ ...a, ...b }).filter((k) => a[k] !== b[k]).map((k) => t.field(subject, t.timeParts[k] ?? null, a[k] ?? t.empty, b[k] ?? t.empty));
    }
    // A form's hint in brackets (a unit after a label) is not part of the field's name.
    const label = revisionFieldLabel(kind, name).replace(/\s*\(.*\)$/, '');
    return [t.field(subject, label, sentenceValue(name, before[name], book), sentenceValue(name, after[name], book))];
  });
}

function playlistItems(subject: string, before: readonly string[], after: readonly string[], book: NameBook): string[] {
  const added = after.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !after.includes(id));
  const out: string[] = [];
  if (added.length) out.push(t.itemsAdded(subject, quotedNames(added, book.item)));
  if (removed.length) out.push(t.itemsRemoved(subject, quotedNames(removed, book.item)));
  const kept = (list: readonly string[]) => list.filter((id) => before.includes(id) && after.includes(id));
  if (!same(kept(before), kept(after))) out.push(t.reordered(subject));
  return out;
}

/** A change as sentences: an added or removed object in one, a changed one field by field. */
export function changeSentences(c: RevisionChange, book: NameBook): string[] {
  if (c.kind === 'defaultPlaylist') {
    return [t.field(t.defaultPlaylist, null, sentenceValue('defaultPlaylist', c.before, book), sentenceValue('defaultPlaylist', c.after, book))];
  }
  const subject = subjectOf(c, book);
  if (c.before === null) {
    const what = c.kind === 'schedule' ? `: ${valueWords('time', (c.after as Fields)['time'], book)}` : '';
    return [`${t.added(subject)}${what}`];
  }
  if (c.after === null) return [t.removed(subject)];
  return fieldSentences(subject, c.kind, c.before as Fields, c.after as Fields, book);
}

/** Teaches `book` the names a change carries (a removed item by its last version, a playlist's and schedule's own). */
export function learnNames(book: NameBook, changes: readonly RevisionChange[]): void {
  for (const c of changes) {
    if (c.kind === 'defaultPlaylist') continue;
    for (const side of [c.before, c.after]) if (side) book.learnFrom(c.kind, side);
  }
}
