import { beforeEach, describe, expect, it } from 'vitest';
import type { ChangeSummary } from '../../playlists/index.ts';
import { openDatabase, type Db } from '../db/connection.ts';
import { RevisionRepo } from './revisions.ts';
import { EMPTY_SNAPSHOT } from '../publishing/snapshot.ts';
import type { Snapshot } from '../publishing/snapshot.ts';
import { UserRepo } from './users.ts';

const none = { added: [], changed: [], removed: [] };
const summary = (added: string[]): ChangeSummary => ({ items: { ...none, added }, playlists: none, schedules: none });
const snapshot = (text: string): Snapshot => ({
  items: [{ id: 'c_1', revision: 1, kind: 'slogan', theme: 1, durationMs: 8_000, text }],
  playlists: [{ id: 'p_1', name: 'A', itemIds: ['c_1'] }],
  defaultPlaylistId: 'p_1',
});

describe('RevisionRepo', () => {
  let db: Db;
  let repo: RevisionRepo;
  beforeEach(() => {
    db = openDatabase(':memory:');
    repo = new RevisionRepo(db);
  });

  it('answers revision 0 with an empty snapshot before the first publish', () => {
    expect(repo.latest()).toEqual({ number: 0, snapshot: EMPTY_SNAPSHOT });
    expect(repo.list()).toEqual([]);
    expect(repo.snapshot(1)).toBeUndefined();
  });

  it('keeps every revision and answers the latest', () => {
    repo.insert(1, 100, null, summary(['c_1']), snapshot('one'));
    repo.insert(2, 200, null, summary([]), snapshot('two'));
    expect(repo.latest()).toEqual({ number: 2, snapshot: snapshot('two') });
    expect(repo.snapshot(1)).toEqual(snapshot('one'));
  });

  it('lists revisions newest first with who published them', () => {
    const users = new UserRepo(db);
    const id = users.insert('lan', 'hash', 'approver', false, 0);
    repo.insert(1, 100, null, summary(['c_1']), snapshot('one'));
    repo.insert(2, 200, id, summary([]), snapshot('two'));
    expect(repo.list()).toEqual([
      { number: 2, publishedAt: 200, publishedBy: 'lan', summary: summary([]) },
      { number: 1, publishedAt: 100, publishedBy: 'system', summary: summary(['c_1']) },
    ]);
    expect(repo.list(1).map((r) => r.number)).toEqual([2]);
    expect(repo.list(5, 2).map((r) => r.number)).toEqual([1]);
  });

  it('refuses a revision number that is taken', () => {
    repo.insert(1, 100, null, summary([]), snapshot('one'));
    expect(() => repo.insert(1, 200, null, summary([]), snapshot('again'))).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(repo.snapshot(1)).toEqual(snapshot('one'));
  });
});
