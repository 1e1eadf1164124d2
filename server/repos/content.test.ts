import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection.ts';
import { slogan } from '../testing/helpers.ts';
import { ContentRepo } from './content.ts';

const countdown = {
  kind: 'countdown',
  theme: 1,
  durationMs: 8_000,
  title: 'Ngày Kỹ năng lao động Việt Nam',
  eventDate: '2026-10-04',
  annual: true,
  afterDays: 0,
} as const;

describe('ContentRepo', () => {
  let repo: ContentRepo;
  beforeEach(() => {
    repo = new ContentRepo(openDatabase(':memory:'));
  });

  it('stores an item and reads it back with its id and update time', () => {
    repo.insert('c_1', slogan('Học nghề – lập nghiệp'), 1_000);
    expect(repo.get('c_1')).toEqual({ item: { id: 'c_1', ...slogan('Học nghề – lập nghiệp') }, updatedAt: 1_000, ownerWard: null });
  });

  it('lists items in the order they were created', () => {
    repo.insert('c_b', slogan('B'), 1);
    repo.insert('c_a', countdown, 2);
    expect(repo.list().map((s) => s.item.id)).toEqual(['c_b', 'c_a']);
    expect(repo.list()[1]!.item).toEqual({ id: 'c_a', ...countdown });
  });

  it('updates an existing item, kind included, and reports unknown ids', () => {
    repo.insert('c_1', slogan('A'), 1);
    expect(repo.update('c_1', countdown, 2)).toBe(true);
    expect(repo.get('c_1')).toEqual({ item: { id: 'c_1', ...countdown }, updatedAt: 2, ownerWard: null });
    expect(repo.update('c_missing', slogan('B'), 3)).toBe(false);
    expect(repo.get('c_missing')).toBeUndefined();
  });

  it('deletes an item once', () => {
    repo.insert('c_1', slogan('A'), 1);
    expect(repo.delete('c_1')).toBe(true);
    expect(repo.delete('c_1')).toBe(false);
    expect(repo.list()).toEqual([]);
  });

  it('refuses a second item with the same id', () => {
    repo.insert('c_1', slogan('A'), 1);
    expect(() => repo.insert('c_1', slogan('B'), 2)).toThrow(/UNIQUE/);
    expect(repo.get('c_1')!.item).toMatchObject({ text: 'A' });
  });

  it('replaces the whole working copy', () => {
    repo.insert('c_1', slogan('A'), 1);
    repo.insert('c_2', slogan('B'), 1);
    repo.replaceAll([{ id: 'c_3', ...slogan('C') }, { id: 'c_1', ...slogan('A again') }], 5);
    expect(repo.list()).toEqual([
      { item: { id: 'c_3', ...slogan('C') }, updatedAt: 5, ownerWard: null },
      { item: { id: 'c_1', ...slogan('A again') }, updatedAt: 5, ownerWard: null },
    ]);
  });

  it('keeps the owning ward of local items, also through a restore', () => {
    repo.insert('c_1', slogan('A'), 1, '00004');
    repo.insert('c_2', slogan('B'), 1);
    expect(repo.list().map((s) => s.ownerWard)).toEqual(['00004', null]);
    repo.replaceAll([{ id: 'c_1', ...slogan('A') }, { id: 'c_2', ...slogan('B') }], 5, { c_1: '00007' });
    expect(repo.list().map((s) => s.ownerWard)).toEqual(['00007', null]);
  });
});
