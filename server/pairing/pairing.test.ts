import { describe, expect, it } from 'vitest';
import { PAIRING_ALPHABET } from '../../playlists/index.ts';
import { newPairingCode, tokenFromSecret } from './pairing.ts';

// The routes' behaviour (expiry, single use, throttling) is tested in routes/pairing.test.ts.
describe('pairing codes', () => {
  it('draws every character of the alphabet equally often and nothing else', () => {
    // 192 bytes: every value of the low 5 bits 6 times, high bits of every kind.
    const bytes = Buffer.from(Array.from({ length: 192 }, (_, i) => (i * 37) % 256));
    let offset = 0;
    const counts = new Map<string, number>();
    for (let i = 0; i < 192 / 6; i++) {
      const code = newPairingCode((n) => bytes.subarray(offset, (offset += n)));
      for (const ch of code) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect([...counts.keys()].sort().join('')).toBe([...PAIRING_ALPHABET].sort().join(''));
    expect(new Set(counts.values())).toEqual(new Set([6]));
    expect(PAIRING_ALPHABET).not.toMatch(/[01OI]/);
  });

  it('derives the screen token from the secret, the same every time', () => {
    expect(tokenFromSecret('a'.repeat(43))).toBe(tokenFromSecret('a'.repeat(43)));
    expect(tokenFromSecret('a'.repeat(43))).not.toBe(tokenFromSecret('b'.repeat(43)));
    expect(tokenFromSecret('a'.repeat(43))).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
