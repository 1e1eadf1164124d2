import { beforeEach, describe, expect, it } from 'vitest';
import { resolve, type EmergencyStatus } from '../../playlists/index.ts';
import { api, connectPlayer, type FakePlayer, lastManifest, slogan } from '../testing/helpers.ts';
import { BD, OTHER_TOKEN, scheduleTestApp } from '../testing/schedule-fixtures.ts';

const HOUR = 3_600_000;

/**
 * Issue 11, item 5: a rollback restores content, never the on-air state of emergencies. Emergencies
 * come from what is published now: one that is active stays, one that was cancelled or has ended
 * does not come back, and neither do its message and playlist as orphans in the drafts.
 */
describe('restoring a revision and emergencies', () => {
  let t: Awaited<ReturnType<typeof scheduleTestApp>>;
  let park: FakePlayer;
  let station: FakePlayer;
  beforeEach(async () => {
    t = await scheduleTestApp();
    park = connectPlayer(t);
    station = connectPlayer(t, { token: OTHER_TOKEN });
  });
  const send = (method: string, path: string, body?: unknown) => api(t, method, path, { cookie: t.cookie, body });
  async function ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await send(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
  const emergency = (body: { text: string; endsAt?: string; wards?: string[] }) => ok<{ scheduleId: string; revision: number }>('POST', '/api/emergencies', body);
  const restore = (n: number) => ok<{ revision: number }>('POST', `/api/revisions/${n}/restore`);
  const onScreen = (p: FakePlayer, at = t.clock.now()) => resolve(lastManifest(p), at).main;
  const emergencies = async () => (await ok<{ emergencies: EmergencyStatus[] }>('GET', '/api/emergencies')).emergencies;
  /** The ids of everything in the drafts and in the latest revision. */
  const rows = () => {
    const snapshot = t.services.revisions.latest().snapshot;
    return {
      drafts: new Set([
        ...t.services.content.list().map((s) => s.item.id),
        ...t.services.playlists.list().map((s) => s.playlist.id),
        ...t.services.schedules.list().map((s) => s.schedule.id),
      ]),
      published: new Set([...snapshot.items.map((i) => i.id), ...snapshot.playlists.map((p) => p.id), ...(snapshot.schedules ?? []).map((s) => s.id)]),
    };
  };
  /** The emergency's schedule, playlist and message. */
  const partsOf = (scheduleId: string) => {
    const schedule = t.services.schedules.get(scheduleId)!.schedule;
    const playlist = t.services.playlists.get(schedule.playlistId)!.playlist;
    return [scheduleId, playlist.id, ...playlist.itemIds];
  };
  /** A city edit, published: something for a rollback to take back. */
  async function publishEdit(text: string): Promise<number> {
    const id = t.services.content.list()[0]!.item.id;
    await ok('PUT', `/api/content/${id}`, slogan(text));
    return (await ok<{ revision: number }>('POST', '/api/publish')).revision;
  }

  it('does not bring back a cancelled emergency when the revision it was sent in is restored', async () => {
    const { scheduleId, revision } = await emergency({ text: 'Cảnh báo mưa lớn' });
    const parts = partsOf(scheduleId);
    expect(onScreen(park).reason.tier).toBe('emergency');
    await ok('DELETE', `/api/emergencies/${scheduleId}`);
    await publishEdit('Một bản sửa sau tin khẩn');

    await restore(revision);
    for (const p of [park, station]) {
      const manifest = lastManifest(p);
      expect(manifest.schedules.filter((s) => s.tier === 'emergency')).toEqual([]);
      // Not now, and not at any time in the days the manifest covers: it had no end time.
      for (let at = t.clock.now(); at < t.clock.now() + 7 * 24 * HOUR; at += HOUR) expect(onScreen(p, at).reason.tier).not.toBe('emergency');
    }
    expect(await emergencies()).toEqual([]);
    // Its message and playlist are not left behind as orphans either.
    const { drafts, published } = rows();
    for (const id of parts) {
      expect(drafts.has(id), `draft ${id}`).toBe(false);
      expect(published.has(id), `published ${id}`).toBe(false);
    }
  });

  it('cancelling takes the emergency\'s own playlist and message off screens and out of the drafts', async () => {
    const { scheduleId } = await emergency({ text: 'Diễn tập phòng cháy' });
    const parts = partsOf(scheduleId);
    const res = await ok<{ revision: number }>('DELETE', `/api/emergencies/${scheduleId}`);
    const { drafts, published } = rows();
    for (const id of parts) expect([id, drafts.has(id), published.has(id)]).toEqual([id, false, false]);
    const [item, playlist] = [parts[2]!, parts[1]!];
    const revision = (await ok<{ revisions: { number: number; summary: unknown }[] }>('GET', '/api/revisions?limit=1')).revisions[0]!;
    expect(revision).toEqual({ number: res.revision, publishedAt: expect.any(String), publishedBy: 'admin', summary: {
      items: { added: [], changed: [], removed: [item] },
      playlists: { added: [], changed: [], removed: [playlist] },
      schedules: { added: [], changed: [], removed: [scheduleId] },
    } });
    // Nothing is left to publish: drafts and screens agree.
    expect((await send('POST', '/api/publish')).status).toBe(409);
  });

  it('keeps an emergency that is on air now through a restore of a revision from before it', async () => {
    const original = await publishEdit('Bản sửa sẽ bị khôi phục');
    const { scheduleId } = await emergency({ text: 'Mất điện khu vực Ba Đình', wards: [BD] });
    const parts = partsOf(scheduleId);
    expect(onScreen(station).reason).toMatchObject({ tier: 'emergency', scheduleId });

    const { revision } = await restore(original - 1);
    expect(revision).toBeGreaterThan(original);
    expect(onScreen(station)).toMatchObject({ item: { text: 'Mất điện khu vực Ba Đình' }, reason: { tier: 'emergency', scheduleId } });
    expect(onScreen(park).reason.tier).not.toBe('emergency');
    expect((await emergencies()).map((e) => [e.scheduleId, e.active])).toEqual([[scheduleId, true]]);
    // The content was rolled back all the same, and the emergency's rows are whole in the drafts.
    expect(t.services.content.list().some((s) => s.item.kind === 'slogan' && s.item.text === 'Bản sửa sẽ bị khôi phục')).toBe(false);
    const { drafts, published } = rows();
    for (const id of parts) expect([id, drafts.has(id), published.has(id)]).toEqual([id, true, true]);
    // And a later publish or cancel treats it as any emergency.
    await publishEdit('Bản sửa mới');
    expect(onScreen(station).reason.tier).toBe('emergency');
    await ok('DELETE', `/api/emergencies/${scheduleId}`);
    expect(onScreen(station).reason.tier).not.toBe('emergency');
  });

  it('does not bring back an emergency that has ended by its end time', async () => {
    const { scheduleId, revision } = await emergency({ text: 'Tin khẩn một giờ', endsAt: '2026-11-26T10:00:00+07:00' });
    const parts = partsOf(scheduleId);
    t.clock.advance(2 * HOUR);
    await publishEdit('Bản sửa sau khi tin khẩn hết giờ');
    await restore(revision);
    expect(lastManifest(park).schedules.filter((s) => s.tier === 'emergency')).toEqual([]);
    const { drafts, published } = rows();
    for (const id of parts) expect([id, drafts.has(id), published.has(id)]).toEqual([id, false, false]);
  });
});
