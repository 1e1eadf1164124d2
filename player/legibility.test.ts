import { describe, expect, it } from 'vitest';
import type { ContentFields } from '../playlists/index.ts';
import { MIN_FONT_PX, breakUnits, legibleAt, lineCount, type Measure } from './legibility.ts';

/** About Be Vietnam Pro's average advance: 0.55 em a character, bolder a little wider. */
const estimate: Measure = (text, weight) => text.length * (weight >= 700 ? 0.58 : 0.52);

const base = { theme: 1, durationMs: 8_000 } as const;
const slogan = (text: string, secondary?: string): ContentFields => ({ kind: 'slogan', ...base, text, ...(secondary ? { secondary } : {}) });

const LONG =
  'Học nghề hôm nay — vững tay nghề ngày mai: Thủ đô cần những người thợ giỏi, kỹ thuật viên lành nghề ' +
  'cho công nghiệp, dịch vụ và chuyển đổi số ở mọi xã phường';

describe('the legible size', () => {
  it('is the font size whose capitals are 10 px tall (cap height 0.7 em)', () => {
    expect(MIN_FONT_PX).toBe(15);
  });
});

describe('breakUnits and lineCount', () => {
  it('keeps a dash with the word before it', () => {
    expect(breakUnits('Học nghề — lập nghiệp')).toEqual(['Học', 'nghề —', 'lập', 'nghiệp']);
  });

  it('wraps greedily at spaces and reports a word wider than the box', () => {
    expect(lineCount([3, 3, 3], 1, 7)).toBe(2);
    expect(lineCount([3, 3, 3], 1, 11)).toBe(1);
    expect(lineCount([3, 9], 1, 8)).toBe(Infinity);
  });
});

describe('legibleAt', () => {
  it('finds a short slogan legible on a 192×96 LED board', () => {
    const l = legibleAt(slogan('Học nghề — lập nghiệp'), 192, 96, estimate)!;
    expect(l.ok).toBe(true);
    expect(l.fittedPx).toBeGreaterThanOrEqual(MIN_FONT_PX);
  });

  it('finds a long slogan too small at 192×96 and gives the text for a ticker', () => {
    const l = legibleAt(slogan(LONG, 'Ngày hội tư vấn'), 192, 96, estimate)!;
    expect(l.ok).toBe(false);
    expect(l.fittedPx).toBeLessThan(MIN_FONT_PX);
    expect(l.tickerText).toBe(`${LONG} — Ngày hội tư vấn`);
  });

  it('finds the same slogan legible on bulletin boards, landscape and portrait', () => {
    for (const [w, h] of [[1920, 1080], [1080, 1920], [384, 192]] as const) {
      expect(legibleAt(slogan(LONG), w, h, estimate)!.ok, `${w}×${h}`).toBe(true);
    }
  });

  it('counts the secondary line, which is smaller than the first', () => {
    const withSecondary = legibleAt(slogan('Học nghề', 'Vững bước tương lai cùng Thủ đô'), 192, 96, estimate)!;
    const alone = legibleAt(slogan('Học nghề'), 192, 96, estimate)!;
    expect(withSecondary.fittedPx).toBeLessThan(alone.fittedPx);
  });

  it('has no rule for other kinds (their parts take turns: fit-plan.ts)', () => {
    expect(legibleAt({ kind: 'clock', ...base }, 192, 96, estimate)).toBeNull();
    expect(legibleAt({ kind: 'notice', ...base, title: 'Hỗ trợ', body: 'Đăng ký tại UBND xã, phường.' }, 192, 96, estimate)).toBeNull();
  });
});
