import { css } from 'lit';

/**
 * The content view's layout (bt-playlist-editor): a sticky bar, and the list of items beside
 * the open editor on wide screens (below it on narrow ones); the ward operator's playlist bar.
 */
export const playlistEditorStyles = css`
  :host { display: grid; gap: 1rem; }
  .bar { position: sticky; top: 0; z-index: 1; display: flex; gap: 1rem; align-items: center; background: #f4f6f9; padding: 0.75rem 0; }
  .bar h2 { margin: 0; font-size: 1.2rem; flex: 1; }
  .workspace { display: grid; gap: 1rem; align-items: start; }
  .side { display: grid; gap: 0.5rem; align-content: start; min-width: 0; }
  .side button[data-action='add-item'] { justify-self: start; }
  .side button[aria-pressed='true'] { background: #e3effb; border-color: #0b5cad; }
  .pane { min-width: 0; }
  /*
   * Wide screens: the list stays in sight beside the open editor (wide enough at 1280 px for
   * its fields and preview side by side) and scrolls on its own, below the sticky bar even at
   * the page's end (the main area's bottom padding is 4rem).
   */
  @media (min-width: 1280px) {
    .workspace { grid-template-columns: minmax(18rem, 24rem) minmax(0, 1fr); }
    .side { position: sticky; top: 4.5rem; max-height: calc(100vh - 10rem); overflow-y: auto; padding-right: 0.25rem; }
    .side bt-item-order { --item-list-height: none; }
  }
  .ward-lists { display: flex; gap: 0.75rem; align-items: end; flex-wrap: wrap; }
  .ward-lists label { display: flex; flex-direction: column; gap: 0.2rem; }
  .ward-lists .hint { color: #5b6570; font-size: 0.9rem; flex: 1 1 20rem; }
`;
