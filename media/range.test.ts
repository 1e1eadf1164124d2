import { describe, expect, it } from 'vitest';
import { parseRange } from './range.ts';

describe('parseRange', () => {
  it.each([
    ['bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=100-', { kind: 'partial', start: 100, end: 999 }],
    ['bytes=-200', { kind: 'partial', start: 800, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=900-5000', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=999-999', { kind: 'partial', start: 999, end: 999 }],
  ])('answers %s with a part', (header, answer) => {
    expect(parseRange(header, 1000)).toEqual(answer);
  });

  it.each(['bytes=1000-', 'bytes=5000-6000', 'bytes=-0'])('finds %s unsatisfiable', (header) => {
    expect(parseRange(header, 1000)).toEqual({ kind: 'unsatisfiable' });
  });

  it.each([undefined, '', 'bytes=0-1,5-9', 'items=0-9', 'bytes=9-2', 'bytes=-', 'bytes=a-b'])('sends the whole file for %s', (header) => {
    expect(parseRange(header, 1000)).toEqual({ kind: 'full' });
  });
});
