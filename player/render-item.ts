import { html, type TemplateResult } from 'lit';
import type { ContentFields } from '../playlists/index.ts';
import './components/countdown.ts';
import './components/slogan.ts';

/**
 * The renderer for one content item, by kind. Shared by `<bt-player>` and the admin preview
 * (which may pass a draft without an id, and its own `now`).
 */
export function renderItem(item: ContentFields & { id?: string }, now: () => number): TemplateResult {
  switch (item.kind) {
    case 'slogan':
      return html`<bt-slogan .item=${item}></bt-slogan>`;
    case 'countdown':
      return html`<bt-countdown .item=${item} .now=${now}></bt-countdown>`;
    default: {
      const unknownKind: never = item;
      throw new Error(`no renderer for ${(unknownKind as { kind: string }).kind}`);
    }
  }
}
