import { beforeAll, describe, expect, it } from 'vitest';
import type { RevisionDiff, ScheduleInput } from '../../playlists/index.ts';
import { hashToken } from '../ids.ts';
import { addUser, addWard, sessionFor } from '../testing/accounts.ts';
import { api, createTestApp, errorOf, slogan, type TestApp } from '../testing/helpers.ts';

const WARD_A = '00004';
const WARD_B = '00007';

describe('GET /api/revisions/{number}/diff', () => {
  let t: TestApp;
  const cookie = { admin: '', viewer: '', opA: '', opB: '' };

  async function json<T>(who: keyof typeof cookie, method: string, path: string, body?: unknown): Promise<T> {
    const res = await api(t, method, path, { cookie: cookie[who], body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }
  const publish = async (who: keyof typeof cookie) => (await json<{ revision: number }>(who, 'POST', '/api/publish')).revision;
  const diff = (who: keyof typeof cookie, revision: number) => json<RevisionDiff>(who, 'GET', `/api/revisions/${revision}/diff`);

  /** A ward's item, playlist and schedule on its own screen, published by its operator: the revision number. */
  async function wardRevision(who: 'opA' | 'opB', ward: string, screen: string): Promise<{ revision: number; item: string }> {
    const item = (await json<{ item: { id: string } }>(who, 'POST', '/api/content', slogan(`Tin phường ${ward}`))).item.id;
    const playlist = (await json<{ playlist: { id: string } }>(who, 'POST', '/api/playlists', { name: `Phường ${ward}`, itemIds: [item] })).playlist.id;
    const schedule: ScheduleInput = { name: 'Tin của phường', playlistId: playlist, target: { screenIds: [screen] }, time: { startDate: '2026-11-01' }, ownerWard: ward };
    await json(who, 'POST', '/api/schedules', schedule);
    return { revision: await publish(who), item };
  }

  beforeAll(async () => {
    t = await createTestApp({ admin: false });
    addWard(t, WARD_A, 'Phường Ba Đình');
    addWard(t, WARD_B, 'Phường Hoàn Kiếm');
    const now = t.clock.now();
    t.services.screens.insert({ id: 's_ward_a', name: 'Bảng tin Ba Đình', ward: 'Phường Ba Đình', wardCode: WARD_A, locationKind: 'ward_office', tags: [] }, hashToken('token-a'), now);
    t.services.screens.insert({ id: 's_ward_b', name: 'Bảng tin Hoàn Kiếm', ward: 'Phường Hoàn Kiếm', wardCode: WARD_B, locationKind: 'park', tags: [] }, hashToken('token-b'), now);
    cookie.admin = sessionFor(t, await addUser(t, 'city.admin', 'admin'));
    cookie.viewer = sessionFor(t, await addUser(t, 'city.viewer', 'viewer'));
    cookie.opA = sessionFor(t, await addUser(t, 'op.a', 'ward_operator', WARD_A));
    cookie.opB = sessionFor(t, await addUser(t, 'op.b', 'ward_operator', WARD_B));
  });

  it('shows an item added, then changed, then removed, with the version before and after', async () => {
    const id = (await json<{ item: { id: string } }>('admin', 'POST', '/api/content', slogan('Học nghề hôm nay'))).item.id;
    const added = await publish('admin');
    await json('admin', 'PUT', `/api/content/${id}`, slogan('Học nghề hôm nay, vững nghề ngày mai', { theme: 7 }));
    const changed = await publish('admin');
    await json('admin', 'DELETE', `/api/content/${id}`);
    const removed = await publish('admin');

    const first = await diff('viewer', added);
    expect(first).toMatchObject({ revision: added, previous: added - 1, publishedBy: 'city.admin', publishedAt: '2026-11-26T09:00:00+07:00' });
    expect(first.changes).toEqual([{ kind: 'item', id, before: null, after: expect.objectContaining({ text: 'Học nghề hôm nay', revision: added }) }]);

    const second = await diff('viewer', changed);
    expect(second.changes).toEqual([
      {
        kind: 'item', id,
        before: expect.objectContaining({ text: 'Học nghề hôm nay', revision: added }),
        after: expect.objectContaining({ text: 'Học nghề hôm nay, vững nghề ngày mai', theme: 7, revision: changed }),
      },
    ]);
    expect(second.changes[0]!.before).not.toHaveProperty('theme', 7);

    const third = await diff('viewer', removed);
    expect(third.changes).toEqual([{ kind: 'item', id, before: expect.objectContaining({ text: 'Học nghề hôm nay, vững nghề ngày mai' }), after: null }]);
  });

  it('compares the first revision with nothing', async () => {
    const first = await diff('admin', 1);
    expect(first.previous).toBe(0);
    expect(first.changes.length).toBeGreaterThan(0);
    expect(first.changes.every((c) => c.before === null && c.after !== null)).toBe(true);
    expect(first.changes.map((c) => c.kind)).toEqual(expect.arrayContaining(['item', 'playlist', 'defaultPlaylist']));
  });

  it('answers 404 revision_not_found for a revision that does not exist, 400 for one that is not a number', async () => {
    const missing = await api(t, 'GET', '/api/revisions/999999/diff', { cookie: cookie.viewer });
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('revision_not_found');
    const bad = await api(t, 'GET', '/api/revisions/abc/diff', { cookie: cookie.viewer });
    expect(bad.status).toBe(400);
    expect((await api(t, 'GET', '/api/revisions/1/diff')).status).toBe(401);
  });

  it("shows a ward operator only its own ward's objects", async () => {
    const a = await wardRevision('opA', WARD_A, 's_ward_a');
    const b = await wardRevision('opB', WARD_B, 's_ward_b');

    const own = await diff('opA', a.revision);
    expect(own.changes.map((c) => c.kind).sort()).toEqual(['item', 'playlist', 'schedule']);
    expect(own.changes.find((c) => c.kind === 'item')).toMatchObject({ id: a.item, before: null, after: { text: `Tin phường ${WARD_A}` } });

    // Another ward's revision and the city's first one: the revision is there, none of its objects are A's.
    expect((await diff('opA', b.revision)).changes).toEqual([]);
    expect((await diff('opA', 1)).changes).toEqual([]);
    // The city sees everything ward B published.
    const city = await diff('admin', b.revision);
    expect(city.changes.map((c) => c.kind).sort()).toEqual(['item', 'playlist', 'schedule']);
    expect(JSON.stringify(city)).toContain(`Tin phường ${WARD_B}`);
  });
});
