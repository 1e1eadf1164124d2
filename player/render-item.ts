import { html, type TemplateResult } from 'lit';
import type { ContentFields } from '../playlists/index.ts';
import './components/clock.ts';
import './components/countdown.ts';
import './components/policy-notice.ts';
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
    case 'notice':
      return html`<bt-policy-notice .item=${item}></bt-policy-notice>`;
    case 'clock':
      return html`<bt-clock .item=${item} .now=${now}></bt-clock>`;
    default: {
      const unknownKind: never = item;
      throw new Error(`no renderer for ${(unknownKind as { kind: string }).kind}`);
    }
  }
}
