import { beforeEach, describe, expect, it } from 'vitest';
import type { ScheduleInput } from '../../playlists/index.ts';
import { ScheduleFields } from '../../playlists/index.ts';
import { hashToken } from '../ids.ts';
import { ManualScheduler } from '../scheduler.ts';
import { connectPlayer, createTestApp, lastManifest, slogan, type TestApp } from '../testing/helpers.ts';

const HK = '00070';
const BD = '00004';

/** Two parks in Hoàn Kiếm (the demo screen and another), a station in Ba Đình. */
async function setup() {
  const t = await createTestApp({ admin: false });
  const now = t.clock.now();
  t.services.wards.insert({ code: HK, name: 'Phường Hoàn Kiếm', kind: 'phuong' }, now);
  t.services.wards.insert({ code: BD, name: 'Phường Ba Đình', kind: 'phuong' }, now);
  const demo = t.services.screens.list()[0]!;
  t.services.screens.setWardCode(demo.id, HK);
  t.services.screens.insert({ id: 's_park2', name: 'Công viên Thống Nhất', ward: null, locationKind: 'park', tags: [], wardCode: HK }, hashToken('park-two-token-0123456789'), now);
  t.services.screens.insert({ id: 's_station', name: 'Ga Hà Nội', ward: null, locationKind: 'station', tags: [], wardCode: BD }, hashToken('station-token-0123456789'), now);
  t.services.content.insert('c_ev', slogan('Ngày hội việc làm'), now);
  t.services.reviews.approve('c_ev', null, now, ['draft']);
  t.services.playlists.insert('p_ev', { name: 'Sự kiện', itemIds: ['c_ev'] }, now);
  return { ...t, demoId: demo.id };
}

const addSchedule = (t: TestApp, id: string, over: Partial<ScheduleInput> = {}) =>
  t.services.schedules.insert(id, ScheduleFields.parse({ name: id, playlistId: 'p_ev', target: { all: true }, time: { startDate: '2026-11-01' }, ...over }), t.clock.now());

describe('ManifestBuilder audiences', () => {
  let t: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    t = await setup();
  });
  const screen = (id: string) => t.services.screens.get(id)!;
  const key = (id: string) => t.services.manifests.audienceOf(screen(id));

  it('gives screens reached by the same schedules the same manifest bytes', () => {
    addSchedule(t, 'sch_parks', { target: { locationKinds: ['park'] } });
    t.services.publisher.publish(null);
    expect(key(t.demoId)).toBe(key('s_park2'));
    expect(key('s_station')).not.toBe(key(t.demoId));
    const parks = t.services.manifests.forAudience(key(t.demoId));
    expect(t.services.manifests.forAudience(key('s_park2')).frame).toBe(parks.frame);
    expect(parks.manifest.schedules.map((s) => s.id)).toEqual(['sch_parks']);
    expect(parks.manifest.playlists.map((p) => p.id).sort()).toEqual(['p_ev', t.services.settings.get('default_playlist_id')].sort());
    expect(parks.manifest.items.map((i) => i.id)).toContain('c_ev');
    expect(t.services.manifests.forAudience(key('s_station')).manifest.items.map((i) => i.id)).not.toContain('c_ev');
  });

  it('keeps each screen in its audience through an item edit, and moves it when a schedule target changes', () => {
    addSchedule(t, 'sch_parks', { target: { locationKinds: ['park'] } });
    t.services.publisher.publish(null);
    // The same records, as the hub holds them between publishes.
    const [demo, station] = [screen(t.demoId), screen('s_station')];
    const before = [t.services.manifests.audienceOf(demo), t.services.manifests.audienceOf(station)];
    t.services.content.update('c_ev', slogan('Ngày hội việc làm 2026'), t.clock.now());
    t.services.reviews.approve('c_ev', null, t.clock.now(), ['approved']);
    t.services.publisher.publish(null);
    expect([t.services.manifests.audienceOf(demo), t.services.manifests.audienceOf(station)]).toEqual(before);
    expect(t.services.manifests.forAudience(before[0]!).manifest.items.find((i) => i.id === 'c_ev')).toMatchObject({ text: 'Ngày hội việc làm 2026' });
    t.services.schedules.update('sch_parks', ScheduleFields.parse({ name: 'sch_parks', playlistId: 'p_ev', target: { locationKinds: ['station'] }, time: { startDate: '2026-11-01' } }), t.clock.now());
    t.services.publisher.publish(null);
    expect(t.services.manifests.forAudience(t.services.manifests.audienceOf(station)).manifest.schedules.map((s) => s.id)).toEqual(['sch_parks']);
    expect(t.services.manifests.forAudience(t.services.manifests.audienceOf(demo)).manifest.schedules).toEqual([]);
  });

  it('carries the ward share only where a ward schedule is', () => {
    addSchedule(t, 'sch_local', { ownerWard: HK, target: { all: true } });
    t.services.publisher.publish(null);
    expect(t.services.manifests.forAudience(key(t.demoId)).manifest.wardShare).toEqual({ everyCityItems: 3, maxPercent: 30 });
    const station = t.services.manifests.forAudience(key('s_station')).manifest;
    expect(station.wardShare).toBeUndefined();
    expect(station.schedules).toEqual([]);
  });

  it('leaves out schedules that cannot run within the horizon', () => {
    addSchedule(t, 'sch_past', { time: { startDate: '2026-10-01', endDate: '2026-11-25' } });
    addSchedule(t, 'sch_far', { time: { startDate: '2026-12-10' } });
    addSchedule(t, 'sch_late_night', { time: { startDate: '2026-10-01', endDate: '2026-11-26', windows: [{ start: '22:00', end: '02:00' }] } });
    t.services.publisher.publish(null);
    // The window that began on 25/11 runs until 02:00 on 26/11: inside today's horizon.
    expect(t.services.manifests.forAudience(key(t.demoId)).manifest.schedules.map((s) => s.id)).toEqual(['sch_late_night']);
  });

  it('sends a screen the schedule that enters its horizon at the daily refresh', () => {
    const scheduler = new ManualScheduler(t.clock);
    t.hub.start(scheduler);
    addSchedule(t, 'sch_far', { time: { startDate: '2026-12-04' } });
    t.services.publisher.publish(null);
    const player = connectPlayer(t);
    expect(lastManifest(player).schedules).toEqual([]);

    // On 26/11 the horizon ends at 04/12 00:00; from 27/11 on it covers 04/12.
    t.clock.set(Date.parse('2026-11-27T00:00:05+07:00'));
    scheduler.runDue();
    expect(lastManifest(player).schedules.map((s) => s.id)).toEqual(['sch_far']);
    expect(lastManifest(player).horizon.from).toBe('2026-11-27T00:00:00+07:00');
    t.hub.stop();
  });
});
