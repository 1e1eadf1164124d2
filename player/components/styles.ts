import { css } from 'lit';
import { fitTextStyles } from '../fit-text.ts';

/** Shared look of every full-area renderer: high contrast on black, bold Be Vietnam Pro. */
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
      background: #000;
      color: #fff;
      font-family: 'Be Vietnam Pro', 'Noto Sans', sans-serif;
      font-weight: 700;
      -webkit-font-smoothing: antialiased;
    }
    .fit-box {
      width: 100%;
      height: 100%;
    }
    .accent {
      color: #ffd400;
    }
  `,
];

/** Sets or removes `data-item-id` on a renderer, the hook end-to-end tests read. */
export function markItem(host: HTMLElement, id: string | undefined): void {
  if (id) host.setAttribute('data-item-id', id);
  else host.removeAttribute('data-item-id');
}
