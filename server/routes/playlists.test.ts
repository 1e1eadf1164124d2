import { beforeEach, describe, expect, it } from 'vitest';
import type { PlaylistEntry, ScheduleEntry } from '../../playlists/index.ts';
import { api, errorOf } from '../testing/helpers.ts';
import { scheduleBody, scheduleTestApp } from '../testing/schedule-fixtures.ts';

describe('several city playlists', () => {
  let t: Awaited<ReturnType<typeof scheduleTestApp>>;
  let defaultId: string;
  beforeEach(async () => {
    t = await scheduleTestApp();
    defaultId = t.services.settings.get('default_playlist_id')!;
  });
  const send = (method: string, path: string, body?: unknown) => api(t, method, path, { cookie: t.cookie, body });

  it('creates, renames, duplicates and deletes a playlist, each audited', async () => {
    const items = t.services.playlists.get(defaultId)!.playlist.itemIds;
    const created = (await (await send('POST', '/api/playlists', { name: 'Chiến dịch hè', itemIds: items.slice(0, 1) })).json()) as PlaylistEntry;
    const id = created.playlist.id;
    const renamed = await send('PUT', `/api/playlists/${id}`, { name: 'Chiến dịch thu', itemIds: created.playlist.itemIds });
    expect(((await renamed.json()) as PlaylistEntry).playlist.name).toBe('Chiến dịch thu');

    const copy = await send('POST', `/api/playlists/${id}/copy`, { name: 'Chiến dịch thu (bản sao)' });
    expect(copy.status).toBe(201);
    const copied = (await copy.json()) as PlaylistEntry;
    expect(copied).toMatchObject({ state: 'new', ownerWard: null, playlist: { name: 'Chiến dịch thu (bản sao)', itemIds: items.slice(0, 1) } });
    expect(copied.playlist.id).not.toBe(id);

    expect((await send('DELETE', `/api/playlists/${copied.playlist.id}`)).status).toBe(204);
    expect((await send('GET', `/api/playlists/${copied.playlist.id}`)).status).toBe(404);
    const actions = t.db.prepare("SELECT action FROM audit_log WHERE object_type = 'playlist' ORDER BY id").pluck().all();
    expect(actions).toEqual(['create', 'update', 'create', 'delete']);
  });

  it('refuses to delete a playlist a schedule or the city default plays, naming them', async () => {
    const created = (await (await send('POST', '/api/playlists', { name: 'Tết', itemIds: [] })).json()) as PlaylistEntry;
    const id = created.playlist.id;
    const { schedule } = (await (await send('POST', '/api/schedules', scheduleBody(id, { name: 'Lịch Tết' }))).json()) as ScheduleEntry;
    const refused = await send('DELETE', `/api/playlists/${id}`);
    expect(refused.status).toBe(409);
    const error = await errorOf(refused);
    expect(error.code).toBe('playlist_in_use');
    expect(error.issues).toEqual([{ path: `schedules.${schedule.id}`, message: 'Lịch Tết' }]);
    expect(t.services.playlists.get(id)).toBeDefined();

    const byDefault = await errorOf(await send('DELETE', `/api/playlists/${defaultId}`));
    expect(byDefault.code).toBe('playlist_in_use');
    expect(byDefault.issues?.map((i) => i.path)).toContain('settings.default_playlist_id');

    expect((await send('DELETE', '/api/playlists/p_missing')).status).toBe(404);
  });
});
