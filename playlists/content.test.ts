import { describe, expect, it } from 'vitest';
import {
  ContentFields,
  ContentItem,
  MAX_DURATION_MS,
  MIN_DURATION_MS,
  NOTICE_BODY_MAX,
  NOTICE_TITLE_MAX,
  PublishedItem,
  SLOGAN_MAX,
  validityOk,
} from './content.ts';

const slogan = {
  kind: 'slogan',
  theme: 3,
  durationMs: 10_000,
  text: 'Học nghề – lập nghiệp',
  secondary: 'Chọn nghề hôm nay, vững bước ngày mai',
};

const countdown = {
  kind: 'countdown',
  theme: 1,
  durationMs: 8_000,
  title: 'Ngày Kỹ năng lao động Việt Nam',
  eventDate: '2026-10-04',
  eventTime: '08:00',
  place: 'Cung Văn hóa Lao động Hữu nghị',
  annual: true,
  afterDays: 0,
  validFrom: '2026-09-01T00:00:00+07:00',
  validUntil: '2026-10-05T00:00:00+07:00',
};

const rejects = (input: unknown) => expect(ContentFields.safeParse(input).success).toBe(false);

describe('ContentFields', () => {
  it('accepts a valid slogan', () => {
    expect(ContentFields.parse(slogan)).toEqual(slogan);
  });

  it('accepts a valid countdown, with and without its optional fields', () => {
    expect(ContentFields.parse(countdown)).toEqual(countdown);
    const { eventTime, place, validFrom, validUntil, ...bare } = countdown;
    expect(ContentFields.parse(bare)).toEqual(bare);
  });

  it('rejects unknown fields', () => {
    rejects({ ...slogan, colour: 'red' });
    rejects({ ...countdown, text: 'a slogan field on a countdown' });
  });

  it('rejects an unknown kind', () => {
    rejects({ ...slogan, kind: 'video' });
    const { kind, ...noKind } = slogan;
    rejects(noKind);
  });

  it('rejects empty and whitespace-only text', () => {
    rejects({ ...slogan, text: '' });
    rejects({ ...slogan, text: '   ' });
    rejects({ ...slogan, text: ' \t\n\u00a0' });
    rejects({ ...countdown, title: '  ' });
  });

  it('rejects text over SLOGAN_MAX characters', () => {
    expect(ContentFields.safeParse({ ...slogan, text: 'a'.repeat(SLOGAN_MAX) }).success).toBe(true);
    rejects({ ...slogan, text: 'a'.repeat(SLOGAN_MAX + 1) });
    rejects({ ...slogan, secondary: 'a'.repeat(SLOGAN_MAX + 1) });
  });

  it('measures the length after trimming and NFC', () => {
    // 160 composed letters "ề" written as e + U+0302 + U+0300 (480 code units), with padding.
    const decomposed = ` ${'e\u0302\u0300'.repeat(SLOGAN_MAX)} `;
    const result = ContentFields.safeParse({ ...slogan, text: decomposed });
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ text: 'ề'.repeat(SLOGAN_MAX) });
  });

  it('rejects durations outside 2 s to 1 h, fractional or negative', () => {
    for (const durationMs of [MIN_DURATION_MS, MAX_DURATION_MS]) {
      expect(ContentFields.safeParse({ ...slogan, durationMs }).success, String(durationMs)).toBe(true);
    }
    for (const durationMs of [1_999, 3_600_001, 2_500.5, -5_000, 0, Number.NaN, '5000']) {
      expect(ContentFields.safeParse({ ...slogan, durationMs }).success, String(durationMs)).toBe(false);
    }
  });

  it('rejects themes outside 1 to 7', () => {
    expect(ContentFields.safeParse({ ...slogan, theme: 1 }).success).toBe(true);
    expect(ContentFields.safeParse({ ...slogan, theme: 7 }).success).toBe(true);
    rejects({ ...slogan, theme: 0 });
    rejects({ ...slogan, theme: 8 });
    rejects({ ...slogan, theme: 2.5 });
  });

  it('normalises text to NFC and trims it', () => {
    // "Học nghề" typed with combining marks: o + dot below, e + circumflex + grave.
    const input = '  Ho\u0323c nghe\u0302\u0300 ';
    expect(input.normalize('NFC')).not.toBe(input);
    const parsed = ContentFields.parse({ ...slogan, text: input, secondary: ' nghe\u0302\u0300\n' });
    expect(parsed).toMatchObject({ text: 'Học nghề', secondary: 'nghề' });
    expect(parsed.kind === 'slogan' && parsed.text === parsed.text.normalize('NFC')).toBe(true);
  });

  it('normalises countdown title and place the same way', () => {
    const parsed = ContentFields.parse({ ...countdown, title: ' Ngày Ky\u0303 năng ', place: 'Ha\u0300 Nội ' });
    expect(parsed).toMatchObject({ title: 'Ngày Kỹ năng', place: 'Hà Nội' });
  });

  it('rejects a countdown with a bad date, time or afterDays', () => {
    rejects({ ...countdown, eventDate: '04/10/2026' });
    rejects({ ...countdown, eventDate: '2027-02-29' });
    rejects({ ...countdown, eventTime: '24:00' });
    rejects({ ...countdown, eventTime: '8:00' });
    rejects({ ...countdown, afterDays: -1 });
    rejects({ ...countdown, afterDays: 61 });
    const { annual, ...noAnnual } = countdown;
    rejects(noAnnual);
  });

  it('rejects validity instants without an offset', () => {
    rejects({ ...slogan, validFrom: '2026-10-04T08:00:00' });
    rejects({ ...slogan, validUntil: '2026-10-04' });
  });
});

