import { html, type TemplateResult } from 'lit';
import type { ContentFields, MediaInfo, Zone } from '../playlists/player.ts';
import { loadRenderer, rendererOf } from './renderers.ts';

/** What a renderer may need besides the item and the clock. */
export interface RenderContext {
  /** The media the items refer to (the manifest's `media`, or the admin's library). */
  media?: readonly MediaInfo[];
  /** When the item's slot began (corrected clock): a ticker starts from it, a clip restarts when it changes. */
  since?: number | null;
  /** The zone it plays in; in the ticker strip a slogan scrolls as a ticker. Default main. */
  zone?: Zone;
  /** The screen's id: a QR code then points at its short link (short-link-item.ts). */
  screenId?: string | null;
}

/** One object per item, so re-rendering does not hand the ticker a "new" text and restart it. */
const tickerForms = new WeakMap<object, { text: string; durationMs: number }>();

/** A slogan as one scrolling line, for the ticker strip. */
function tickerForm(item: Extract<ContentFields, { kind: 'slogan' }>): { text: string; durationMs: number } {
  let form = tickerForms.get(item);
  if (!form) {
    form = { text: item.secondary ? `${item.text} — ${item.secondary}` : item.text, durationMs: item.durationMs };
    tickerForms.set(item, form);
  }
  return form;
}

/**
 * The renderer for one content item, by kind. Shared by `<bt-player>` and the admin preview
 * (which may pass a draft without an id, and its own `now`). Renderers load on demand
 * (renderers.ts).
 */
export function renderItem(item: ContentFields & { id?: string }, now: () => number, context: RenderContext = {}): TemplateResult {
  // The player loaded this kind's renderer with its manifest; the admin preview loads it here
  // (cached after the first time), and the element upgrades with the properties set below.
  const renderer = rendererOf(item, context.zone);
  loadRenderer(renderer).catch((err: unknown) => console.error(`bangtin: no renderer ${renderer}`, err));
  const media = context.media ?? [];
  const since = context.since ?? null;
  switch (item.kind) {
    case 'slogan':
      if (context.zone === 'ticker') return html`<bt-ticker .fallback=${tickerForm(item)} .now=${now} .since=${since}></bt-ticker>`;
      // With a picture (an emergency's): drawn by its own element (renderers.ts).
      if (item.image) return html`<bt-slogan-picture .item=${item} .media=${media} .now=${now} .since=${since}></bt-slogan-picture>`;
      return html`<bt-slogan .item=${item} .now=${now} .since=${since}></bt-slogan>`;
    case 'countdown':
      return html`<bt-countdown .item=${item} .now=${now} .since=${since}></bt-countdown>`;
    case 'notice':
      return html`<bt-policy-notice .item=${item} .now=${now} .since=${since} .screenId=${context.screenId ?? null}></bt-policy-notice>`;
    case 'clock':
      return html`<bt-clock .item=${item} .now=${now} .since=${since}></bt-clock>`;
    case 'story':
      return html`<bt-story .item=${item} .media=${media} .now=${now} .since=${since} .screenId=${context.screenId ?? null}></bt-story>`;
    case 'image':
      return html`<bt-image .item=${item} .media=${media} .now=${now} .since=${since}></bt-image>`;
    case 'video':
      return html`<bt-video .item=${item} .media=${media} .now=${now} .since=${since}></bt-video>`;
    case 'ticker':
      return html`<bt-ticker .item=${item} .now=${now} .since=${since}></bt-ticker>`;
    default: {
      const unknownKind: never = item;
      throw new Error(`no renderer for ${(unknownKind as { kind: string }).kind}`);
    }
  }
}
