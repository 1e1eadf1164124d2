import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ContentEntry } from '../../playlists/index.ts';
import { itemLabel } from '../fit-warnings.ts';
import { messages } from '../messages/index.ts';
import { editorMessages } from '../messages/editor.ts';
import { itemOrderMessages as t } from '../messages/item-order.ts';
import { controls } from './styles.ts';

/** Which items the filters keep: search text, kind, theme (1–7) and draft state ('' for any). */
export interface ItemFilter { text: string; kind: string; theme: string; status: string }
export const NO_FILTER: ItemFilter = { text: '', kind: '', theme: '', status: '' };

/** Whether an item passes the filter; the search ignores case and Vietnamese accents. */
export function matches(entry: ContentEntry, f: ItemFilter): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/\u0111/g, 'd').replace(/\u0110/g, 'D').toLowerCase();
  const item = entry.item as ContentEntry['item'] & { theme?: number };
  if (f.kind && item.kind !== f.kind) return false;
  if (f.theme && String(item.theme) !== f.theme) return false;
  if (f.status && entry.state !== f.status) return false;
  return !f.text || fold(JSON.stringify(item)).includes(fold(f.text.trim()));
}

/**
 * The playlist as a short list over the editors: search and filters (which editors show), and the
 * play order, changed by dragging a row or, on a focused row, Alt + arrow up/down.
 * @fires order-change - detail: the new order of item ids
 * @fires filter-change - detail: ItemFilter
 */
@customElement('bt-item-order')
export class ItemOrder extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: grid; gap: 0.5rem; }
      .filters { display: flex; gap: 0.75rem; flex-wrap: wrap; align-items: end; }
      .filters input { min-width: 16rem; }
      ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; max-height: 18rem; overflow: auto; }
      li { padding: 0.3rem 0.5rem; border: 1px solid #d4dae1; border-radius: 4px; background: #fff; cursor: grab; font-size: 0.9rem; }
      li.hidden { opacity: 0.45; }
      li.over { border-color: #0b5cad; box-shadow: inset 0 2px 0 #0b5cad; }
      li:focus-visible { outline: 3px solid #0b5cad; }
      .muted { color: #5b6570; font-size: 0.85rem; margin: 0; }
    `,
  ];

  @property({ attribute: false }) ids: string[] = [];
  @property({ attribute: false }) items = new Map<string, ContentEntry>();
  @property({ attribute: false }) filter: ItemFilter = NO_FILTER;
  @state() private dragging: number | null = null;
  @state() private over: number | null = null;

  override render() {
    const f = this.filter;
    const shown = this.ids.filter((id) => { const e = this.items.get(id); return e && matches(e, f); }).length;
    return html`
      <div class="filters">
        <label>${t.search}<input type="search" name="item-search" .value=${f.text} @input=${(e: Event) => this.set({ text: (e.target as HTMLInputElement).value })}></label>
        <label>${t.kind}<select name="item-kind" @change=${(e: Event) => this.set({ kind: (e.target as HTMLSelectElement).value })}>
          <option value="">${t.all}</option>
          ${Object.entries(editorMessages.kinds).map(([k, v]) => html`<option value=${k} ?selected=${f.kind === k}>${v}</option>`)}
        </select></label>
        <label>${t.theme}<select name="item-theme" @change=${(e: Event) => this.set({ theme: (e.target as HTMLSelectElement).value })}>
          <option value="">${t.all}</option>
          ${editorMessages.themes.map((v, i) => html`<option value=${i + 1} ?selected=${f.theme === String(i + 1)}>${v}</option>`)}
        </select></label>
        <label>${t.status}<select name="item-status" @change=${(e: Event) => this.set({ status: (e.target as HTMLSelectElement).value })}>
          <option value="">${t.all}</option>
          ${Object.entries(messages.states).map(([k, v]) => html`<option value=${k} ?selected=${f.status === k}>${v}</option>`)}
        </select></label>
      </div>
      <p class="muted" data-shown=${shown}>${t.shown(shown, this.ids.length)} ${t.hint}</p>
      <ol aria-label=${t.heading}>
        ${this.ids.map((id, i) => {
          const entry = this.items.get(id);
          if (!entry) return nothing;
          const label = t.row(i + 1, editorMessages.kinds[entry.item.kind] ?? entry.item.kind, itemLabel(entry.item));
          return html`<li tabindex="0" draggable="true" data-order-id=${id} class=${`${matches(entry, f) ? '' : 'hidden'} ${this.over === i ? 'over' : ''}`}
            @dragstart=${(e: DragEvent) => { this.dragging = i; e.dataTransfer?.setData('text/plain', id); }}
            @dragover=${(e: DragEvent) => { e.preventDefault(); this.over = i; }}
            @dragleave=${() => { if (this.over === i) this.over = null; }}
            @drop=${(e: DragEvent) => { e.preventDefault(); this.dropAt(i); }}
            @dragend=${() => { this.dragging = null; this.over = null; }}
            @keydown=${(e: KeyboardEvent) => this.onKey(e, i)}>${label}</li>`;
        })}
      </ol>
    `;
  }

  private set(patch: Partial<ItemFilter>) {
    this.dispatchEvent(new CustomEvent('filter-change', { detail: { ...this.filter, ...patch }, bubbles: true, composed: true }));
  }

  private dropAt(to: number) {
    const from = this.dragging;
    this.dragging = null;
    this.over = null;
    if (from === null || from === to) return;
    this.reorder(from, to);
  }

  private onKey(e: KeyboardEvent, i: number) {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    const to = i + (e.key === 'ArrowUp' ? -1 : 1);
    if (to < 0 || to >= this.ids.length) return;
    this.reorder(i, to);
    void this.updateComplete.then(() => this.renderRoot.querySelectorAll<HTMLElement>('li')[to]?.focus());
  }

  private reorder(from: number, to: number) {
    const ids = [...this.ids];
    const [moved] = ids.splice(from, 1);
    ids.splice(to, 0, moved!);
    this.dispatchEvent(new CustomEvent('order-change', { detail: ids, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-item-order': ItemOrder;
  }
}
