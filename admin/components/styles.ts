import { css } from 'lit';

/** Controls shared by the admin components: plain, large enough for a ten-minute user. */
export const controls = css`
  :host {
    font-family: 'Be Vietnam Pro', 'Noto Sans', system-ui, sans-serif;
    color: #1b1f24;
  }
  button {
    font: inherit;
    padding: 0.45rem 0.9rem;
    border-radius: 6px;
    border: 1px solid #9aa4b1;
    background: #fff;
    cursor: pointer;
  }
  button:hover:not(:disabled) { background: #eef2f6; }
  button:disabled { opacity: 0.5; cursor: default; }
  button.primary { background: #0b5cad; border-color: #0b5cad; color: #fff; font-weight: 600; }
  button.primary:hover:not(:disabled) { background: #094a8c; }
  button.danger { color: #a40e26; border-color: #d9a3ad; }
  input, textarea, select {
    font: inherit;
    padding: 0.4rem 0.5rem;
    border: 1px solid #9aa4b1;
    border-radius: 6px;
    box-sizing: border-box;
    background: #fff;
  }
  textarea { width: 100%; resize: vertical; }
  label { display: grid; gap: 0.25rem; font-size: 0.9rem; color: #3d4550; }
  .error { color: #a40e26; background: #fdecef; padding: 0.5rem 0.75rem; border-radius: 6px; }
  .ok { color: #0b6b2e; background: #e7f6ec; padding: 0.5rem 0.75rem; border-radius: 6px; }
  .badge { display: inline-block; font-size: 0.8rem; padding: 0.1rem 0.5rem; border-radius: 999px; background: #e8ecf1; }
  .badge.new, .badge.changed { background: #fff1c2; color: #6b4d00; }
  .badge.published { background: #e7f6ec; color: #0b6b2e; }
  /*
   * A file chooser in the page's language: the native input (whose button and "no file" text
   * follow the browser's language) stays focusable but invisible behind a label drawn as a button.
   */
  label.file-pick { display: inline-flex; flex-direction: row; align-items: center; gap: 0.6rem; position: relative; }
  label.file-pick .file-button { padding: 0.45rem 0.9rem; border-radius: 6px; border: 1px solid #9aa4b1; background: #fff; cursor: pointer; color: #1b1f24; }
  label.file-pick:hover .file-button { background: #eef2f6; }
  label.file-pick:focus-within .file-button { outline: 2px solid #0b5cad; outline-offset: 2px; }
  label.file-pick input[type='file'] { position: absolute; left: 0; top: 0; width: 1px; height: 1px; opacity: 0; overflow: hidden; padding: 0; border: 0; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid #dde2e8; vertical-align: top; }
  th { font-weight: 600; font-size: 0.9rem; color: #3d4550; }
`;