const notice = {
  kind: 'notice',
  theme: 2,
  durationMs: 12_000,
  title: 'Hỗ trợ chi phí học nghề',
  body: 'Người lao động thuộc diện chính sách được hỗ trợ khi học nghề trình độ sơ cấp.',
  source: 'UBND phường',
};

const clock = { kind: 'clock', theme: 5, durationMs: 6_000, caption: 'Học nghề để lập nghiệp' };

describe('notice', () => {
  it('accepts a valid notice, with and without its source', () => {
    expect(ContentFields.parse(notice)).toEqual(notice);
    const { source, ...bare } = notice;
    expect(ContentFields.parse(bare)).toEqual(bare);
  });

  it('requires a visible title and body', () => {
    const { body, ...noBody } = notice;
    rejects(noBody);
    const { title, ...noTitle } = notice;
    rejects(noTitle);
    rejects({ ...notice, title: ' \u200b ' });
    rejects({ ...notice, body: '   ' });
  });

  it('limits title and body length', () => {
    expect(ContentFields.safeParse({ ...notice, title: 'a'.repeat(NOTICE_TITLE_MAX), body: 'b'.repeat(NOTICE_BODY_MAX) }).success).toBe(true);
    rejects({ ...notice, title: 'a'.repeat(NOTICE_TITLE_MAX + 1) });
    rejects({ ...notice, body: 'b'.repeat(NOTICE_BODY_MAX + 1) });
    rejects({ ...notice, source: 's'.repeat(161) });
  });

  it('normalises title, body and source to NFC and trims them', () => {
    const parsed = ContentFields.parse({ ...notice, title: ' Ho\u0323c nghe\u0302\u0300 ', body: 'Hô\u0303 trợ\n', source: ' Ha\u0300 Nội ' });
    expect(parsed).toMatchObject({ title: 'Học nghề', body: 'Hỗ trợ', source: 'Hà Nội' });
  });

  it('rejects fields of other kinds and bad common fields', () => {
    rejects({ ...notice, text: 'a slogan field' });
    rejects({ ...notice, theme: 8 });
    rejects({ ...notice, durationMs: 1_000 });
    rejects({ ...notice, validUntil: '2026-10-04' });
  });
});

describe('clock', () => {
  it('accepts a clock with or without a caption', () => {
    expect(ContentFields.parse(clock)).toEqual(clock);
    const { caption, ...bare } = clock;
    expect(ContentFields.parse(bare)).toEqual(bare);
    expect(ContentFields.parse({ ...clock, caption: ' Gio\u031b\u0300 ' })).toMatchObject({ caption: 'Giờ' });
  });

  it('rejects a long caption, foreign fields and bad common fields', () => {
    rejects({ ...clock, caption: 'c'.repeat(121) });
    rejects({ ...clock, title: 'not a clock field' });
    rejects({ ...clock, theme: 0 });
    rejects({ ...clock, durationMs: MAX_DURATION_MS + 1 });
    const { durationMs, ...noDuration } = clock;
    rejects(noDuration);
  });

  it('is an item once it has an id, and published with a revision', () => {
    expect(ContentItem.safeParse({ ...clock, id: 'it_9' }).success).toBe(true);
    expect(PublishedItem.safeParse({ ...notice, id: 'it_8', revision: 2 }).success).toBe(true);
    expect(PublishedItem.safeParse({ ...clock, id: 'it_9' }).success).toBe(false);
  });
});

describe('ContentItem and PublishedItem', () => {
  it('require an id, and a revision once published', () => {
    expect(ContentItem.safeParse({ ...slogan, id: 'it_1' }).success).toBe(true);
    expect(ContentItem.safeParse(slogan).success).toBe(false);
    expect(ContentItem.safeParse({ ...slogan, id: 'has space' }).success).toBe(false);
    expect(PublishedItem.safeParse({ ...slogan, id: 'it_1', revision: 1 }).success).toBe(true);
    expect(PublishedItem.safeParse({ ...slogan, id: 'it_1', revision: 0 }).success).toBe(false);
    expect(PublishedItem.safeParse({ ...slogan, id: 'it_1' }).success).toBe(false);
  });
});

describe('validityOk', () => {
  it('accepts an open-ended or forward window and rejects an empty or backward one', () => {
    expect(validityOk({})).toBe(true);
    expect(validityOk({ validFrom: '2026-10-01T00:00:00+07:00' })).toBe(true);
    expect(validityOk({ validFrom: '2026-10-01T00:00:00+07:00', validUntil: '2026-10-02T00:00:00+07:00' })).toBe(true);
    expect(validityOk({ validFrom: '2026-10-01T00:00:00+07:00', validUntil: '2026-09-30T17:00:00Z' })).toBe(false);
    expect(validityOk({ validFrom: '2026-10-02T00:00:00+07:00', validUntil: '2026-10-01T00:00:00+07:00' })).toBe(false);
  });
});
