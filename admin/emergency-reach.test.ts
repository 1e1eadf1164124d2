import { describe, expect, it } from 'vitest';
import { targets } from '../playlists/index.ts';
import { emergencyReach } from './emergency-reach.ts';

const screen = (id: string, wardCode: string | null) => ({ id, wardCode, locationKind: 'park' as const, tags: [] });
const screens = [screen('a', '00070'), screen('b', '00070'), screen('c', '00004'), screen('d', null), screen('e', '00008')];

describe('emergency reach', () => {
  it('counts every screen, and the wards they stand in, when no ward is chosen', () => {
    expect(emergencyReach(screens, [])).toEqual({ screens: 5, wards: 3, emptyWards: [] });
  });

  it('counts the chosen wards’ screens, and names chosen wards without any', () => {
    expect(emergencyReach(screens, ['00070', '00004', '00999'])).toEqual({ screens: 3, wards: 2, emptyWards: ['00999'] });
  });

  it('agrees with the rule the server targets emergencies by', () => {
    for (const wards of [[], ['00070'], ['00004', '00008'], ['00999']]) {
      const target = { all: wards.length === 0, wards, locationKinds: [], tags: [], screenIds: [] };
      expect(emergencyReach(screens, wards).screens).toBe(screens.filter((s) => targets({ target, ownerWard: null }, s)).length);
    }
  });
});
