import { beforeEach, describe, expect, it } from 'vitest';
import type { ApprovalQueue, ContentEntry } from '../../playlists/index.ts';
import { addUser, sessionFor } from '../testing/accounts.ts';
import { api, createTestApp, dumpDb, errorOf, slogan, type TestApp } from '../testing/helpers.ts';

type Who = 'editor' | 'approver';

/**
 * Issue 11, item 4: a decision names the submission the approver saw. The editor submits V1, the
 * approver opens it, the editor changes it to V2 and submits again: deciding on V1 changes nothing.
 */
describe('an approval tied to the version the approver saw', () => {
  let t: TestApp;
  let id: string;
  const cookie = {} as Record<Who, string>;

  beforeEach(async () => {
    t = await createTestApp({ admin: false });
    for (const who of ['editor', 'approver'] as const) cookie[who] = sessionFor(t, await addUser(t, who, who));
    id = t.services.content.list().find((s) => s.ownerWard === null)!.item.id;
  });

  const as = (who: Who, method: string, path: string, body?: unknown) => api(t, method, path, { cookie: cookie[who], body });
  async function ok<T>(who: Who, method: string, path: string, body?: unknown): Promise<T> {
    const res = await as(who, method, path, body);
    if (res.status >= 300) throw new Error(`${who} ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
  const queueEntry = async () => (await ok<ApprovalQueue>('approver', 'GET', '/api/approvals')).items.find((e) => e.id === id)!;
  const submit = async (text: string) => {
    await ok('editor', 'PUT', `/api/content/${id}`, slogan(text));
    return ok<ContentEntry>('editor', 'POST', `/api/content/${id}/submit`);
  };
  const approvedText = () => {
    const body = t.services.reviews.get(id)?.approvedBody;
    return body?.kind === 'slogan' ? body.text : undefined;
  };

  it('shows the same version in the queue and in the item\'s review state, and a new one for each changed submission', async () => {
    const v1 = await submit('Bản 1');
    const seen = await queueEntry();
    expect(seen.version).toMatch(/^[0-9a-f]{64}$/);
    expect(v1.review?.version).toBe(seen.version);
    const v2 = await submit('Bản 2');
    expect(v2.review?.version).not.toBe(seen.version);
    expect((await queueEntry()).version).toBe(v2.review?.version);
    // Once decided, there is no submission to name.
    await ok('approver', 'POST', `/api/content/${id}/approve`, { version: v2.review!.version });
    expect((await ok<ContentEntry>('editor', 'GET', `/api/content/${id}`)).review?.version).toBeUndefined();
  });

  it('answers 409 submission_changed to an approval of V1 after V2 was submitted, writes nothing, and approves V2 when named', async () => {
    await submit('Bản 1 người duyệt đã xem');
    const seen = await queueEntry();
    await submit('Bản 2 người duyệt chưa xem');
    const before = dumpDb(t.db);

    const res = await as('approver', 'POST', `/api/content/${id}/approve`, { version: seen.version });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('submission_changed');
    expect(dumpDb(t.db)).toEqual(before);

    // The queue shows the new submission, with its own version; approving that one works.
    const now = await queueEntry();
    expect(now.submitted).toMatchObject({ text: 'Bản 2 người duyệt chưa xem' });
    const approved = await ok<ContentEntry>('approver', 'POST', `/api/content/${id}/approve`, { version: now.version });
    expect(approved.review?.state).toBe('approved');
    expect(approvedText()).toBe('Bản 2 người duyệt chưa xem');
  });

  it('answers 409 submission_changed to a rejection of V1 after V2 was submitted, and writes nothing', async () => {
    await submit('Bản 1');
    const seen = await queueEntry();
    await submit('Bản 2');
    const before = dumpDb(t.db);
    const res = await as('approver', 'POST', `/api/content/${id}/reject`, { reason: 'Sai chính tả', version: seen.version });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('submission_changed');
    expect(dumpDb(t.db)).toEqual(before);
  });

  it('answers 409 not_submitted when the editor changed it back to a draft, and writes nothing', async () => {
    await submit('Bản 1');
    const seen = await queueEntry();
    await ok('editor', 'PUT', `/api/content/${id}`, slogan('Đang sửa, chưa gửi lại'));
    const before = dumpDb(t.db);
    const res = await as('approver', 'POST', `/api/content/${id}/approve`, { version: seen.version });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('not_submitted');
    expect(dumpDb(t.db)).toEqual(before);
  });

  it.each([
    ['approve', undefined],
    ['approve', {}],
    ['approve', { version: 'abc' }],
    ['reject', { reason: 'Sai chính tả' }],
  ] as const)('refuses %s without a valid version (%j) with 400, and writes nothing', async (action, body) => {
    await submit('Bản 1');
    const before = dumpDb(t.db);
    const res = await as('approver', 'POST', `/api/content/${id}/${action}`, body);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_request');
    expect(dumpDb(t.db)).toEqual(before);
  });
});
