import { beforeEach, describe, expect, it } from 'vitest';
import { resolve, toLocalIso, type EmergencyStatus, type ScheduleEntry } from '../../playlists/index.ts';
import { api, connectPlayer, dumpDb, errorOf, type FakePlayer, lastManifest, slogan } from '../testing/helpers.ts';
import { BD, OTHER_TOKEN, scheduleTestApp } from '../testing/schedule-fixtures.ts';

describe('emergency broadcast', () => {
  let t: Awaited<ReturnType<typeof scheduleTestApp>>;
  let park: FakePlayer;
  let station: FakePlayer;
  beforeEach(async () => {
    t = await scheduleTestApp();
    park = connectPlayer(t);
    station = connectPlayer(t, { token: OTHER_TOKEN });
  });
  const send = (method: string, path: string, body?: unknown) => api(t, method, path, { cookie: t.cookie, body });
  const list = async () => ((await (await send('GET', '/api/emergencies')).json()) as { emergencies: EmergencyStatus[] }).emergencies;
  const onScreen = (p: FakePlayer, at = t.clock.now()) => resolve(lastManifest(p), at).main;

  it('[S1] takes over every screen at once, and only publishes the emergency', async () => {
    const draftItem = t.services.content.list()[0]!.item.id;
    t.services.content.update(draftItem, slogan('Bản nháp chưa duyệt'), t.clock.now());
    // Approved but not yet published: the emergency must not take it along.
    t.services.reviews.approve(draftItem, null, t.clock.now(), ['approved']);

    const res = await send('POST', '/api/emergencies', { text: 'Cảnh báo mưa lớn: hạn chế ra đường', endsAt: '2026-11-26T11:00:00+07:00' });
    expect(res.status).toBe(201);
    const { scheduleId, revision } = (await res.json()) as { scheduleId: string; revision: number };
    expect(revision).toBe(2);
    for (const p of [park, station]) {
      expect(onScreen(p)).toMatchObject({ item: { text: 'Cảnh báo mưa lớn: hạn chế ra đường' }, reason: { tier: 'emergency', scheduleId } });
    }
    // The unrelated draft is still a draft, and the emergency is not pending.
    const pending = (await (await send('GET', '/api/publish')).json()) as { summary: { items: { changed: string[] }; schedules: unknown } };
    expect(pending.summary.items.changed).toEqual([draftItem]);
    expect(pending.summary.schedules).toEqual({ added: [], changed: [], removed: [] });
    // It ends by itself at its end time, offline too.
    expect(onScreen(park, Date.parse('2026-11-26T11:00:00+07:00')).reason.tier).toBe('fallback');
  });

  it('reaches only the chosen wards', async () => {
    await send('POST', '/api/emergencies', { text: 'Mất điện khu vực Ba Đình', wards: [BD] });
    expect(onScreen(station).reason.tier).toBe('emergency');
    expect(onScreen(park).reason.tier).toBe('fallback');
    const [status] = await list();
    expect(status!.screens.map((s) => s.id)).toEqual(['s_station']);
  });

  it('records each screen\'s receipt once and lists who has not shown it', async () => {
    const { scheduleId } = (await (await send('POST', '/api/emergencies', { text: 'Diễn tập phòng cháy' })).json()) as { scheduleId: string };
    const at = toLocalIso(t.clock.now() + 800);
    park.send({ type: 'shown', scheduleId, at });
    park.send({ type: 'shown', scheduleId, at: toLocalIso(t.clock.now() + 60_000) });
    station.handlers.close();
    const [status] = await list();
    expect(status).toMatchObject({ scheduleId, text: 'Diễn tập phòng cháy', active: true, endsAt: null });
    // Screens by name: Ga Hà Nội, then the demo screen (Màn hình demo …).
    expect(status!.screens).toEqual([
      { id: 's_station', name: 'Ga Hà Nội', connected: false, shownAt: null },
      { id: t.demoId, name: expect.stringContaining('Màn hình demo'), connected: true, shownAt: at },
    ]);
    expect(park.socket.closed).toBeNull();
  });

  it('[S1] ends on cancel: screens return to their schedules at once', async () => {
    const { scheduleId } = (await (await send('POST', '/api/emergencies', { text: 'Tin khẩn' })).json()) as { scheduleId: string };
    const res = await send('DELETE', `/api/emergencies/${scheduleId}`);
    expect(res.status).toBe(200);
    expect(onScreen(park).reason.tier).toBe('fallback');
    expect(lastManifest(station).schedules).toEqual([]);
    expect(await list()).toEqual([]);
    expect((await send('DELETE', `/api/emergencies/${scheduleId}`)).status).toBe(404);
  });

  it('leaves the drafts when it ends by time, and stays in the emergency history', async () => {
    const ids = async () => ((await (await send('GET', '/api/schedules')).json()) as { schedules: ScheduleEntry[] }).schedules.map((e) => e.schedule.id);
    const ending = (await (await send('POST', '/api/emergencies', { text: 'Tin khẩn ngắn', endsAt: toLocalIso(t.clock.now() + 60_000) })).json()) as { scheduleId: string };
    const open = (await (await send('POST', '/api/emergencies', { text: 'Tin khẩn đến khi huỷ' })).json()) as { scheduleId: string };
    expect(await ids()).toEqual(expect.arrayContaining([ending.scheduleId, open.scheduleId]));
    t.clock.advance(60_000);
    const after = await ids();
    expect(after).toContain(open.scheduleId);
    expect(after).not.toContain(ending.scheduleId);
    expect(await list()).toEqual(expect.arrayContaining([expect.objectContaining({ scheduleId: ending.scheduleId, active: false })]));
    // Still a draft underneath: it is published with each revision until cancelled, as before.
    expect(t.services.schedules.get(ending.scheduleId)).toBeDefined();
  });

  it.each([
    ['empty text', { text: '   ' }, 400, 'invalid_request'],
    ['an end time already past', { text: 'Tin khẩn', endsAt: '2026-11-26T08:00:00+07:00' }, 400, 'invalid_request'],
    ['an end time without an offset', { text: 'Tin khẩn', endsAt: '2026-11-26T12:00:00' }, 400, 'invalid_request'],
    ['an unknown ward', { text: 'Tin khẩn', wards: ['99999'] }, 422, 'unknown_ward'],
    ['an unknown field', { text: 'Tin khẩn', image: 'x.png' }, 400, 'invalid_request'],
  ])('refuses %s and changes nothing', async (_name, body, status, code) => {
    const before = dumpDb(t.db);
    const frames = park.socket.frames.length;
    const res = await send('POST', '/api/emergencies', body);
    expect(res.status).toBe(status);
    expect((await errorOf(res)).code).toBe(code);
    expect(dumpDb(t.db)).toEqual(before);
    expect(park.socket.frames.length).toBe(frames);
  });
});
