import { beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../ids.ts';
import { createTestApp, slogan, type TestApp } from '../testing/helpers.ts';

const HK = '00070';

/** Three parks in Hoàn Kiếm with no schedules; a second published playlist to fall back to. */
async function setup() {
  const t = await createTestApp({ admin: false });
  const now = t.clock.now();
  t.services.wards.insert({ code: HK, name: 'Phường Hoàn Kiếm', kind: 'phuong' }, now);
  for (const id of ['s_park1', 's_park2', 's_park3']) {
    t.services.screens.insert({ id, name: id, ward: null, locationKind: 'park', tags: [], wardCode: HK }, hashToken(`${id}-token-0123456789`), now);
  }
  // The ward's own content: published as drafted (city items wait for approval).
  t.services.content.insert('c_own', slogan('Dự phòng riêng của công viên'), now, HK);
  t.services.playlists.insert('p_own', { name: 'Dự phòng công viên', itemIds: ['c_own'] }, now, HK);
  t.services.publisher.publish(null);
  return t;
}

describe('ManifestBuilder: a screen\'s own fallback', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await setup();
  });
  const screen = (id: string) => t.services.screens.get(id)!;
  const key = (id: string) => t.services.manifests.audienceOf(screen(id));
  const cityDefault = () => t.services.settings.get('default_playlist_id');

  it('[S7] splits screens with the same schedules by fallback, and keeps equal ones together', () => {
    expect(key('s_park1')).toBe(key('s_park2'));
    t.services.screens.setFallback('s_park1', 'p_own');
    t.services.screens.setFallback('s_park2', 'p_own');
    expect(key('s_park1')).toBe(key('s_park2'));
    expect(key('s_park3')).not.toBe(key('s_park1'));
    const own = t.services.manifests.forAudience(key('s_park1'));
    const city = t.services.manifests.forAudience(key('s_park3'));
    expect(own.frame).toBe(t.services.manifests.forAudience(key('s_park2')).frame);
    expect(own.version).not.toBe(city.version);
    expect(own.manifest.fallback.playlistId).toBe('p_own');
    expect(own.manifest.items.map((i) => i.id)).toEqual(['c_own']);
    expect(city.manifest.fallback.playlistId).toBe(cityDefault());
  });

  it('[S7] falls back to the city default while the screen\'s playlist is not published', () => {
    t.services.playlists.insert('p_draft', { name: 'Nháp', itemIds: ['c_own'] }, t.clock.now(), HK);
    t.services.screens.setFallback('s_park1', 'p_draft');
    expect(key('s_park1')).toBe(key('s_park3'));
    expect(t.services.manifests.forAudience(key('s_park1')).manifest.fallback.playlistId).toBe(cityDefault());
    expect(t.services.manifests.fallbackOf(screen('s_park1'))).toEqual({ source: 'city_default', playlistId: cityDefault(), screenPlaylistId: 'p_draft' });
    t.services.publisher.publish(null);
    expect(t.services.manifests.fallbackOf(screen('s_park1'))).toEqual({ source: 'screen', playlistId: 'p_draft', screenPlaylistId: 'p_draft' });
    expect(key('s_park1')).not.toBe(key('s_park3'));
  });

  it('groups screens for the timeline by audience: equal audiences share one group, any difference splits', () => {
    t.services.screens.setFallback('s_park2', 'p_own');
    const from = t.clock.now();
    const groups = t.services.manifests.groupsFor(['s_park1', 's_park2', 's_park3'].map(screen), from, 1);
    expect(groups.map((g) => g.screens.map((s) => s.id))).toEqual([['s_park1', 's_park3'], ['s_park2']]);
    expect(groups.map((g) => g.fallback.source)).toEqual(['city_default', 'screen']);
    expect(groups[1]!.body.fallback.playlistId).toBe('p_own');
    // The city default named as a screen's own is the same manifest, but a different reason.
    t.services.screens.setFallback('s_park3', cityDefault());
    const again = t.services.manifests.groupsFor(['s_park1', 's_park2', 's_park3'].map(screen), from, 1);
    expect(again.map((g) => g.screens.map((s) => s.id))).toEqual([['s_park1'], ['s_park2'], ['s_park3']]);
  });
});
