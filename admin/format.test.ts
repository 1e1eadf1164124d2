import { describe, expect, it } from 'vitest';
import { formatBytes, formatClipLength, formatDuration, formatInstant } from './format.ts';

describe('formatting', () => {
  it('says how long ago in the largest whole unit', () => {
    expect([formatDuration(45_000), formatDuration(12 * 60_000), formatDuration(3 * 3_600_000), formatDuration(5 * 86_400_000)])
      .toEqual(['45 giây', '12 phút', '3 giờ', '5 ngày']);
  });

  it('prints bytes with Vietnamese decimals', () => {
    expect([formatBytes(512), formatBytes(1_536), formatBytes(25 * 1024 ** 2), formatBytes(3.25 * 1024 ** 3)]).toEqual(['512 B', '1,5 KB', '25 MB', '3,3 GB']);
  });

  it('prints a clip length as minutes and seconds', () => {
    expect([formatClipLength(7_000), formatClipLength(75_400), formatClipLength(600_000)]).toEqual(['0:07', '1:15', '10:00']);
  });

  it('prints a server instant as a Hanoi date and time, and anything else as it came', () => {
    expect(formatInstant('2026-11-26T09:00:00+07:00')).toBe('26/11/2026 09:00');
    expect(formatInstant('later')).toBe('later');
  });
});
