import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection.ts';
import { PlaylistRepo } from './playlists.ts';

describe('PlaylistRepo', () => {
  let repo: PlaylistRepo;
  beforeEach(() => {
    repo = new PlaylistRepo(openDatabase(':memory:'));
  });

  it('stores a playlist with its items in order, repeats included', () => {
    repo.insert('p_1', { name: 'Mặc định', itemIds: ['c_2', 'c_1', 'c_2'] }, 1_000);
    expect(repo.get('p_1')).toEqual({ playlist: { id: 'p_1', name: 'Mặc định', itemIds: ['c_2', 'c_1', 'c_2'] }, updatedAt: 1_000, ownerWard: null });
    expect(repo.get('p_missing')).toBeUndefined();
  });

  it('updates a playlist and reports unknown ids', () => {
    repo.insert('p_1', { name: 'A', itemIds: ['c_1'] }, 1);
    expect(repo.update('p_1', { name: 'B', itemIds: [] }, 2)).toBe(true);
    expect(repo.get('p_1')).toEqual({ playlist: { id: 'p_1', name: 'B', itemIds: [] }, updatedAt: 2, ownerWard: null });
    expect(repo.update('p_2', { name: 'C', itemIds: [] }, 3)).toBe(false);
    expect(repo.list()).toHaveLength(1);
  });

  it('names the playlists that list an item', () => {
    repo.insert('p_1', { name: 'A', itemIds: ['c_1', 'c_2'] }, 1);
    repo.insert('p_2', { name: 'B', itemIds: ['c_2'] }, 1);
    expect(repo.usedBy('c_2')).toEqual(['p_1', 'p_2']);
    expect(repo.usedBy('c_1')).toEqual(['p_1']);
    expect(repo.usedBy('c_3')).toEqual([]);
  });

  it('replaces the whole working copy', () => {
    repo.insert('p_1', { name: 'A', itemIds: ['c_1'] }, 1);
    repo.replaceAll([{ id: 'p_2', name: 'B', itemIds: ['c_2'] }], 9);
    expect(repo.list()).toEqual([{ playlist: { id: 'p_2', name: 'B', itemIds: ['c_2'] }, updatedAt: 9, ownerWard: null }]);
  });
});
