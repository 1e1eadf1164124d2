import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentEntry, RevisionPage } from '../../playlists/index.ts';
import { api, createTestApp, errorOf, signIn, slogan, type TestApp } from '../testing/helpers.ts';

/** Issue 11, item 13: every revision can be reached for a rollback, a page at a time. */
describe('GET /api/revisions, paged', () => {
  let t: TestApp;
  let cookie: string;
  let itemId: string;
  const TOTAL = 250;

  beforeAll(async () => {
    t = await createTestApp();
    cookie = await signIn(t);
    itemId = t.services.content.list()[0]!.item.id;
    // The demo seed is revision 1; each edit and publish makes one more.
    for (let n = 2; n <= TOTAL; n++) {
      t.services.content.update(itemId, slogan(`Phiên bản ${n}`), t.clock.now());
      t.services.reviews.approve(itemId, null, t.clock.now(), ['draft', 'approved']);
      t.services.publisher.publish(null);
    }
  });

  const get = async (path: string): Promise<RevisionPage> => {
    const res = await api(t, 'GET', path, { cookie });
    expect(res.status, path).toBe(200);
    return (await res.json()) as RevisionPage;
  };

  it('walks from the newest revision to the first one by following nextCursor', async () => {
    const first = await get('/api/revisions');
    expect(first.revisions).toHaveLength(100);
    expect(first.revisions[0]!.number).toBe(TOTAL);
    const seen = [...first.revisions.map((r) => r.number)];
    let cursor = first.nextCursor;
    expect(cursor).toBe(TOTAL - 99);
    // Bounded, so a cursor that never ends fails instead of hanging.
    for (let pages = 1; cursor !== null && pages < 10; pages++) {
      const page = await get(`/api/revisions?before=${cursor}`);
      seen.push(...page.revisions.map((r) => r.number));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(Array.from({ length: TOTAL }, (_, i) => TOTAL - i));
  });

  it('takes a page size, and answers no cursor on the last page', async () => {
    const page = await get('/api/revisions?before=11&limit=7');
    expect(page.revisions.map((r) => r.number)).toEqual([10, 9, 8, 7, 6, 5, 4]);
    expect(page.nextCursor).toBe(4);
    const last = await get('/api/revisions?before=4&limit=7');
    expect(last.revisions.map((r) => r.number)).toEqual([3, 2, 1]);
    expect(last.nextCursor).toBeNull();
    // Exactly a page left: still no further cursor.
    expect((await get('/api/revisions?before=4&limit=3')).nextCursor).toBeNull();
  });

  it('restores the first revision, reached through the pages', async () => {
    const oldest = (await get('/api/revisions?before=2')).revisions;
    expect(oldest.map((r) => r.number)).toEqual([1]);
    const res = await api(t, 'POST', '/api/revisions/1/restore', { cookie });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ revision: TOTAL + 1 });
    const restored = (await (await api(t, 'GET', `/api/content/${itemId}`, { cookie })).json()) as ContentEntry;
    expect(restored.item).not.toMatchObject({ text: `Phiên bản ${TOTAL}` });
    expect((await get('/api/revisions?limit=1')).revisions[0]!.number).toBe(TOTAL + 1);
  });

  it.each(['before=0', 'before=abc', 'limit=0', 'limit=101', 'limit=-1', 'before=1.5'])('refuses %s with 400 invalid_request', async (query) => {
    const res = await api(t, 'GET', `/api/revisions?${query}`, { cookie });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_request');
  });

  it('documents the cursor in the OpenAPI document', async () => {
    const doc = (await (await api(t, 'GET', '/api/openapi.json')).json()) as {
      paths: Record<string, { get: { parameters: { name: string }[]; responses: Record<string, { content: Record<string, { schema: { properties?: Record<string, unknown>; $ref?: string } }> }> } }>;
    };
    const op = doc.paths['/api/revisions']!.get;
    expect(op.parameters.map((p) => p.name).sort()).toEqual(['before', 'limit']);
    expect(JSON.stringify(op.responses['200'])).toContain('nextCursor');
  });
});
