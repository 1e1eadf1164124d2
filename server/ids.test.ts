import { describe, expect, it } from 'vitest';
import { hashToken, newId, newScreenToken, newSecret } from './ids.ts';

describe('ids and secrets', () => {
  it('makes row ids of a prefix and 12 random URL-safe characters', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newId('sch')));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^sch_[A-Za-z0-9_-]{12}$/);
  });

  it('makes secrets of the bytes asked for, and screen tokens of 24', () => {
    expect(Buffer.from(newSecret(32), 'base64url')).toHaveLength(32);
    expect(Buffer.from(newScreenToken(), 'base64url')).toHaveLength(24);
    expect(newScreenToken()).not.toBe(newScreenToken());
  });

  it('keeps a secret as its sha256 in hex, the same wherever it is hashed', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
