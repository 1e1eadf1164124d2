import { css, html, nothing, type TemplateResult } from 'lit';
import type { Draft, FieldErrors } from '../item-form.ts';
import { editorMessages } from '../messages/editor.ts';

/**
 * The pieces the content forms are built from: a labelled input with its validation message
 * underneath. A form (the item editor, the add form) is the host that holds the draft.
 */
export interface FieldHost {
  readonly draft: Draft;
  /** Validation messages by field name, shown under the fields. */
  readonly errors: FieldErrors;
  /** Applies an edit to the draft (text already in NFC). */
  set(patch: Record<string, unknown>): void;
  /** Called after a control that does not fire a native `change` (the media picker) changed. */
  commit(): void;
}

/** Styles for the fields, shared by the item editor and the add form. */
export const fieldStyles = css`
  .fields { display: grid; gap: 0.75rem; min-width: 0; }
  .row { display: flex; gap: 0.75rem; flex-wrap: wrap; align-items: start; }
  .row > label { flex: 0 1 auto; }
  .row > label.grow { flex: 1 1 14rem; }
  /* A date or time field (its own label inside) with the form's message under it. */
  .field { display: grid; gap: 0.25rem; align-content: start; }
  .row > .field { flex: 0 1 auto; }
  .row > .field.grow { flex: 1 1 14rem; }
  .field > bt-date-time-field { display: block; }
  input:not([type='checkbox']):not([type='radio']):not([type='number']), select { width: 100%; }
  input[type='number'] { width: 7rem; }
  label.check { display: flex; gap: 0.5rem; align-items: center; font-size: 0.95rem; color: #1b1f24; }
  label.check input { width: auto; }
  [aria-invalid='true'] { border-color: #a40e26; outline-color: #a40e26; }
  .field-error { color: #a40e26; font-size: 0.85rem; }
  .hint { color: #5b6571; font-size: 0.8rem; }
  .count { color: #5b6571; font-size: 0.75rem; justify-self: end; }
  fieldset { border: 1px solid #dde2e8; border-radius: 8px; padding: 0.5rem 0.75rem 0.75rem; margin: 0; min-width: 0; }
  legend { font-size: 0.9rem; color: #3d4550; padding: 0 0.25rem; }
`;

const read = (e: Event) => (e.target as HTMLInputElement).value;

/** The message under a field, if it has one. */
export function fieldError(host: FieldHost, name: string): TemplateResult | typeof nothing {
  const error = host.errors.get(name);
  return error ? html`<span class="field-error" role="alert" data-error-for=${name}>${error}</span>` : nothing;
}

export interface TextOptions {
  max: number;
  /** A textarea with this many rows instead of a one-line input. */
  rows?: number;
  hint?: string;
  /** `url` for an address (mobile keyboards, no spell check). */
  type?: 'text' | 'url';
  grow?: boolean;
}

/** A labelled text field bound to `draft[name]`, NFC on input, counting characters near the limit. */
export function textField(host: FieldHost, name: string, label: string, options: TextOptions): TemplateResult {
  const value = String((host.draft as Record<string, unknown>)[name] ?? '');
  const invalid = host.errors.has(name) ? 'true' : 'false';
  const onInput = (e: Event) => host.set({ [name]: read(e).normalize('NFC') });
  // Over the limit is reported, not cut: `maxlength` would silently drop a pasted tail.
  const control = options.rows
    ? html`<textarea name=${name} rows=${options.rows} aria-invalid=${invalid} .value=${value} @input=${onInput}></textarea>`
    : html`<input name=${name} type=${options.type ?? 'text'} aria-invalid=${invalid} .value=${value} @input=${onInput} />`;
  const near = value.length > options.max * 0.8;
  return html`<label class=${options.grow ? 'grow' : ''}>${label}${control}
    ${near ? html`<span class="count">${editorMessages.editor.chars(value.length, options.max)}</span>` : nothing}
    ${options.hint ? html`<span class="hint">${options.hint}</span>` : nothing}
    ${fieldError(host, name)}</label>`;
}

export interface NumberOptions {
  min: number;
  max: number;
  step?: number;
  /** The shown value (e.g. seconds for a field stored in ms). */
  value: number;
  onInput(value: string): void;
  disabled?: boolean;
  hint?: string;
}

/** A labelled number input; the error shown is the one of `name`. */
export function numberField(host: FieldHost, name: string, label: string, o: NumberOptions): TemplateResult {
  return html`<label>${label}
    <input name=${name} type="number" min=${o.min} max=${o.max} step=${o.step ?? 1} ?disabled=${o.disabled ?? false}
      aria-invalid=${host.errors.has(name) ? 'true' : 'false'}
      .value=${Number.isFinite(o.value) ? String(o.value) : ''} @input=${(e: Event) => o.onInput(read(e))} />
    ${o.hint ? html`<span class="hint">${o.hint}</span>` : nothing}
    ${fieldError(host, name)}</label>`;
}

/** A labelled checkbox bound to a boolean field. */
export function checkField(host: FieldHost, name: string, label: string, hint?: string): TemplateResult {
  const checked = Boolean((host.draft as Record<string, unknown>)[name]);
  return html`<div>
    <label class="check"><input name=${name} type="checkbox" .checked=${checked}
      @input=${(e: Event) => host.set({ [name]: (e.target as HTMLInputElement).checked })} /> ${label}</label>
    ${hint ? html`<span class="hint">${hint}</span>` : nothing}
  </div>`;
}
