import type { ContentFields } from '../playlists/index.ts';
import { editorMessages } from './messages/editor.ts';

/** At most this many characters of an item's text name it (a long ticker is cut with "…"). */
const NAME_MAX = 60;

const shorten = (text: string) => (text.length > NAME_MAX ? `${text.slice(0, NAME_MAX - 1).trimEnd()}…` : text);

/** What an operator calls an item: its text, title, name or caption, else its kind's name. */
export function itemName(item: Partial<ContentFields> & { kind: string }): string {
  const o = item as Record<string, unknown>;
  for (const key of ['text', 'title', 'name', 'caption']) if (typeof o[key] === 'string' && o[key]) return shorten(o[key] as string);
  return editorMessages.kinds[item.kind] ?? editorMessages.kinds.slogan!;
}
