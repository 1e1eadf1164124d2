import { css, unsafeCSS } from 'lit';
import type { ScreenTheme } from '../../playlists/player.ts';
import { fitTextStyles } from '../fit-text.ts';

/**
 * The screen's theme as CSS custom properties, set on `<bt-player>` and inherited by every
 * renderer (custom properties pierce shadow roots). Renderers read them with the outdoor
 * colours as fallback, so an element used alone (the admin preview) looks as it did.
 *
 * - `outdoor`: high contrast on black, for bright LED boards.
 * - `indoor`: dark text on a light ground, for bulletin boards indoors.
 *
 * `--bt-bg` ground, `--bt-fg` text, `--bt-accent` emphasis, `--bt-panel` a quiet area (a photo
 * placeholder), `--bt-frame` the blinking frame of "identify", `--bt-strip-bg` and
 * `--bt-strip-fg` the ticker strip, which stands apart from the main zone as a band.
 */
export const THEME_COLOURS = {
  outdoor: {
    '--bt-bg': '#000',
    '--bt-fg': '#fff',
    '--bt-accent': '#ffd400',
    '--bt-panel': '#111',
    '--bt-frame': '#ffd400',
    '--bt-strip-bg': '#000',
    '--bt-strip-fg': '#ffd400',
  },
  indoor: {
    '--bt-bg': '#f6f3ec',
    '--bt-fg': '#15181c',
    '--bt-accent': '#a3141a',
    '--bt-panel': '#e4dfd3',
    '--bt-frame': '#a3141a',
    '--bt-strip-bg': '#a3141a',
    '--bt-strip-fg': '#fff',
  },
} as const satisfies Record<ScreenTheme, Record<string, string>>;

const declarations = (theme: ScreenTheme) =>
  unsafeCSS(Object.entries(THEME_COLOURS[theme]).map(([name, value]) => `${name}: ${value};`).join(' '));

export const themeStyles = css`
  :host {
    ${declarations('outdoor')}
  }
  :host([data-theme='indoor']) {
    ${declarations('indoor')}
  }
`;

/** Shared look of every full-area renderer: high contrast, bold Be Vietnam Pro, in the theme's colours. */
export const screenStyles = [
  fitTextStyles,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      width: 100%;
      height: 100%;
      /* Percentages follow the width, so portrait and landscape keep the same margin. */
      padding: 3%;
      overflow: hidden;
      background: var(--bt-bg, #000);
      color: var(--bt-fg, #fff);
      font-family: 'Be Vietnam Pro', 'Noto Sans', sans-serif;
      font-weight: 700;
      -webkit-font-smoothing: antialiased;
    }
    .fit-box {
      width: 100%;
      height: 100%;
    }
    .accent {
      color: var(--bt-accent, #ffd400);
    }
  `,
];

/** Sets or removes `data-item-id` on a renderer, the hook end-to-end tests read. */
export function markItem(host: HTMLElement, id: string | undefined): void {
  if (id) host.setAttribute('data-item-id', id);
  else host.removeAttribute('data-item-id');
}
