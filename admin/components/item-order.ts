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
 * The playlist as a list, the content view's spine: search and filters (which rows show), the
 * item open in the editor (chosen by a click, or Enter on a focused row; arrow keys move the
 * focus), and the play order, changed by dragging a row or, on a focused row, Alt + arrow up/down.
 * @fires item-select - detail: the id of the item to open
 * @fires order-change - detail: the new order of item ids
 * @fires filter-change - detail: ItemFilter
 * @cssprop --item-list-height - how tall the rows may grow before they scroll (18rem)
 */
@customElement('bt-item-order')
export class ItemOrder extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: grid; gap: 0.5rem; }
      .filters { display: flex; gap: 0.5rem 0.75rem; flex-wrap: wrap; align-items: end; }
      .filters label { flex: 1 1 9rem; }
      .filters input, .filters select { width: 100%; }
      .filters label.search { flex-basis: 100%; }
      ol { list-style: none; margin: 0; padding: 2px; display: grid; gap: 2px; max-height: var(--item-list-height, 18rem); overflow: auto; }
      li { display: flex; gap: 0.4rem; align-items: baseline; padding: 0.35rem 0.5rem; border: 1px solid #d4dae1; border-radius: 4px; background: #fff; cursor: pointer; font-size: 0.9rem; }
      li .label { flex: 1; min-width: 0; overflow-wrap: anywhere; }
      li[aria-selected='true'] { background: #e3effb; border-color: #0b5cad; box-shadow: inset 4px 0 0 #0b5cad; font-weight: 600; }
      li.over { border-color: #0b5cad; box-shadow: inset 0 2px 0 #0b5cad; }
      li:focus-visible { outline: 3px solid #0b5cad; outline-offset: 1px; }
      .muted { color: #5b6570; font-size: 0.85rem; margin: 0; }
    `,
  ];

  @property({ attribute: false }) ids: string[] = [];
  @property({ attribute: false }) items = new Map<string, ContentEntry>();
  @property({ attribute: false }) filter: ItemFilter = NO_FILTER;
  /** The id of the item open in the editor. */
  @property({ attribute: false }) selected: string | null = null;
  @state() private dragging: number | null = null;
  @state() private over: number | null = null;
  /** The row to focus once the new order comes back (a move from the keyboard). */
  private focusAfterMove: string | null = null;

  /** The positions of the rows the filters keep. */
  private shown(): number[] {
    return this.ids.flatMap((id, i) => {
      const e = this.items.get(id);
      return e && matches(e, this.filter) ? [i] : [];
    });
  }

  override render() {
    const f = this.filter;
    const shown = this.shown();
    // One tab stop: the open row when it shows, else the first row shown.
    const tabStop = shown.find((i) => this.ids[i] === this.selected) ?? shown[0];
    return html`
      <div class="filters">
        <label class="search">${t.search}<input type="search" name="item-search" .value=${f.text} @input=${(e: Event) => this.set({ text: (e.target as HTMLInputElement).value })}></label>
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
      <p class="muted" data-shown=${shown.length}>${t.shown(shown.length, this.ids.length)} ${t.hint}</p>
      ${shown.length ? nothing : html`<p class="muted">${t.none}</p>`}
      <ol role="listbox" aria-label=${t.heading}>
        ${shown.map((i) => {
          const id = this.ids[i]!;
          const entry = this.items.get(id)!;
          const label = t.row(i + 1, editorMessages.kinds[entry.item.kind] ?? entry.item.kind, itemLabel(entry.item));
          return html`<li role="option" aria-selected=${id === this.selected ? 'true' : 'false'} tabindex=${i === tabStop ? 0 : -1}
            draggable="true" data-order-id=${id} class=${this.over === i ? 'over' : ''}
            @click=${() => this.select(id)}
            @dragstart=${(e: DragEvent) => { this.dragging = i; e.dataTransfer?.setData('text/plain', id); }}
            @dragover=${(e: DragEvent) => { e.preventDefault(); this.over = i; }}
            @dragleave=${() => { if (this.over === i) this.over = null; }}
            @drop=${(e: DragEvent) => { e.preventDefault(); this.dropAt(i); }}
            @dragend=${() => { this.dragging = null; this.over = null; }}
            @keydown=${(e: KeyboardEvent) => this.onKey(e, i)}><span class="label">${label}</span>
            <span class="badge ${entry.state}">${messages.states[entry.state]}</span></li>`;
        })}
      </ol>
    `;
  }

  private set(patch: Partial<ItemFilter>) {
    this.dispatchEvent(new CustomEvent('filter-change', { detail: { ...this.filter, ...patch }, bubbles: true, composed: true }));
  }

  private select(id: string) {
    this.dispatchEvent(new CustomEvent('item-select', { detail: id, bubbles: true, composed: true }));
  }

  private dropAt(to: number) {
    const from = this.dragging;
    this.dragging = null;
    this.over = null;
    if (from === null || from === to) return;
    this.reorder(from, to);
  }

  /** Enter or Space opens the row; arrows move the focus, with Alt the item (past the next row shown). */
  private onKey(e: KeyboardEvent, i: number) {
    const id = this.ids[i]!;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.select(id);
      return;
    }
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    const shown = this.shown();
    const at = shown.indexOf(i);
    const to = shown[at + (e.key === 'ArrowUp' ? -1 : 1)];
    if (to === undefined) return;
    if (e.altKey) {
      this.focusAfterMove = id;
      this.reorder(i, to);
    } else {
      this.focusRow(this.ids[to]!);
    }
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has('ids') && this.focusAfterMove) {
      this.focusRow(this.focusAfterMove);
      this.focusAfterMove = null;
    }
  }

  private focusRow(id: string) {
    this.renderRoot.querySelector<HTMLElement>(`li[data-order-id="${CSS.escape(id)}"]`)?.focus();
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
