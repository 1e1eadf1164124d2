import { beforeEach, describe, expect, it } from 'vitest';
import { api, createTestApp, dumpDb, errorOf, signIn, slogan, type TestApp } from '../testing/helpers.ts';

// API writes on a disk that refuses them (issue 11): a clear error in the standard shape,
// nothing half-written, /healthz degraded until writes succeed again, reads unaffected.
// The disk is a real SQLite limit: no page may be added (max_page_count), as on a full disk.

describe('writes on a full disk', () => {
  let t: TestApp;
  let cookie: string;
  beforeEach(async () => {
    t = await createTestApp();
    cookie = await signIn(t);
  });

  const fillDisk = () => t.db.pragma(`max_page_count = ${t.db.pragma('page_count', { simple: true }) as number}`);
  const freeDisk = () => t.db.pragma('max_page_count = 1073741823');
  const health = async () => (await (await api(t, 'GET', '/healthz', { origin: null })).json()) as Record<string, unknown>;
  const create = (i: number) => api(t, 'POST', '/api/content', { cookie, body: slogan(`Học nghề – lập nghiệp, lần ${i}`) });

  it('answers 507 disk_full, changes nothing, and says degraded on /healthz until a write succeeds again', async () => {
    expect(await health()).toMatchObject({ status: 'ok' });
    fillDisk();
    // Writes succeed while the pages they touch have room; the first that needs a new page fails.
    let before = dumpDb(t.db);
    let res = await create(0);
    for (let i = 1; res.status === 201 && i < 500; i++) {
      before = dumpDb(t.db);
      res = await create(i);
    }
    expect(res.status).toBe(507);
    expect(await errorOf(res)).toMatchObject({ code: 'disk_full', message: expect.stringMatching(/disk is full/) });
    // Nothing of it was kept: no item without its audit entry, or the reverse.
    expect(dumpDb(t.db)).toEqual(before);
    expect(await health()).toEqual({ status: 'degraded', reasons: ['disk_full'], version: expect.any(String), connectedScreens: 0, revision: 1 });

    // Space again: the next check's probe write succeeds and the state clears.
    freeDisk();
    t.services.storage.check();
    expect(await health()).toEqual({ status: 'ok', version: expect.any(String), connectedScreens: 0, revision: 1 });
    expect((await create(1000)).status).toBe(201);
  });

  it('answers 503 storage_read_only on a read-only disk', async () => {
    t.db.pragma('query_only = ON');
    const res = await api(t, 'POST', '/api/content', { cookie, body: slogan('Học nghề') });
    expect(res.status).toBe(503);
    expect(await errorOf(res)).toMatchObject({ code: 'storage_read_only' });
    expect(await health()).toMatchObject({ status: 'degraded', reasons: ['storage_read_only'] });
  });

  it('keeps answering reads while the session\'s own bookkeeping cannot be written', async () => {
    // Past the touch interval: reading the session wants to write its last-seen time.
    t.clock.advance(5 * 60_000);
    t.db.pragma('query_only = ON');
    const res = await api(t, 'GET', '/api/content', { cookie });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });
});
