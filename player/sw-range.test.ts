import { describe, expect, it } from 'vitest';
import { parseRange } from './sw-range.ts';

describe('parseRange', () => {
  it('answers the whole file without a range or with one it does not handle', () => {
    expect(parseRange(null, 100)).toBeNull();
    expect(parseRange('bytes=0-9,20-29', 100)).toBeNull();
    expect(parseRange('items=0-9', 100)).toBeNull();
  });

  it('reads open, closed and suffix ranges, clamped to the file', () => {
    expect(parseRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
    expect(parseRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
  });

  it('refuses ranges outside the file', () => {
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=20-10', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
  });
});
