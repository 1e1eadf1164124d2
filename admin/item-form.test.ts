import { describe, expect, it } from 'vitest';
import { KINDS, check, cleanDraft, fromDateTimeInput, newDraft, secondsToMs, toDateTimeInput } from './item-form.ts';
import { editorMessages } from './messages/editor.ts';

const m = editorMessages.invalid;
const MEDIA = 'a'.repeat(64);

describe('the content form', () => {
  it('starts every kind from a draft that only lacks what the operator must type', () => {
    const filled: Record<string, Record<string, unknown>> = {
      slogan: { text: 'Học nghề' },
      notice: { title: 'Tiêu đề', body: 'Nội dung' },
      countdown: { title: 'Ngày Kỹ năng lao động', eventDate: '2026-10-04' },
      story: { name: 'Nguyễn Văn A', trade: 'Hàn', school: 'Trường CĐ' },
      image: { media: MEDIA },
      video: { media: MEDIA },
      ticker: { text: 'Tuyển sinh' },
      clock: {},
    };
    for (const kind of KINDS) {
      const draft = newDraft(kind, { theme: 3, durationMs: 8_000 });
      // A ticker starts long enough to be read whole (issue 12, item 10).
      expect(check({ ...draft, ...filled[kind] } as typeof draft).fields, kind).toMatchObject({ kind, theme: 3, durationMs: kind === 'ticker' ? 30_000 : 8_000 });
      if (kind !== 'clock') expect(check(draft).fields, kind).toBeNull();
    }
  });

  it('starts a new ticker at 90 px/s for 30 s', () => {
    expect(newDraft('ticker', { theme: 1, durationMs: 8_000 })).toMatchObject({ speedPxPerSec: 90, durationMs: 30_000 });
    expect(newDraft('ticker', { theme: 1, durationMs: 60_000 })).toMatchObject({ durationMs: 60_000 });
  });

  it('explains each invalid field in Vietnamese, by field', () => {
    const { fields, errors } = check({ kind: 'notice', theme: 1, durationMs: 1_000, title: '\u200B', body: 'x'.repeat(601), qrUrl: 'cong thong tin' });
    expect(fields).toBeNull();
    expect(errors.get('title')).toBe(m.visible);
    expect(errors.get('body')).toBe(m.tooLong(600));
    expect(errors.get('qrUrl')).toBe(m.url);
    expect(errors.get('durationMs')).toBe(m.duration(2, 3600));
    expect(check({ kind: 'slogan', theme: 1, durationMs: 8_000, text: '' }).errors.get('text')).toBe(m.required);
    expect(check({ kind: 'ticker', theme: 1, durationMs: 8_000, text: 'a', speedPxPerSec: 5 }).errors.get('speedPxPerSec')).toBe(m.range(20, 400));
    expect(check({ kind: 'image', theme: 1, durationMs: 8_000, media: '', fit: 'cover' }).errors.get('media')).toBe(m.media);
  });

  it('refuses a validity window that ends before it starts', () => {
    const { fields, errors } = check({
      kind: 'clock', theme: 1, durationMs: 8_000, validFrom: '2026-10-04T08:00:00+07:00', validUntil: '2026-10-04T07:00:00+07:00',
    });
    expect(fields).toBeNull();
    expect(errors.get('validUntil')).toBe(m.order);
  });

  it('normalises text to NFC and drops optional fields left empty', () => {
    const decomposed = 'Ngh\u0065\u0302\u0300 '; // "Nghề" typed with combining marks
    const draft = cleanDraft({ kind: 'slogan', theme: 1, durationMs: 8_000, text: decomposed, secondary: '' });
    expect(draft).toEqual({ kind: 'slogan', theme: 1, durationMs: 8_000, text: 'Nghề ' });
    expect(check({ kind: 'slogan', theme: 1, durationMs: 8_000, text: decomposed }).fields).toMatchObject({ text: 'Nghề' });
  });

  it('reads date-time inputs in Asia/Ho_Chi_Minh whatever the browser zone', () => {
    expect(fromDateTimeInput('2026-10-04T08:00')).toBe('2026-10-04T08:00:00+07:00');
    expect(fromDateTimeInput('')).toBeUndefined();
    expect(toDateTimeInput('2026-10-04T01:00:00Z')).toBe('2026-10-04T08:00');
    expect(toDateTimeInput('2026-10-03T23:30:00+07:00')).toBe('2026-10-03T23:30');
    expect(toDateTimeInput(undefined)).toBe('');
  });

  it('turns typed seconds into milliseconds, and nothing typed into an invalid value', () => {
    expect(secondsToMs('8')).toBe(8_000);
    expect(secondsToMs('2.5')).toBe(2_500);
    expect(secondsToMs('')).toBeNaN();
  });
});
