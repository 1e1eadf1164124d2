import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../playlists/index.ts';
import { hashPassword } from '../auth/password.ts';
import { submissionVersion } from '../content/review-policy.ts';
import { api, createTestApp, dumpDb, errorOf, signIn, slogan, type TestApp } from '../testing/helpers.ts';

const PASSWORD = 'mật khẩu thử nghiệm';

describe('roles', () => {
  let t: TestApp;
  const cookies: Partial<Record<Role, string>> = {};
  let itemId: string;
  beforeAll(async () => {
    t = await createTestApp({ admin: false });
    const hash = await hashPassword(PASSWORD);
    for (const role of ['editor', 'approver', 'viewer'] as const) {
      t.services.users.insert(role, hash, role, false, t.clock.now());
      cookies[role] = await signIn(t, role, PASSWORD);
    }
    itemId = t.services.content.list()[0]!.item.id;
  });

  const as = (role: Role, method: string, path: string, body?: unknown) => api(t, method, path, { cookie: cookies[role], body });

  it('lets every role read', async () => {
    for (const role of ['editor', 'approver', 'viewer'] as const) {
      expect((await as(role, 'GET', '/api/content')).status).toBe(200);
      expect((await as(role, 'GET', '/api/revisions')).status).toBe(200);
    }
  });

  it.each([
    ['viewer', 'PUT', '/api/content/{item}'],
    ['viewer', 'POST', '/api/content'],
    ['viewer', 'POST', '/api/publish'],
    ['approver', 'POST', '/api/content'],
    ['editor', 'POST', '/api/publish'],
    ['editor', 'POST', '/api/revisions/1/restore'],
    ['editor', 'POST', '/api/screens'],
  ] as const)('answers 403 forbidden to a %s on %s %s and changes nothing', async (role, method, path) => {
    const before = dumpDb(t.db);
    const body = method === 'PUT' || path === '/api/content' ? slogan('Không được phép') : path === '/api/screens' ? { name: 'X', locationKind: 'park' } : undefined;
    const res = await as(role, method, path.replace('{item}', itemId), body);
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('forbidden');
    expect(dumpDb(t.db)).toEqual(before);
  });

  it('lets an editor write drafts and submit them, and an approver approve and publish them', async () => {
    const edited = await as('editor', 'PUT', `/api/content/${itemId}`, slogan('Sửa bởi biên tập viên'));
    expect(edited.status).toBe(200);
    // Unapproved, the edit is not publishable: the approved version stays on air.
    expect((await errorOf(await as('approver', 'POST', '/api/publish'))).code).toBe('nothing_to_publish');
    expect((await as('editor', 'POST', `/api/content/${itemId}/submit`)).status).toBe(200);
    expect((await as('approver', 'POST', `/api/content/${itemId}/approve`, { version: submissionVersion(t.services.content.get(itemId)!.item) })).status).toBe(200);
    const published = await as('approver', 'POST', '/api/publish');
    expect(published.status).toBe(201);
    const revisions = (await (await as('viewer', 'GET', '/api/revisions')).json()) as { revisions: { publishedBy: string }[] };
    expect(revisions.revisions[0]!.publishedBy).toBe('approver');
    expect(t.services.revisions.latest().snapshot.items.find((i) => i.id === itemId)).toMatchObject({ text: 'Sửa bởi biên tập viên' });
  });
});
