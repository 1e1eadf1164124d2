import { beforeAll, describe, expect, it } from 'vitest';
import type { RestorePreview } from '../../playlists/index.ts';
import { addUser, sessionFor } from '../testing/accounts.ts';
import { api, createTestApp, errorOf, slogan, type TestApp } from '../testing/helpers.ts';

describe('GET /api/revisions/{number}/restore-preview', () => {
  let t: TestApp;
  const cookie = { admin: '', viewer: '' };

  async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await api(t, method, path, { cookie: cookie.admin, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }
  const publish = async () => (await json<{ revision: number }>('POST', '/api/publish')).revision;

  beforeAll(async () => {
    t = await createTestApp({ admin: false });
    cookie.admin = sessionFor(t, await addUser(t, 'city.admin', 'admin'));
    cookie.viewer = sessionFor(t, await addUser(t, 'city.viewer', 'viewer'));
  });

  it('shows what restoring would change on air, and changes nothing itself', async () => {
    const id = (await json<{ item: { id: string } }>('POST', '/api/content', slogan('Học nghề hôm nay'))).item.id;
    const older = await publish();
    await json('PUT', `/api/content/${id}`, slogan('Học nghề hôm nay, vững nghề ngày mai'));
    const latest = await publish();

    const preview = await json<RestorePreview>('GET', `/api/revisions/${older}/restore-preview`);
    expect(preview).toMatchObject({ restoring: older, current: latest });
    expect(preview.changes).toEqual([
      {
        kind: 'item', id,
        before: expect.objectContaining({ text: 'Học nghề hôm nay, vững nghề ngày mai' }),
        after: expect.objectContaining({ text: 'Học nghề hôm nay' }),
      },
    ]);
    expect((await json<{ revisions: { number: number }[] }>('GET', '/api/revisions')).revisions[0]!.number).toBe(latest);
    // The latest revision restores to nothing new.
    expect((await json<RestorePreview>('GET', `/api/revisions/${latest}/restore-preview`)).changes).toEqual([]);
  });

  it('is for those who may restore, and answers 404 for a revision that does not exist', async () => {
    expect((await api(t, 'GET', '/api/revisions/1/restore-preview', { cookie: cookie.viewer })).status).toBe(403);
    const missing = await api(t, 'GET', '/api/revisions/999999/restore-preview', { cookie: cookie.admin });
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('revision_not_found');
  });
});
