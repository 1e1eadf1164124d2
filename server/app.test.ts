import { beforeAll, describe, expect, it } from 'vitest';
import { api, createTestApp, errorOf, signIn, type TestApp } from './testing/helpers.ts';

type OpenApiDoc = { openapi: string; paths: Record<string, Record<string, unknown>> };

/** The /api routes the app answers, as OpenAPI paths with their methods. */
function registeredApiRoutes(t: TestApp): string[] {
  const routes = t.app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
    // The documentation itself is not an API operation.
    .filter((r) => r.path !== '/api/openapi.json' && !r.path.startsWith('/api/docs'))
    .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
  return [...new Set(routes)].sort();
}

/** The /api operations the document describes (it also describes the public `/media/{file}`). */
const documentedRoutes = (doc: OpenApiDoc) =>
  Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/api/'))
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`))
    .sort();

const concrete = (path: string) => path.replace('{id}', 'x_unknown').replace('{number}', '1');

describe('app', () => {
  let t: TestApp;
  let doc: OpenApiDoc;
  beforeAll(async () => {
    t = await createTestApp();
    doc = (await (await api(t, 'GET', '/api/openapi.json')).json()) as OpenApiDoc;
  });

  it('answers /healthz with status ok, the revision and the connected screens', async () => {
    const res = await api(t, 'GET', '/healthz', { origin: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: 'ok', version: expect.any(String), connectedScreens: 0, revision: 1 });
  });

  it('serves the OpenAPI document without a session', async () => {
    const res = await api(t, 'GET', '/api/openapi.json', { origin: null });
    expect(res.status).toBe(200);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('documents every /api route the app defines, and only those', () => {
    const registered = registeredApiRoutes(t);
    expect(registered).toEqual(
      expect.arrayContaining([
        'post /api/session', 'delete /api/session', 'get /api/content', 'post /api/content', 'put /api/content/{id}',
        'get /api/playlists', 'put /api/playlists/{id}', 'post /api/publish', 'get /api/revisions',
        'post /api/revisions/{number}/restore', 'get /api/screens',
      ]),
    );
    expect(documentedRoutes(doc)).toEqual(registered);
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/'))).toEqual(['/media/{file}']);
  });

  it('answers 401 on every protected route without a session', async () => {
    // Signing in is anonymous, and so is asking whether one is signed in, and a new screen's pairing.
    const anonymous = ['post /api/session', 'get /api/session', 'post /api/pairing', 'get /api/pairing/{pairingId}'];
    const protectedRoutes = documentedRoutes(doc).filter((r) => !anonymous.includes(r));
    expect(protectedRoutes.length).toBeGreaterThanOrEqual(12);
    for (const route of protectedRoutes) {
      const [method, path] = route.split(' ') as [string, string];
      const res = await api(t, method.toUpperCase(), concrete(path), method === 'get' ? {} : { body: {} });
      expect(res.status, route).toBe(401);
      expect((await errorOf(res)).code, route).toBe('unauthenticated');
    }
  });

  it('answers 401 to a session cookie it did not issue', async () => {
    const res = await api(t, 'GET', '/api/content', { cookie: 'bt_session=forged-session-id' });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('unauthenticated');
  });

  it('answers an unknown /api path with a JSON 404', async () => {
    const res = await api(t, 'GET', '/api/nope');
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ code: 'not_found', message: expect.any(String) });
  });

  it('answers an unknown page outside /api with plain text', async () => {
    const res = await api(t, 'GET', '/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('sets nosniff and no-referrer on API answers', async () => {
    const res = await api(t, 'GET', '/api/nope');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('lets a signed-in admin read every list', async () => {
    const cookie = await signIn(t);
    for (const path of ['/api/session', '/api/content', '/api/playlists', '/api/publish', '/api/revisions', '/api/screens']) {
      const res = await api(t, 'GET', path, { cookie });
      expect(res.status, path).toBe(200);
    }
  });
});
