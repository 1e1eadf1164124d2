import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentEntry, PlaylistEntry, Revision, ScreenStatus } from '../../playlists/index.ts';
import { DEMO_ITEM_COUNT } from '../seed/demo-content.ts';
import { api, connectPlayer, createTestApp, signIn, slogan, type FakePlayer, type TestApp } from '../testing/helpers.ts';

const none = { added: [], changed: [], removed: [] };

describe('editing and publishing through the API', () => {
  let t: TestApp;
  let cookie: string;
  let player: FakePlayer;
  beforeAll(async () => {
    t = await createTestApp();
    cookie = await signIn(t);
    player = connectPlayer(t);
  });

  const get = async <T>(path: string): Promise<T> => {
    const res = await api(t, 'GET', path, { cookie });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  const send = (method: string, path: string, body?: unknown) => api(t, method, path, { cookie, body });
  const lastManifest = () => {
    const msg = player.socket.messages.at(-1)!;
    if (msg.type !== 'manifest') throw new Error(`expected a manifest, got ${msg.type}`);
    return msg.manifest;
  };

  it('edits items and the playlist, publishes revision 2 and pushes it to the screen', async () => {
    const { items } = await get<{ items: ContentEntry[] }>('/api/content');
    expect(items).toHaveLength(DEMO_ITEM_COUNT);
    expect(items.every((e) => e.state === 'published')).toBe(true);
    const { playlists, defaultPlaylistId } = await get<{ playlists: PlaylistEntry[]; defaultPlaylistId: string }>('/api/playlists');
    const playlist = playlists[0]!.playlist;
    expect(playlist.id).toBe(defaultPlaylistId);
    const [a, , b, c] = playlist.itemIds as [string, string, string, string];

    // Change an item's text.
    const edited = await send('PUT', `/api/content/${a}`, slogan('Một nghề vững tay — cả đời vững bước!', { theme: 7 }));
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ item: { id: a, text: 'Một nghề vững tay — cả đời vững bước!' }, state: 'changed' });

    // Reorder the playlist.
    const reversed = [...playlist.itemIds].reverse();
    const reordered = await send('PUT', `/api/playlists/${playlist.id}`, { name: playlist.name, itemIds: reversed });
    expect(reordered.status).toBe(200);
    expect(await reordered.json()).toMatchObject({ playlist: { itemIds: reversed }, state: 'changed' });

    // Write a new slogan and add it.
    const created = await send('POST', '/api/content', slogan('  Học nghề hôm nay, vững nghề ngày mai  '));
    expect(created.status).toBe(201);
    const newEntry = (await created.json()) as ContentEntry;
    expect(newEntry).toMatchObject({ item: { kind: 'slogan', text: 'Học nghề hôm nay, vững nghề ngày mai' }, state: 'new' });
    expect(newEntry.updatedAt).toBe('2026-11-26T09:00:00+07:00');
    const added = [...reversed, newEntry.item.id];
    expect((await send('PUT', `/api/playlists/${playlist.id}`, { name: playlist.name, itemIds: added })).status).toBe(200);

    // Remove one: first from the playlist, then the item itself.
    const finalOrder = added.filter((id) => id !== b);
    expect((await send('PUT', `/api/playlists/${playlist.id}`, { name: playlist.name, itemIds: finalOrder })).status).toBe(200);
    expect((await send('DELETE', `/api/content/${b}`)).status).toBe(204);
    expect((await send('GET', `/api/content/${b}`)).status).toBe(404);

    // Change a duration.
    const { id: _id, ...cFields } = items.find((e) => e.item.id === c)!.item;
    expect((await send('PUT', `/api/content/${c}`, { ...cFields, durationMs: 15_000 })).status).toBe(200);

    const summary = { items: { added: [newEntry.item.id], changed: [a, c], removed: [b] }, playlists: { ...none, changed: [playlist.id] }, schedules: none };
    expect(await get('/api/publish')).toEqual({ revision: 1, pending: true, summary, awaitingApproval: 0 });
    expect(player.socket.types).toEqual(['welcome', 'screen', 'manifest']);

    const published = await send('POST', '/api/publish');
    expect(published.status).toBe(201);
    expect(await published.json()).toEqual({ revision: 2, summary });

    // The connected screen got the new manifest at once.
    expect(player.socket.types).toEqual(['welcome', 'screen', 'manifest', 'manifest']);
    const manifest = lastManifest();
    expect(manifest.revision).toBe(2);
    expect(manifest.playlists).toEqual([{ id: playlist.id, name: playlist.name, itemIds: finalOrder }]);
    const revisionOf = (id: string) => manifest.items.find((i) => i.id === id)?.revision;
    expect([revisionOf(a), revisionOf(c), revisionOf(newEntry.item.id), revisionOf(playlist.itemIds[1]!)]).toEqual([2, 2, 2, 1]);
    expect(revisionOf(b)).toBeUndefined();
    expect(manifest.items.find((i) => i.id === c)?.durationMs).toBe(15_000);

    const revisions = await get<{ revisions: Revision[] }>('/api/revisions');
    expect(revisions.revisions.map((r) => [r.number, r.publishedBy])).toEqual([[2, 'admin'], [1, 'system']]);
    expect(revisions.revisions[0]).toEqual({ number: 2, publishedAt: '2026-11-26T09:00:00+07:00', publishedBy: 'admin', summary });

    const after = await get<{ items: ContentEntry[] }>('/api/content');
    expect(after.items.map((e) => e.state)).toEqual(Array(DEMO_ITEM_COUNT).fill('published')); // one added, one deleted
    expect(await get('/api/publish')).toEqual({ revision: 2, pending: false, summary: { items: none, playlists: none, schedules: none }, awaitingApproval: 0 });
    expect(await get('/healthz')).toMatchObject({ status: 'ok', revision: 2, connectedScreens: 1 });
  });

  it('answers 409 nothing_to_publish when nothing changed since', async () => {
    const res = await send('POST', '/api/publish');
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: 'nothing_to_publish', message: expect.any(String) } });
    expect((await get<{ revisions: Revision[] }>('/api/revisions')).revisions).toHaveLength(2);
  });

  it('shows the screen as connected and current once it acknowledges', async () => {
    const screenOf = async () => (await get<{ screens: ScreenStatus[] }>('/api/screens')).screens[0]!;
    const before = await screenOf();
    expect(before).toMatchObject({ connected: true, manifestVersion: null, expectedVersion: lastManifest().version });
    player.send({ type: 'ack', version: lastManifest().version });
    expect(await screenOf()).toMatchObject({ connected: true, manifestVersion: lastManifest().version, playerVersion: '0.1.0' });
  });

  it('restores revision 1 as revision 3 and pushes it', async () => {
    const first = (await get<{ revisions: Revision[] }>('/api/revisions')).revisions.at(-1)!;
    expect(first.number).toBe(1);
    const res = await send('POST', '/api/revisions/1/restore');
    expect(res.status).toBe(201);
    const body = (await res.json()) as { revision: number };
    expect(body.revision).toBe(3);
    expect(lastManifest().revision).toBe(3);
    expect(lastManifest().items.map((i) => i.id)).toEqual(first.summary.items.added);
    const { items } = await get<{ items: ContentEntry[] }>('/api/content');
    expect(items.map((e) => e.item.id)).toEqual(first.summary.items.added);
    expect(items.every((e) => e.state === 'published')).toBe(true);
  });

  it('registers a screen whose token then connects', async () => {
    const res = await send('POST', '/api/screens', { name: 'Bến xe Mỹ Đình', locationKind: 'station' });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { screen: { id: string }; token: string; playerUrl: string };
    expect(created.playerUrl).toBe(`http://localhost/player/?token=${encodeURIComponent(created.token)}`);
    expect(created.screen).toEqual({
      id: expect.stringMatching(/^s_/), name: 'Bến xe Mỹ Đình', ward: null, locationKind: 'station', tags: [], canvas: null, ticker: null, theme: 'outdoor',
      hours: null, dailyReloadAt: '03:30',
    });
    const second = connectPlayer(t, { token: created.token });
    expect(second.socket.types).toEqual(['welcome', 'screen', 'manifest']);
    expect(t.hub.connectedCount).toBe(2);
  });
});
