import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentEntry, ContentFields, MediaEntry, MediaList } from '../../playlists/index.ts';
import { addUser, addWard, sessionFor } from '../testing/accounts.ts';
import { api, createTestApp, dumpDb, errorOf, signIn, type TestApp } from '../testing/helpers.ts';
import { mediaDir, picture, upload, uploaded } from '../testing/media.ts';

const WARD_A = '00004';
const WARD_B = '00007';
const image = (media: string, caption: string): ContentFields => ({ kind: 'image', theme: 6, durationMs: 8_000, media, fit: 'contain', caption });

/** Text that only its author's scope (ward B, or the city before approval) may read. */
const SECRETS = ['Nháp bí mật phường B', 'Tin phường B đã phát', 'Nháp thành phố chưa duyệt', 'Bản sửa chưa duyệt'];

/**
 * The media library's "used by" (issue 11, item 6): a ward operator sees the uses it could open
 * itself — its own ward's items, and the city's items as published (on air, approved) — and a
 * count of the others, never their text; city staff see every use.
 */
describe('media uses by scope', () => {
  let t: TestApp;
  let dir: ReturnType<typeof mediaDir>;
  let photo: MediaEntry;
  let photoBytes: Buffer;
  const cookie = { admin: '', editor: '', opA: '', opB: '' };
  const ids = { ownDraft: '', city: '', cityDraft: '', wardBDraft: '', wardBPublished: '' };

  async function post(who: keyof typeof cookie, path: string, body?: unknown): Promise<unknown> {
    const res = await api(t, 'POST', path, { cookie: cookie[who], body });
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }
  const create = async (who: keyof typeof cookie, fields: ContentFields) => ((await post(who, '/api/content', fields)) as ContentEntry).item.id;

  beforeAll(async () => {
    dir = mediaDir();
    t = await createTestApp({ mediaDir: dir.dir });
    addWard(t, WARD_A, 'Phường Ba Đình');
    addWard(t, WARD_B, 'Phường Hoàn Kiếm');
    cookie.admin = await signIn(t);
    cookie.editor = sessionFor(t, await addUser(t, 'city.editor', 'editor'));
    cookie.opA = sessionFor(t, await addUser(t, 'op.a', 'ward_operator', WARD_A));
    cookie.opB = sessionFor(t, await addUser(t, 'op.b', 'ward_operator', WARD_B));
    photoBytes = await picture(640, 400, 'jpeg', 80);
    photo = await uploaded(t, photoBytes, { cookie: cookie.opA, name: 'san-truong.jpg' });

    // The city's item, approved (an admin's own save) and on air; then an editor's unapproved change.
    ids.city = await create('admin', image(photo.id, 'Ảnh thành phố đã phát'));
    await post('admin', '/api/publish');
    const res = await api(t, 'PUT', `/api/content/${ids.city}`, { cookie: cookie.editor, body: image(photo.id, 'Bản sửa chưa duyệt') });
    expect(res.status).toBe(200);
    ids.cityDraft = await create('editor', image(photo.id, 'Nháp thành phố chưa duyệt'));
    ids.wardBPublished = await create('opB', image(photo.id, 'Tin phường B đã phát'));
    await post('opB', '/api/publish');
    ids.wardBDraft = await create('opB', image(photo.id, 'Nháp bí mật phường B'));
    ids.ownDraft = await create('opA', image(photo.id, 'Ảnh phường A'));
  });
  afterAll(() => dir.dispose());

  const expectNoSecrets = (text: string) => {
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    for (const id of [ids.cityDraft, ids.wardBDraft, ids.wardBPublished]) expect(text).not.toContain(id);
  };

  it("shows a ward operator its own ward's uses and the city's published ones, and only counts the rest", async () => {
    const one = await api(t, 'GET', `/api/media/${photo.id}`, { cookie: cookie.opA });
    expect(one.status).toBe(200);
    const text = await one.text();
    expectNoSecrets(text);
    const entry = JSON.parse(text) as MediaEntry;
    expect(entry.usedBy.map((u) => u.itemId).sort()).toEqual([ids.ownDraft, ids.city].sort());
    expect(entry.usedBy.find((u) => u.itemId === ids.ownDraft)).toEqual({ itemId: ids.ownDraft, kind: 'image', label: 'Ảnh phường A', draft: true, published: false });
    // The city's item as it is on air: its unapproved change is neither shown nor hinted at.
    expect(entry.usedBy.find((u) => u.itemId === ids.city)).toEqual({ itemId: ids.city, kind: 'image', label: 'Ảnh thành phố đã phát', draft: false, published: true });
    expect(entry.otherUses).toBe(3);

    const list = await api(t, 'GET', '/api/media', { cookie: cookie.opA });
    const listText = await list.text();
    expectNoSecrets(listText);
    const listed = (JSON.parse(listText) as MediaList).media.find((m) => m.id === photo.id)!;
    expect(listed.usedBy).toEqual(entry.usedBy);
    expect(listed.otherUses).toBe(3);

    // Uploading the same bytes again answers the stored medium, scoped the same way.
    const again = await upload(t, photoBytes, { cookie: cookie.opA, name: 'lai-lan-nua.jpg' });
    expect(again.status).toBe(200);
    const againText = await again.text();
    expectNoSecrets(againText);
    expect((JSON.parse(againText) as MediaEntry).otherUses).toBe(3);
  });

  it('shows ward B its own draft and published uses but not ward A\'s draft', async () => {
    const entry = (await (await api(t, 'GET', `/api/media/${photo.id}`, { cookie: cookie.opB })).json()) as MediaEntry;
    expect(entry.usedBy.map((u) => u.itemId).sort()).toEqual([ids.city, ids.wardBDraft, ids.wardBPublished].sort());
    expect(JSON.stringify(entry)).not.toContain('Ảnh phường A');
    expect(entry.otherUses).toBe(2);
  });

  it('shows city staff every use', async () => {
    for (const who of ['admin', 'editor'] as const) {
      const entry = (await (await api(t, 'GET', `/api/media/${photo.id}`, { cookie: cookie[who] })).json()) as MediaEntry;
      expect(entry.usedBy.map((u) => u.itemId).sort()).toEqual(Object.values(ids).sort());
      expect(entry.usedBy.find((u) => u.itemId === ids.city)).toMatchObject({ label: 'Bản sửa chưa duyệt', draft: true, published: true });
      expect(entry.otherUses).toBe(0);
    }
  });

  it('refuses a ward operator deleting a medium used elsewhere without naming the other uses', async () => {
    const before = { db: dumpDb(t.db), files: dir.names() };
    const res = await api(t, 'DELETE', `/api/media/${photo.id}`, { cookie: cookie.opA });
    expect(res.status).toBe(409);
    const text = await res.clone().text();
    expectNoSecrets(text);
    const error = await errorOf(res);
    expect(error.code).toBe('media_in_use');
    expect(error.issues).toHaveLength(3);
    expect(error.issues).toEqual(expect.arrayContaining([
      { path: `items.${ids.ownDraft}`, message: 'image "Ảnh phường A" (draft)' },
      { path: `items.${ids.city}`, message: 'image "Ảnh thành phố đã phát" (published)' },
    ]));
    expect(error.issues?.at(-1)).toEqual({ path: 'otherUses', message: '3 items of other wards or the city' });
    expect(dumpDb(t.db)).toEqual(before.db);
    expect(dir.names()).toEqual(before.files);
  });

  it('still refuses the delete when every use is hidden from the ward operator', async () => {
    const lone = await uploaded(t, await picture(320, 200, 'png', 140), { cookie: cookie.opA, name: 'rieng.png' });
    await create('opB', image(lone.id, 'Nháp bí mật phường B'));
    const before = { db: dumpDb(t.db), files: dir.names() };
    const res = await api(t, 'DELETE', `/api/media/${lone.id}`, { cookie: cookie.opA });
    expect(res.status).toBe(409);
    expectNoSecrets(await res.clone().text());
    expect((await errorOf(res)).issues).toEqual([{ path: 'otherUses', message: '1 item of another ward or the city' }]);
    expect(dumpDb(t.db)).toEqual(before.db);
    expect(dir.names()).toEqual(before.files);
  });
});
