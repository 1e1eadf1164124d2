import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { formatFor, parseFor, segmentAt, stepValue, type DateTimeKind } from '../date-time-text.ts';
import { dateTimeMessages as t } from '../messages/date-time.ts';
import { controls } from './styles.ts';

const SIZE: Record<DateTimeKind, number> = { date: 10, time: 5, 'datetime-local': 16 };

/**
 * A labelled date, time, or date-and-time field typed as `dd/mm/yyyy` and 24-hour `HH:mm`,
 * whatever the browser's language (the native date and time inputs follow the browser's
 * language, not the page's: an English Chromium shows 10/04/2026 and 08:00 AM). Its `value` is
 * ISO like the native input's (`yyyy-mm-dd`, `HH:mm`, `yyyy-mm-ddTHH:mm`) and it takes part in
 * its form (`FormData`, `form.elements`, `required`). While the text is not a whole valid date,
 * the value is empty, as with the native input; on leaving the field, unreadable text is
 * explained under it. Up and down arrows step the day, month, year, hour or minute under the caret.
 *
 * @fires input - when the value changes while typing (`event.target.value`).
 * @fires change - when the value is committed (leaving the field, Enter).
 */
@customElement('bt-date-time-field')
export class DateTimeField extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [
    controls,
    css`
      :host { display: inline-block; vertical-align: top; }
      :host([hidden]) { display: none; }
      input { width: 100%; font-variant-numeric: tabular-nums; }
      input[aria-invalid='true'] { border-color: #a40e26; outline-color: #a40e26; }
      input:disabled { background: #f1f3f6; color: #6b7480; }
      /* The message wraps under the field rather than widening it. */
      .problem { display: block; width: 0; min-width: 100%; margin-top: 0.25rem; color: #a40e26; font-size: 0.85rem; }
      .sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
    `,
  ];

  /** `date`, `time` or `datetime-local`, as the native input it replaces. */
  @property({ reflect: true }) type: DateTimeKind = 'date';
  /** The visible label (or, with `hide-label`, the accessible name only). */
  @property() label = '';
  @property({ type: Boolean, attribute: 'hide-label' }) hideLabel = false;
  /** A fuller accessible name than the visible label (a table row's "From" read with its day). */
  @property({ attribute: 'accessible-name' }) accessibleName = '';
  /** The form field's name; the inner text box carries it too, for tests and autofill to find. */
  @property({ reflect: true }) name = '';
  /** ISO value; empty when nothing (valid) is typed. */
  @property() value = '';
  @property({ type: Boolean, reflect: true }) required = false;
  @property({ type: Boolean, reflect: true }) disabled = false;
  /** Marked invalid by the form around it (its own message is shown by the form). */
  @property({ type: Boolean }) invalid = false;

  /** What the text box shows. */
  @state() private text = '';
  /** The message under the field after unreadable text was left in it. */
  @state() private problem = '';
  @query('input') private input!: HTMLInputElement;
  private readonly internals = this.attachInternals();
  private defaultValue: string | null = null;

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  get validity(): ValidityState {
    return this.internals.validity;
  }

  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  override willUpdate(changed: PropertyValues<this>) {
    this.defaultValue ??= this.value;
    // A value set from outside replaces the text, unless it is what the text already reads as
    // (unreadable text reads as empty, as the value it gave while being typed).
    if (changed.has('value') || changed.has('type')) {
      const read = parseFor(this.type, this.text);
      if ((read.ok ? read.value : '') !== this.value) {
        this.text = formatFor(this.type, this.value);
        this.problem = '';
      }
    }
  }

  override updated() {
    this.internals.setFormValue(this.value);
    const read = parseFor(this.type, this.text);
    if (!read.ok) this.internals.setValidity({ badInput: true }, t.problems[this.type][read.problem], this.input);
    else if (this.required && !this.value) this.internals.setValidity({ valueMissing: true }, t.required[this.type], this.input);
    else this.internals.setValidity({});
  }

  formResetCallback() {
    this.value = this.defaultValue ?? '';
    this.text = formatFor(this.type, this.value);
    this.problem = '';
  }

  formDisabledCallback(disabled: boolean) {
    this.disabled = disabled;
  }

  private onInput(e: Event) {
    // The inner box's own event would reach the page with the typed text; the field sends its own.
    e.stopPropagation();
    this.text = this.input.value;
    const read = parseFor(this.type, this.text);
    if (read.ok) this.problem = '';
    const value = read.ok ? read.value : '';
    if (value === this.value) return;
    this.value = value;
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  private onChange() {
    const read = parseFor(this.type, this.input.value);
    if (read.ok) {
      // Tidy what was typed (4/10/2026 → 04/10/2026, 8h → 08:00).
      this.text = formatFor(this.type, read.value);
      this.problem = '';
    } else {
      this.problem = t.problems[this.type][read.problem];
    }
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** Up and down arrows step the part under the caret (day, month, year, hour, minute), as native fields do. */
  private onKeyDown(e: KeyboardEvent) {
    if ((e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.altKey || e.ctrlKey || e.metaKey) return;
    const read = parseFor(this.type, this.input.value);
    if (!read.ok || read.value === '') return;
    e.preventDefault();
    const caret = this.input.selectionStart ?? 0;
    const value = stepValue(this.type, read.value, caret, e.key === 'ArrowUp' ? 1 : -1);
    this.text = formatFor(this.type, value);
    this.problem = '';
    this.input.value = this.text;
    const { start, end } = segmentAt(this.type, caret);
    this.input.setSelectionRange(start, end);
    if (value === this.value) return;
    this.value = value;
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  override render() {
    const invalid = this.invalid || this.problem !== '';
    return html`<label part="label">
      <span class=${this.hideLabel ? 'sr-only' : ''}>${this.label}</span>
      <input type="text" name=${this.name || nothing} autocomplete="off" spellcheck="false"
        size=${SIZE[this.type]} placeholder=${t.placeholder[this.type]}
        aria-invalid=${invalid ? 'true' : 'false'} aria-required=${this.required ? 'true' : 'false'}
        aria-label=${this.accessibleName || nothing} aria-describedby="format problem" ?disabled=${this.disabled}
        .value=${live(this.text)} @input=${this.onInput} @change=${this.onChange} @keydown=${this.onKeyDown} />
    </label>
    <span id="format" class="sr-only">${t.format[this.type]}</span>
    ${this.problem ? html`<span id="problem" class="problem" role="alert">${this.problem}</span>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bt-date-time-field': DateTimeField;
  }
}
