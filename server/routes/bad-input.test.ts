import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_BODY_LIMIT } from '../app.ts';
import { ORIGIN, api, createTestApp, dumpDb, errorOf, signIn, slogan, type RequestOptions, type TestApp } from '../testing/helpers.ts';

/** Bad input gets a clear error and changes nothing (DESIGN.md, principle 6). */
describe('bad input', () => {
  let t: TestApp;
  let cookie: string;
  let itemId: string;
  let playlistId: string;
  let before: ReturnType<typeof dumpDb>;
  beforeAll(async () => {
    t = await createTestApp();
    cookie = await signIn(t);
    itemId = t.services.content.list()[0]!.item.id;
    playlistId = t.services.settings.get('default_playlist_id')!;
  });
  beforeEach(() => {
    before = dumpDb(t.db);
  });

  /** Sends a request and checks the status, the error code and body shape, and the database. */
  async function refused(method: string, path: string, opts: RequestOptions, status: number, code: string) {
    const res = await api(t, method, path, { cookie, ...opts });
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    expect(error.message).not.toBe('');
    expect(dumpDb(t.db)).toEqual(before);
    return error;
  }
  const putItem = (body: unknown) => refused('PUT', `/api/content/${itemId}`, { body }, 400, 'invalid_request');
  const postItem = (body: unknown) => refused('POST', '/api/content', { body }, 400, 'invalid_request');

  it.each([
    ['POST', '/api/content'],
    ['PUT', '/api/content/{item}'],
    ['PUT', '/api/playlists/{playlist}'],
    ['POST', '/api/session'],
  ])('answers 400 malformed_json to %s %s with broken JSON', async (method, path) => {
    const url = path.replace('{item}', itemId).replace('{playlist}', playlistId);
    await refused(method, url, { body: '{"kind": "slogan", ' }, 400, 'malformed_json');
  });

  it('answers 400 invalid_request with issues to an unknown field', async () => {
    const error = await postItem({ ...slogan('Học nghề'), color: 'red' });
    expect(error.issues).toEqual([expect.objectContaining({ message: expect.stringContaining('color') })]);
    const onPut = await putItem({ ...slogan('Học nghề'), id: 'c_other' });
    expect(onPut.issues?.length).toBeGreaterThan(0);
    const onPlaylist = await refused('PUT', `/api/playlists/${playlistId}`, { body: { name: 'A', itemIds: [], order: 'random' } }, 400, 'invalid_request');
    expect(onPlaylist.issues?.length).toBeGreaterThan(0);
  });

  it.each([
    ['empty', ''],
    ['whitespace-only', ' \t\n  '],
    ['zero-width-only', '\u200B\u200B'],
    ['over-long', 'đ'.repeat(161)],
  ])('refuses %s slogan text with issues naming the field', async (_name, text) => {
    const created = await postItem(slogan(text));
    expect(created.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'text' })]));
    await putItem(slogan(text));
  });

  it.each([
    ['negative', -8_000],
    ['zero', 0],
    ['below the minimum', 1_999],
    ['absurd', 1e9],
    ['fractional', 8_000.5],
    ['a string', '8000'],
    ['null', null],
  ])('refuses a %s duration', async (_name, durationMs) => {
    const error = await postItem({ ...slogan('Học nghề'), durationMs });
    expect(error.issues).toEqual([expect.objectContaining({ path: 'durationMs' })]);
    await putItem({ ...slogan('Học nghề'), durationMs });
  });

  it.each([0, 8, 3.5, -1])('refuses theme %s', async (theme) => {
    const error = await postItem({ ...slogan('Học nghề'), theme });
    expect(error.issues).toEqual([expect.objectContaining({ path: 'theme' })]);
  });

  it('refuses an unknown kind and a missing kind', async () => {
    await postItem({ ...slogan('Học nghề'), kind: 'video' });
    const { kind: _kind, ...withoutKind } = slogan('Học nghề');
    await postItem(withoutKind);
    await putItem({ ...slogan('Học nghề'), kind: 'video' });
  });

  it('refuses an item whose validity ends before it starts', async () => {
    const error = await postItem(slogan('Học nghề', { validFrom: '2026-12-01T00:00:00+07:00', validUntil: '2026-11-01T00:00:00+07:00' }));
    expect(error.issues).toEqual([expect.objectContaining({ path: 'validUntil' })]);
  });

  it('refuses a validity instant without an offset', async () => {
    await postItem(slogan('Học nghề', { validFrom: '2026-12-01T00:00:00' }));
  });

  it('answers 404 item_not_found to a PUT or DELETE of an unknown item', async () => {
    await refused('PUT', '/api/content/c_unknown', { body: slogan('Học nghề') }, 404, 'item_not_found');
    await refused('DELETE', '/api/content/c_unknown', {}, 404, 'item_not_found');
    await refused('GET', '/api/content/c_unknown', {}, 404, 'item_not_found');
  });

  it('answers 400 to an item id that is not an id', async () => {
    await refused('PUT', '/api/content/bad%20id', { body: slogan('Học nghề') }, 400, 'invalid_request');
  });

  it('answers 404 playlist_not_found to a PUT of an unknown playlist', async () => {
    await refused('PUT', '/api/playlists/p_unknown', { body: { name: 'A', itemIds: [itemId] } }, 404, 'playlist_not_found');
    await refused('GET', '/api/playlists/p_unknown', {}, 404, 'playlist_not_found');
  });

  it('answers 422 unknown_item to a playlist that names an unknown item', async () => {
    const error = await refused(
      'PUT', `/api/playlists/${playlistId}`, { body: { name: 'A', itemIds: [itemId, 'c_unknown'] } }, 422, 'unknown_item',
    );
    expect(error.issues).toEqual([{ path: 'itemIds.1', message: expect.stringContaining('c_unknown') }]);
  });

  it('refuses a playlist with an empty name or too many items', async () => {
    await refused('PUT', `/api/playlists/${playlistId}`, { body: { name: '  ', itemIds: [itemId] } }, 400, 'invalid_request');
    await refused('PUT', `/api/playlists/${playlistId}`, { body: { name: 'A', itemIds: Array(201).fill(itemId) } }, 400, 'invalid_request');
  });

  it('answers 409 item_in_use to deleting an item still in a playlist', async () => {
    const error = await refused('DELETE', `/api/content/${itemId}`, {}, 409, 'item_in_use');
    expect(error.issues).toEqual([expect.objectContaining({ path: `playlists.${playlistId}` })]);
  });

  it('answers 413 payload_too_large to a body over 256 KiB', async () => {
    const huge = { ...slogan('Học nghề'), secondary: 'x'.repeat(API_BODY_LIMIT) };
    await refused('POST', '/api/content', { body: huge }, 413, 'payload_too_large');
    // Without a Content-Length (a streamed body) the limit still holds.
    const res = await t.app.request(`${ORIGIN}/api/content`, {
      method: 'POST',
      headers: { Origin: ORIGIN, Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify(huge),
    });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('payload_too_large');
    expect(dumpDb(t.db)).toEqual(before);
  });

  it('answers 404 revision_not_found to restoring a revision that does not exist', async () => {
    await refused('POST', '/api/revisions/99/restore', {}, 404, 'revision_not_found');
  });

  it.each(['abc', '0', '-1', '1.5', '1e3', '9999999999'])('answers 400 to restoring revision %s', async (number) => {
    const error = await refused('POST', `/api/revisions/${number}/restore`, {}, 400, 'invalid_request');
    expect(error.issues).toEqual([expect.objectContaining({ path: 'number' })]);
  });

  it('answers 404 not_found as JSON to an unknown API path', async () => {
    await refused('GET', '/api/nope', {}, 404, 'not_found');
    await refused('POST', '/api/nope', { body: {} }, 404, 'not_found');
  });

  it.each([
    ['POST', '/api/content'],
    ['PUT', '/api/content/{item}'],
    ['DELETE', '/api/content/{item}'],
    ['POST', '/api/publish'],
    ['POST', '/api/session'],
    ['DELETE', '/api/session'],
  ])('answers 403 bad_origin to %s %s without an Origin or from another origin', async (method, path) => {
    const url = path.replace('{item}', itemId);
    const body = method === 'DELETE' ? undefined : slogan('Học nghề');
    for (const origin of [null, 'https://evil.example', 'http://localhost:8080', 'null']) {
      await refused(method, url, { origin, body }, 403, 'bad_origin');
    }
  });

  it('answers 415 unsupported_media_type to a body that is not JSON', async () => {
    const body = JSON.stringify(slogan('Học nghề'));
    await refused('POST', '/api/content', { body, contentType: 'text/plain' }, 415, 'unsupported_media_type');
    await refused('POST', '/api/content', { body, contentType: null }, 415, 'unsupported_media_type');
    await refused('PUT', `/api/content/${itemId}`, { body, contentType: 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type');
  });

  it('answers 415 unsupported_media_type to a non-JSON content type even on an empty body', async () => {
    await refused('POST', '/api/content', { contentType: 'text/plain', headers: { 'Content-Length': '0' } }, 415, 'unsupported_media_type');
  });

  it('answers 409 nothing_to_publish when nothing is pending', async () => {
    await refused('POST', '/api/publish', {}, 409, 'nothing_to_publish');
  });
});
