import { describe, expect, it } from 'vitest';
import { playlist, schedule, slogan } from '../../playlists/test-fixtures.ts';
import { changedIds, differences, itemState, playlistState, sameItem, scheduleState, summaryOf, type Snapshot } from './snapshot.ts';

const before: Snapshot = {
  items: [slogan('c_a'), slogan('c_b'), slogan('c_c')],
  playlists: [playlist('p_1', ['c_a', 'c_b'])],
  defaultPlaylistId: 'p_1',
  schedules: [schedule('sch_1', 'p_1')],
};

describe('snapshot comparison', () => {
  it("does not count an item's revision as a change of its own", () => {
    const republished = { ...slogan('c_a'), revision: 7 };
    expect(sameItem(slogan('c_a'), republished)).toBe(true);
    expect(sameItem(slogan('c_a'), slogan('c_a', 5_000))).toBe(false);
  });

  it('lists added and changed objects in the later order, then removed ones in the earlier order', () => {
    const after = [slogan('c_d'), slogan('c_b', 5_000), slogan('c_a')];
    expect(differences(before.items, after, sameItem).map((d) => [d.id, d.before !== null, d.after !== null])).toEqual([
      ['c_d', false, true],
      ['c_b', true, true],
      ['c_c', true, false],
    ]);
    expect(changedIds(before.items, after, sameItem)).toEqual({ added: ['c_d'], changed: ['c_b'], removed: ['c_c'] });
  });

  it('summarises two snapshots by items, playlists and schedules', () => {
    const after: Snapshot = { ...before, playlists: [playlist('p_1', ['c_b', 'c_a'])], schedules: [] };
    expect(summaryOf(before, after)).toEqual({
      items: { added: [], changed: [], removed: [] },
      playlists: { added: [], changed: ['p_1'], removed: [] },
      schedules: { added: [], changed: [], removed: ['sch_1'] },
    });
  });

  it('tells a draft that is published, changed or new', () => {
    const { revision: _r, ...draft } = slogan('c_a');
    expect(itemState(draft, before)).toBe('published');
    expect(itemState({ ...draft, durationMs: 5_000 }, before)).toBe('changed');
    expect(itemState({ ...draft, id: 'c_new' }, before)).toBe('new');
    expect(playlistState(playlist('p_1', ['c_a']), before)).toBe('changed');
    expect(scheduleState(schedule('sch_1', 'p_1'), before)).toBe('published');
    expect(scheduleState(schedule('sch_1', 'p_1'), { ...before, schedules: undefined })).toBe('new');
  });
});
