import { beforeAll, describe, expect, it } from 'vitest';
import { resolve, type Manifest, type PlayingAt, type Timeline } from '../../playlists/index.ts';
import { api, connectPlayer, dumpDb, errorOf, slogan } from '../testing/helpers.ts';
import { HK, scheduleBody, scheduleTestApp } from '../testing/schedule-fixtures.ts';

describe('timeline', () => {
  let t: Awaited<ReturnType<typeof scheduleTestApp>>;
  let scheduleId: string;
  let manifest: Manifest;
  beforeAll(async () => {
    t = await scheduleTestApp();
    const now = t.clock.now();
    t.services.content.insert('c_evening', slogan('Tối thứ Bảy: ngày hội tư vấn học nghề'), now);
    t.services.reviews.approve('c_evening', null, now, ['draft']);
    t.services.playlists.insert('p_evening', { name: 'Tối cuối tuần', itemIds: ['c_evening'] }, now);
    const res = await api(t, 'POST', '/api/schedules', {
      cookie: t.cookie,
      body: scheduleBody('p_evening', { name: 'Tối thứ Bảy', tier: 'priority', target: { wards: [HK] }, time: { startDate: '2026-11-01', weekdays: [6], windows: [{ start: '18:00', end: '20:00' }] } }),
    });
    scheduleId = ((await res.json()) as { schedule: { id: string } }).schedule.id;
    expect((await api(t, 'POST', '/api/publish', { cookie: t.cookie })).status).toBe(201);
    const player = connectPlayer(t);
    const msg = player.socket.messages.find((m) => m.type === 'manifest');
    if (msg?.type !== 'manifest') throw new Error('no manifest');
    manifest = msg.manifest;
  });
  const get = async <T>(path: string) => {
    const res = await api(t, 'GET', path, { cookie: t.cookie });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  it('explains Saturday hour by hour: the priority window, and the hours only the fallback plays', async () => {
    const day = await get<Timeline>(`/api/timeline?screenId=${t.demoId}&date=2026-11-28&days=1`);
    expect(day.hours).toHaveLength(24);
    expect(day.hours[0]!.start).toBe('2026-11-28T00:00:00+07:00');
    expect(day.hours[18]!.first.reason).toEqual({ tier: 'priority', scheduleId, rule: 'priority_window', ruleRef: 'S2' });
    expect(day.hours[18]!.plays).toEqual([{ tier: 'priority', scheduleId, playlistId: 'p_evening', rule: 'priority_window', ruleRef: 'S2', airtimeMs: 3_600_000 }]);
    expect(day.hours[18]!.flags).toEqual([]);
    expect(day.hours[3]!.flags).toEqual(['fallback_only']);
    expect(day.schedules).toEqual([{ id: scheduleId, name: 'Tối thứ Bảy', tier: 'priority', playlistId: 'p_evening', ownerWard: null }]);
    expect(day.items).toContainEqual({ id: 'c_evening', label: 'Tối thứ Bảy: ngày hội tư vấn học nghề' });
  });

  it('answers what the screen shows at 18:30 on Saturday exactly as the player computes it from its manifest', async () => {
    const at = '2026-11-28T18:30:00+07:00';
    const answer = await get<PlayingAt>(`/api/timeline/at?screenId=${t.demoId}&at=${encodeURIComponent(at)}`);
    const player = resolve(manifest, Date.parse(at)).main;
    expect(answer).toMatchObject({
      itemId: player.item!.id,
      playlistId: player.playlistId,
      since: '2026-11-28T18:30:00+07:00',
      reason: { ...player.reason, ruleRef: 'S2' },
    });
    expect(Date.parse(answer.since)).toBe(player.since);
    expect(Date.parse(answer.until)).toBe(player.until);
  });

  it('does not show a ward\'s schedule on another ward\'s screen', async () => {
    const day = await get<Timeline>('/api/timeline?screenId=s_station&date=2026-11-28&days=1');
    expect(day.hours[18]!.first.reason.tier).toBe('fallback');
    expect(day.schedules).toEqual([]);
  });

  it('covers a whole week from the given day', async () => {
    const week = await get<Timeline>(`/api/timeline?screenId=${t.demoId}&date=2026-11-23&days=7`);
    expect(week.hours).toHaveLength(168);
    expect(week.hours[167]!.end).toBe('2026-11-30T00:00:00+07:00');
    const priorityHours = week.hours.filter((h) => h.plays.some((p) => p.tier === 'priority')).map((h) => h.start);
    expect(priorityHours).toEqual(['2026-11-28T18:00:00+07:00', '2026-11-28T19:00:00+07:00']);
  });

  it.each([
    ['days other than 1 or 7', `screenId=s_station&date=2026-11-28&days=3`, 400, 'invalid_request'],
    ['a date that does not exist', `screenId=s_station&date=2026-13-01`, 400, 'invalid_request'],
    ['a date written dd/mm/yyyy', `screenId=s_station&date=28/11/2026`, 400, 'invalid_request'],
    ['no screen', `date=2026-11-28`, 400, 'invalid_request'],
    ['an unknown screen', `screenId=s_nope&date=2026-11-28`, 404, 'screen_not_found'],
  ])('answers %s with an error and changes nothing', async (_name, query, status, code) => {
    const before = dumpDb(t.db);
    const res = await api(t, 'GET', `/api/timeline?${query}`, { cookie: t.cookie });
    expect(res.status).toBe(status);
    expect((await errorOf(res)).code).toBe(code);
    expect(dumpDb(t.db)).toEqual(before);
  });

  it('refuses an instant without an offset', async () => {
    const res = await api(t, 'GET', `/api/timeline/at?screenId=${t.demoId}&at=2026-11-28T18:30:00`, { cookie: t.cookie });
    expect(res.status).toBe(400);
  });

  it('needs a session', async () => {
    expect((await api(t, 'GET', `/api/timeline?screenId=${t.demoId}&date=2026-11-28`)).status).toBe(401);
  });
});
