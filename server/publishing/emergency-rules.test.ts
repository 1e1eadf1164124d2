import { describe, expect, it } from 'vitest';
import { local, playlist, schedule, slogan } from '../../playlists/test-fixtures.ts';
import { leftBehind, withCurrentEmergencies } from './emergency-rules.ts';
import type { Snapshot } from './snapshot.ts';

const NOW = local('2026-11-26T09:00');
const none = new Set<string>();
const ids = (s: Snapshot) => ({
  items: s.items.map((i) => i.id).sort(),
  playlists: s.playlists.map((p) => p.id).sort(),
  schedules: (s.schedules ?? []).map((x) => x.id).sort(),
});

/** The city's rotation, plus an emergency sent as the emergency route sends one (own playlist and message). */
const city: Snapshot = {
  items: [slogan('c_a'), slogan('c_b')],
  playlists: [playlist('p_city', ['c_a', 'c_b'])],
  defaultPlaylistId: 'p_city',
  schedules: [schedule('sch_city', 'p_city')],
};
const withEmergency = (id: string, over: Parameters<typeof schedule>[2] = {}): Snapshot => ({
  ...city,
  items: [...city.items, slogan(`c_${id}`)],
  playlists: [...city.playlists, playlist(`p_${id}`, [`c_${id}`])],
  schedules: [...city.schedules!, schedule(id, `p_${id}`, { tier: 'emergency', time: { startDate: '2026-11-26', startsAt: '2026-11-26T08:00:00+07:00' }, ...over })],
});

describe('withCurrentEmergencies', () => {
  it('drops an emergency of the earlier revision that is no longer published, with its own playlist and message', () => {
    const restored = withCurrentEmergencies(withEmergency('sch_e'), city, NOW, none);
    expect(ids(restored)).toEqual({ items: ['c_a', 'c_b'], playlists: ['p_city'], schedules: ['sch_city'] });
  });

  it('drops one that is still published but has ended', () => {
    const ended = withEmergency('sch_e', { time: { startDate: '2026-11-26', startsAt: '2026-11-26T07:00:00+07:00', endsAt: '2026-11-26T08:30:00+07:00' } });
    expect(ids(withCurrentEmergencies(ended, ended, NOW, none)).schedules).toEqual(['sch_city']);
  });

  it('keeps an emergency published now, bringing its rows when the earlier revision predates it', () => {
    const now = withEmergency('sch_e');
    const restored = withCurrentEmergencies({ ...city, items: [slogan('c_a')], playlists: [playlist('p_city', ['c_a'])] }, now, NOW, none);
    expect(ids(restored)).toEqual({ items: ['c_a', 'c_sch_e'], playlists: ['p_city', 'p_sch_e'], schedules: ['sch_city', 'sch_e'] });
  });

  it('keeps what something else still plays: the default playlist, a screen\'s fallback, an item another playlist holds', () => {
    const earlier: Snapshot = {
      ...city,
      items: [...city.items, slogan('c_x')],
      playlists: [...city.playlists, playlist('p_fallback', ['c_x']), playlist('p_shared', ['c_a'])],
      schedules: [
        ...city.schedules!,
        schedule('sch_1', 'p_city', { tier: 'emergency' }),
        schedule('sch_2', 'p_fallback', { tier: 'emergency' }),
        schedule('sch_3', 'p_shared', { tier: 'emergency' }),
      ],
    };
    const restored = withCurrentEmergencies(earlier, city, NOW, new Set(['p_fallback']));
    expect(ids(restored)).toEqual({ items: ['c_a', 'c_b', 'c_x'], playlists: ['p_city', 'p_fallback'], schedules: ['sch_city'] });
  });
});

describe('leftBehind', () => {
  it('names only candidates nothing plays, and the items no other playlist holds', () => {
    const state = { playlists: [playlist('p_1', ['c_1', 'c_2']), playlist('p_2', ['c_2'])], schedules: [], defaultPlaylistId: null };
    expect(leftBehind(state, ['p_1'], none)).toEqual({ playlists: new Set(['p_1']), items: new Set(['c_1']) });
    expect(leftBehind({ ...state, schedules: [schedule('s', 'p_1')] }, ['p_1'], none)).toEqual({ playlists: new Set(), items: new Set() });
  });
});
