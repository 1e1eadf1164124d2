import { describe, expect, it } from 'vitest';
import { contentHash, readContentHash, viewOf } from './content-hash.ts';

describe('content hash', () => {
  it('names the view before the first slash', () => {
    expect(viewOf('#content/p_1/c_2')).toBe('content');
    expect(viewOf('#screens')).toBe('screens');
    expect(viewOf('')).toBe('');
  });

  it('reads back the playlist and item it wrote', () => {
    const place = { playlistId: 'pl_Ab-1', itemId: 'c_1qYaPp9EQt-7' };
    expect(contentHash(place)).toBe('#content/pl_Ab-1/c_1qYaPp9EQt-7');
    expect(readContentHash(contentHash(place))).toEqual(place);
    expect(readContentHash(contentHash({ playlistId: 'a/b', itemId: 'new' }))).toEqual({ playlistId: 'a/b', itemId: 'new' });
  });

  it('reads nothing from another view or a bare content hash', () => {
    expect(readContentHash('#screens/x/y')).toEqual({ playlistId: null, itemId: null });
    expect(readContentHash('#content')).toEqual({ playlistId: null, itemId: null });
    expect(readContentHash('#content/%E0%A4%A')).toEqual({ playlistId: null, itemId: null });
    expect(contentHash({ playlistId: null, itemId: 'x' })).toBe('#content');
  });
});
