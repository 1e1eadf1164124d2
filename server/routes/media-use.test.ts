import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pickFile, type ContentEntry, type ContentFields, type MediaEntry } from '../../playlists/index.ts';
import { mp4 } from '../../media/test-fixtures.ts';
import { api, connectPlayer, createTestApp, dumpDb, errorOf, type FakePlayer, lastManifest, signIn, type TestApp } from '../testing/helpers.ts';
import { mediaDir, picture, uploaded } from '../testing/media.ts';

const image = (media: string): ContentFields => ({ kind: 'image', theme: 6, durationMs: 8_000, media, fit: 'contain', caption: 'Xưởng thực hành' });
const video = (media: string): ContentFields => ({ kind: 'video', theme: 5, durationMs: 8_000, media, playToEnd: true });
const story = (photo: string): ContentFields => ({ kind: 'story', theme: 7, durationMs: 10_000, photo, name: 'Lê Thu Hà', trade: 'May thời trang', school: 'Trung cấp nghề' });

/** Items refer to media; media in use stay; manifests carry what their items show. */
describe('media in use', () => {
  let t: TestApp;
  let cookie: string;
  let dir: ReturnType<typeof mediaDir>;
  let photo: MediaEntry;
  let clip: MediaEntry;
  let player: FakePlayer;
  beforeAll(async () => {
    dir = mediaDir();
    t = await createTestApp({ mediaDir: dir.dir });
    cookie = await signIn(t);
    photo = await uploaded(t, await picture(900, 600, 'jpeg', 120), { cookie, name: 'xuong.jpg' });
    clip = await uploaded(t, mp4({ duration: 9_000 }), { cookie, name: 'clip.mp4' });
    player = connectPlayer(t);
  });
  afterAll(() => dir.dispose());

  const send = (method: string, path: string, body?: unknown) => api(t, method, path, { cookie, body });

  describe('saving an item', () => {
    let before: ReturnType<typeof dumpDb>;
    let itemId: string;
    beforeAll(async () => {
      itemId = ((await (await send('POST', '/api/content', image(photo.id))).json()) as ContentEntry).item.id;
    });
    beforeEach(() => {
      before = dumpDb(t.db);
    });

    it.each([
      ['an image item with a medium the library lacks', () => image('f'.repeat(64)), 'unknown_media', 'media'],
      ['an image item showing a video', () => image(clip.id), 'wrong_media_kind', 'media'],
      ['a video item playing an image', () => video(photo.id), 'wrong_media_kind', 'media'],
      ['a story whose photo is a video', () => story(clip.id), 'wrong_media_kind', 'photo'],
      ['a story whose photo is missing', () => story('e'.repeat(64)), 'unknown_media', 'photo'],
    ])('refuses %s with 422, writing nothing', async (_what, fields, code, path) => {
      for (const [method, url] of [['POST', '/api/content'], ['PUT', `/api/content/${itemId}`]] as const) {
        const res = await send(method, url, fields());
        expect(res.status).toBe(422);
        const error = await errorOf(res);
        expect(error.code).toBe(code);
        expect(error.issues).toEqual([expect.objectContaining({ path })]);
        expect(dumpDb(t.db)).toEqual(before);
      }
    });

    it('accepts each kind with a medium of its own kind', async () => {
      for (const fields of [image(photo.id), video(clip.id), story(photo.id)]) expect((await send('POST', '/api/content', fields)).status).toBe(201);
    });
  });

  it('refuses to delete a medium a draft or published item shows, naming the items', async () => {
    const { item } = (await (await send('POST', '/api/content', story(photo.id))).json()) as ContentEntry;
    const before = { db: dumpDb(t.db), files: dir.names() };
    const res = await send('DELETE', `/api/media/${photo.id}`);
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error.code).toBe('media_in_use');
    expect(error.issues).toContainEqual({ path: `items.${item.id}`, message: 'story "Lê Thu Hà" (draft)' });
    expect(dumpDb(t.db)).toEqual(before.db);
    expect(dir.names()).toEqual(before.files);
  });

  it('deletes a medium once no draft and no published item shows it, files too', async () => {
    const photo2 = await uploaded(t, await picture(500, 500, 'png', 300), { cookie, name: 'rieng.png' });
    const { item } = (await (await send('POST', '/api/content', image(photo2.id))).json()) as ContentEntry;
    expect((await send('POST', '/api/publish')).status).toBe(201);
    expect((await send('DELETE', `/api/content/${item.id}`)).status).toBe(204);
    const stillPublished = await send('DELETE', `/api/media/${photo2.id}`);
    expect(stillPublished.status).toBe(409);
    expect((await errorOf(stillPublished)).issues).toEqual([{ path: `items.${item.id}`, message: 'image "Xưởng thực hành" (published)' }]);

    expect((await send('POST', '/api/publish')).status).toBe(201);
    const files = photo2.files.map((f) => f.url.slice('/media/'.length));
    expect(dir.names()).toEqual(expect.arrayContaining(files));
    expect((await send('DELETE', `/api/media/${photo2.id}`)).status).toBe(204);
    expect(dir.names().filter((n) => files.includes(n))).toEqual([]);
    expect((await send('GET', `/api/media/${photo2.id}`)).status).toBe(404);
    expect((await api(t, 'GET', photo2.files[0]!.url)).status).toBe(404);
    expect((await send('DELETE', `/api/media/${photo2.id}`)).status).toBe(404);
    const audit = t.db.prepare("SELECT action FROM audit_log WHERE object_type = 'media' AND object_id = ?").all(photo2.id);
    expect(audit).toEqual([{ action: 'create' }, { action: 'delete' }]);
  });

  it('puts the media of every item a manifest carries into it, with their files', async () => {
    const manifest = lastManifest(player);
    const referenced = new Set(manifest.items.flatMap((i) => (i.kind === 'image' || i.kind === 'video' ? [i.media] : i.kind === 'story' && i.photo ? [i.photo] : [])));
    expect(manifest.media.map((m) => m.id)).toEqual([...referenced].sort());
    expect(referenced.size).toBe(3);
    for (const m of manifest.media) {
      for (const f of m.files) expect((await api(t, 'GET', f.url, { cookie: undefined })).status).toBe(200);
    }
    const clipInfo = manifest.media.find((m) => m.kind === 'video')!;
    expect(clipInfo.durationMs).toBeGreaterThan(6_000);
    // A 192×96 LED gets a 192-pixel-wide copy of each picture, never the original.
    for (const m of manifest.media.filter((x) => x.kind === 'image')) expect(pickFile(m, 192, 96).width).toBe(192);
  });

  it('changes the manifest version when an item shows another medium', async () => {
    const demoImage = lastManifest(player).items.find((i) => i.kind === 'image')!;
    const version = lastManifest(player).version;
    const { id, revision: _revision, ...fields } = demoImage;
    expect((await send('PUT', `/api/content/${id}`, { ...fields, media: photo.id })).status).toBe(200);
    expect((await send('POST', '/api/publish')).status).toBe(201);
    const next = lastManifest(player);
    expect(next.version).not.toBe(version);
    expect(next.media.map((m) => m.id)).toContain(photo.id);
    expect(next.media.find((m) => m.id === photo.id)).toEqual(expect.objectContaining({ width: 900, height: 600, files: photo.files }));
  });
});
