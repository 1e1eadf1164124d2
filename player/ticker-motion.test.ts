import { describe, expect, it } from 'vitest';
import { MIN_FONT_PX } from './legibility.ts';
import { comfortableSpeed, fallbackSpeed, tickerCopies, tickerFontPx, tickerReadMs, tickerStart, tickerX } from './ticker-motion.ts';

describe('tickerX', () => {
  it('starts at its start x and moves left at the given speed', () => {
    expect(tickerX(0, 60, 192, 500)).toBe(192);
    expect(tickerX(1_000, 60, 192, 500)).toBe(132);
    expect(tickerX(2_500, 60, 192, 500)).toBe(42);
  });

  it('moves in whole pixels whatever the elapsed time', () => {
    for (let ms = 0; ms < 5_000; ms += 7.3) {
      const x = tickerX(ms, 47, 384.4, 611);
      expect(Number.isInteger(x)).toBe(true);
    }
  });

  it('never moves backwards between frames until it wraps by a whole period', () => {
    let last = Infinity;
    for (let ms = 0; ms < 60_000; ms += 16.7) {
      const x = tickerX(ms, 90, 384, 300);
      if (x > last) expect(x - last).toBeGreaterThan(300 - 3);
      last = x;
    }
  });

  it('loops seamlessly: one period later the strip is at the same place', () => {
    const period = 400;
    const speed = 80;
    const periodMs = (period / speed) * 1000;
    for (const ms of [20_000, 31_234, 45_678]) {
      expect(tickerX(ms + periodMs, speed, 192, period)).toBe(tickerX(ms, speed, 192, period));
    }
  });

  it('keeps the strip start within one period left of the box once wrapping', () => {
    for (let ms = 0; ms < 100_000; ms += 333) {
      const x = tickerX(ms, 120, 192, 250);
      expect(x).toBeGreaterThan(-250);
      expect(x).toBeLessThanOrEqual(192);
    }
  });

  it('treats a slot that has not started as at the start', () => {
    expect(tickerX(-5_000, 60, 192, 500)).toBe(192);
  });
});

describe('tickerStart', () => {
  it('starts the text one em inside the left edge, so its first frame is never blank', () => {
    expect(tickerStart(192, 24)).toBe(24);
    expect(tickerStart(1920, 30)).toBe(30);
    // The first copy then covers the box from the start: text shows from the first frame.
    expect(tickerX(0, 80, tickerStart(192, 24), 500)).toBeLessThan(192);
  });

  it('stays inside a box narrower than one em', () => {
    expect(tickerStart(10, 24)).toBe(10);
    expect(tickerStart(0, 24)).toBe(0);
  });
});

describe('tickerCopies', () => {
  it('covers the box from the strip start to its right edge', () => {
    expect(tickerCopies(192, 500)).toBe(2);
    expect(tickerCopies(1920, 300)).toBe(8);
    expect((tickerCopies(1920, 300) - 1) * 300).toBeGreaterThanOrEqual(1920);
  });
});

describe('tickerFontPx', () => {
  it('fills a strip’s height, leaving room for stacked marks', () => {
    expect(tickerFontPx(1920, 40)).toBe(30);
    expect(tickerFontPx(192, 24)).toBe(18);
  });

  it('caps the size in a tall box so a dozen characters show at once', () => {
    expect(tickerFontPx(1920, 1080)).toBe(240);
    expect(tickerFontPx(192, 96)).toBe(24);
  });

  it('does not go below the legible size in a narrow box that is high enough', () => {
    expect(tickerFontPx(64, 32)).toBe(MIN_FONT_PX);
  });
});

describe('tickerReadMs', () => {
  it('lasts until the last character, starting one em in, has crossed to the left edge', () => {
    // 24 px in + 1000 px of text at 100 px/s.
    expect(tickerReadMs(1_000, 192, 100, 24)).toBe(10_240);
    expect(tickerX(10_240, 100, tickerStart(192, 24), 0) + 1_000).toBe(0);
  });

  it('takes the time of an 85-character message crossing a 1920 strip at 90 px/s', () => {
    // About 0.55 em a character at 77 px: some 3,600 px, 40 s — more than the old default 8 s.
    expect(tickerReadMs(85 * 0.55 * 77, 1_920, 90, 77)).toBeGreaterThan(30_000);
  });
});

describe('fallbackSpeed', () => {
  it('reads the text whole within the duration at a readable pace', () => {
    // 24 px in + 1000 px of text in 12 s: 86 px/s, above the reading pace of 66 px/s.
    expect(fallbackSpeed(1_000, 192, 12_000, 24)).toBe(86);
    expect(tickerReadMs(1_000, 192, 86, 24)).toBeLessThanOrEqual(12_000);
  });

  it('never goes slower than the reading pace', () => {
    expect(fallbackSpeed(100, 192, 60_000, 24)).toBe(66);
  });

  it('ends after the last word even when that is faster than comfortable', () => {
    const speed = fallbackSpeed(5_000, 192, 5_000, 24);
    expect(speed).toBeGreaterThan(comfortableSpeed(24));
    expect(tickerReadMs(5_000, 192, speed, 24)).toBeLessThanOrEqual(5_000);
  });
});
