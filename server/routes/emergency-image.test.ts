import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve, type EmergencyStatus, type MediaEntry } from '../../playlists/index.ts';
import { mp4 } from '../../media/test-fixtures.ts';
import { api, connectPlayer, createTestApp, dumpDb, errorOf, lastManifest, signIn, type TestApp } from '../testing/helpers.ts';
import { mediaDir, picture, uploaded } from '../testing/media.ts';

/** An emergency message with a picture of the media library. */
describe('emergency with an image', () => {
  let t: TestApp;
  let cookie: string;
  let dir: ReturnType<typeof mediaDir>;
  let photo: MediaEntry;
  let clip: MediaEntry;
  beforeAll(async () => {
    dir = mediaDir();
    t = await createTestApp({ mediaDir: dir.dir });
    cookie = await signIn(t);
    photo = await uploaded(t, await picture(1200, 800, 'jpeg', 200), { cookie, name: 'ngap-lut.jpg' });
    clip = await uploaded(t, mp4({ duration: 4_000 }), { cookie, name: 'clip.mp4' });
  });
  afterAll(() => dir.dispose());
  const send = (body: unknown) => api(t, 'POST', '/api/emergencies', { cookie, body });

  it('[S1] carries the picture in the emergency item and its medium, with every file, in the manifest', async () => {
    const player = connectPlayer(t);
    const res = await send({ text: 'Ngập sâu phố Hàng Bài: đi đường khác', imageMediaId: photo.id });
    expect(res.status).toBe(201);
    const { scheduleId } = (await res.json()) as { scheduleId: string };
    const manifest = lastManifest(player);
    const now = resolve(manifest, t.clock.now()).main;
    expect(now).toMatchObject({ item: { kind: 'slogan', text: 'Ngập sâu phố Hàng Bài: đi đường khác', image: photo.id }, reason: { tier: 'emergency', scheduleId } });
    const medium = manifest.media.find((m) => m.id === photo.id);
    expect(medium?.files.map((f) => f.width)).toEqual(photo.files.map((f) => f.width));
    const [listed] = ((await (await api(t, 'GET', '/api/emergencies', { cookie })).json()) as { emergencies: EmergencyStatus[] }).emergencies;
    expect(listed).toMatchObject({ scheduleId, imageMediaId: photo.id });
  });

  it.each([
    ['a medium the library does not have', () => 'a'.repeat(64), 422, 'unknown_media'],
    ['a video instead of an image', () => clip.id, 422, 'wrong_media_kind'],
    ['a malformed media id', () => 'ngap-lut.jpg', 400, 'invalid_request'],
  ])('refuses %s and writes nothing, pushes nothing', async (_what, id, status, code) => {
    const player = connectPlayer(t);
    const frames = player.socket.frames.length;
    const before = dumpDb(t.db);
    const res = await send({ text: 'Cảnh báo', imageMediaId: id() });
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    if (status === 422) expect(error.issues?.[0]?.path).toBe('image');
    expect(dumpDb(t.db)).toEqual(before);
    expect(player.socket.frames.length).toBe(frames);
  });
});
