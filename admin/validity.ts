import { validityMessages as t } from './messages/validity.ts';

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/**
 * What the browser's constraint check found wrong with a field, in Vietnamese ('' when it
 * passes). A `pattern` field's `title` says what it wants, as the browser would add it.
 */
export function validityText(field: Field): string {
  const v = field.validity;
  if (v.valid) return '';
  const type = field instanceof HTMLInputElement ? field.type : field instanceof HTMLSelectElement ? 'select' : 'textarea';
  const length = field.value.length;
  if (v.valueMissing) {
    if (type === 'select') return t.missingChoice;
    if (type === 'file') return t.missingFile;
    if (type === 'checkbox' || type === 'radio') return t.missingCheck;
    return t.missing;
  }
  if (v.badInput) return t.notNumber;
  if (v.typeMismatch) return type === 'email' ? t.email : t.url;
  if (v.tooShort && 'minLength' in field) return t.tooShort(field.minLength, length);
  if (v.tooLong && 'maxLength' in field) return t.tooLong(field.maxLength, length);
  if (v.patternMismatch) return field.title ? `${t.pattern} ${field.title}` : t.pattern;
  if (v.rangeUnderflow && 'min' in field) return t.under(field.min);
  if (v.rangeOverflow && 'max' in field) return t.over(field.max);
  if (v.stepMismatch) return t.step;
  return '';
}

const isField = (target: EventTarget | null): target is Field =>
  target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;

/**
 * Put on a `<form>` (`@invalid=${vietnameseChecks}`): the browser's bubble then says in
 * Vietnamese what a field lacks, whatever the browser's language. `invalid` does not bubble, so
 * this listens in the capture phase; the field's message is dropped at its next edit, and
 * worked out again at the next check.
 */
export const vietnameseChecks = {
  capture: true,
  handleEvent(event: Event): void {
    const field = event.target;
    if (!isField(field)) return;
    field.setCustomValidity('');
    const text = validityText(field);
    if (!text) return;
    field.setCustomValidity(text);
    field.addEventListener('input', () => field.setCustomValidity(''), { once: true });
  },
};
