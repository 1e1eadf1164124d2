import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IMAGE_MAX_BYTES, VIDEO_MAX_BYTES, type MediaEntry } from '../../playlists/index.ts';
import { mp4, webm } from '../../media/test-fixtures.ts';
import { addUser, addWard, sessionFor } from '../testing/accounts.ts';
import { api, createTestApp, dumpDb, errorOf, signIn, type TestApp } from '../testing/helpers.ts';
import { countingStream, mediaDir, picture, upload, uploaded } from '../testing/media.ts';

/** Uploads (DESIGN.md principle 6): a bad file gets a clear error, and no row and no file is left. */
describe('media uploads', () => {
  let t: TestApp;
  let cookie: string;
  let dir: ReturnType<typeof mediaDir>;
  let jpeg: Buffer;
  let png: Buffer;
  let before: { db: ReturnType<typeof dumpDb>; files: string[] };
  beforeAll(async () => {
    dir = mediaDir();
    t = await createTestApp({ mediaDir: dir.dir });
    cookie = await signIn(t);
    [jpeg, png] = await Promise.all([picture(1000, 600, 'jpeg'), picture(300, 200, 'png', 200)]);
  });
  afterAll(() => dir.dispose());
  beforeEach(() => {
    before = { db: dumpDb(t.db), files: dir.names() };
  });

  async function refused(res: Response, status: number, code: string) {
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    expect(error.message).not.toBe('');
    expect(dumpDb(t.db)).toEqual(before.db);
    expect(dir.names()).toEqual(before.files);
    return error;
  }

  it('stores a JPEG under its hash with WebP copies narrower than it, and audits it', async () => {
    const res = await upload(t, jpeg, { cookie, name: 'Ảnh tốt nghiệp.jpg' });
    expect(res.status).toBe(201);
    const entry = (await res.json()) as MediaEntry;
    expect(entry).toMatchObject({ kind: 'image', type: 'image/jpeg', bytes: jpeg.length, width: 1000, height: 600, durationMs: null, name: 'Ảnh tốt nghiệp.jpg', ownerWard: null, usedBy: [] });
    expect(entry.files.map((f) => [f.type, f.width, f.height])).toEqual([
      ['image/webp', 192, 115],
      ['image/webp', 384, 230],
      ['image/webp', 768, 461],
      ['image/jpeg', 1000, 600],
    ]);
    expect(entry.files.at(-1)).toMatchObject({ sha256: entry.id, url: `/media/${entry.id}.jpg` });
    const added = dir.names().filter((n) => !before.files.includes(n));
    expect(added.sort()).toEqual(entry.files.map((f) => f.url.slice('/media/'.length)).sort());
    const audit = t.db.prepare("SELECT action, object_id, username FROM audit_log WHERE object_type = 'media'").all();
    expect(audit).toEqual([{ action: 'create', object_id: entry.id, username: 'admin' }]);
  });

  it('answers the same bytes with the medium already stored (200), writing nothing', async () => {
    const first = await uploaded(t, png, { cookie, name: 'bieu-do.png' });
    const again = (before = { db: dumpDb(t.db), files: dir.names() }, await upload(t, png, { cookie, name: 'ten-khac.png' }));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
    expect(dumpDb(t.db)).toEqual(before.db);
    expect(dir.names()).toEqual(before.files);
  });

  it('stores MP4 and WebM clips with their probed size and length', async () => {
    const clip = await uploaded(t, mp4({ width: 1280, height: 720, duration: 6_500 }), { cookie, name: 'clip.mp4' });
    expect(clip).toMatchObject({ kind: 'video', type: 'video/mp4', width: 1280, height: 720, durationMs: 6_500 });
    expect(clip.files).toEqual([expect.objectContaining({ url: `/media/${clip.id}.mp4`, type: 'video/mp4' })]);
    const live = await uploaded(t, webm({ live: true, durationMs: 4_200 }), { cookie, name: 'clip.webm' });
    expect(live).toMatchObject({ kind: 'video', type: 'video/webm', width: 640, height: 360, durationMs: 4_200 });
  });

  it('refuses a text file named photo.jpg: the bytes decide the type (415)', async () => {
    await refused(await upload(t, Buffer.from('Đây không phải là ảnh.\n'.repeat(400)), { cookie, name: 'photo.jpg' }), 415, 'unsupported_file_type');
  });

  it.each([
    ['a GIF', 'gif'],
    ['an SVG (script can hide in one)', 'svg'],
  ])('refuses %s', async (_what, format) => {
    const bytes = format === 'gif' ? await picture(50, 50, 'png').then((b) => import('sharp').then((s) => s.default(b).gif().toBuffer())) : Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    await refused(await upload(t, bytes, { cookie, name: `x.${format}` }), 415, 'unsupported_file_type');
  });

  it('refuses a truncated JPEG (422)', async () => {
    await refused(await upload(t, jpeg.subarray(0, Math.floor(jpeg.length / 2)), { cookie, name: 'cut.jpg' }), 422, 'corrupt_image');
  });

  it('refuses a truncated PNG too small for any WebP copy (422)', async () => {
    const small = await picture(150, 100, 'png');
    await refused(await upload(t, small.subarray(0, small.length - 40), { cookie, name: 'cut.png' }), 422, 'corrupt_image');
  });

  it('refuses a truncated MP4 (422)', async () => {
    const whole = mp4({ mdatBytes: 50_000 });
    await refused(await upload(t, whole.subarray(0, whole.length - 10_000), { cookie, name: 'cut.mp4' }), 422, 'corrupt_video');
  });

  it('refuses a video whose length cannot be read (422)', async () => {
    await refused(await upload(t, webm({ durationMs: null }), { cookie, name: 'recorded.webm' }), 422, 'video_duration_unknown');
    await refused(await upload(t, mp4({ codec: 'hvc1' }), { cookie, name: 'hevc.mp4' }), 422, 'unsupported_video_codec');
  });

  it('cuts off an oversized image while streaming it (413), without reading the rest', async () => {
    const total = IMAGE_MAX_BYTES + 5 * 1024 * 1024;
    const body = countingStream(jpeg, total);
    await refused(await upload(t, body.stream, { cookie, name: 'huge.jpg' }), 413, 'file_too_large');
    expect(body.read()).toBeLessThan(IMAGE_MAX_BYTES + 256 * 1024);
  });

  it('refuses an upload whose declared length is over the limit before reading it (413)', async () => {
    const image = countingStream(jpeg, 10 * 1024 * 1024);
    await refused(await upload(t, image.stream, { cookie, contentLength: IMAGE_MAX_BYTES + 1 }), 413, 'file_too_large');
    // At most the first chunk and the one the stream queues behind it.
    expect(image.read()).toBeLessThanOrEqual(128 * 1024);
    const video = countingStream(mp4(), 10 * 1024 * 1024);
    await refused(await upload(t, video.stream, { cookie, contentLength: VIDEO_MAX_BYTES + 1 }), 413, 'file_too_large');
    // Only the chunk a new stream queues by itself: refused before reading.
    expect(video.read()).toBeLessThanOrEqual(64 * 1024);
  });

  it.each([
    ['../ in it', encodeURIComponent('../../etc/passwd.jpg')],
    ['an unencoded ../', '../photo.jpg'],
    ['a backslash path', encodeURIComponent('..\\..\\photo.jpg')],
    ['a control character', encodeURIComponent('photo\u0007.jpg')],
    ['over 200 characters', encodeURIComponent(`${'a'.repeat(201)}.jpg`)],
  ])('refuses a file name with %s (400)', async (_what, rawName) => {
    await refused(await upload(t, jpeg, { cookie, rawName }), 400, 'bad_filename');
  });

  it('refuses an empty body, a JSON body, and a request from another origin', async () => {
    await refused(await upload(t, new Uint8Array(0), { cookie, name: 'empty.jpg' }), 400, 'empty_file');
    await refused(await upload(t, jpeg, { cookie, contentType: 'image/jpeg' }), 415, 'unsupported_media_type');
    await refused(await upload(t, jpeg, { cookie, origin: 'http://evil.example' }), 403, 'bad_origin');
    await refused(await upload(t, jpeg, { cookie, origin: null }), 403, 'bad_origin');
  });

  it('lets viewers list media but not upload them', async () => {
    const viewer = sessionFor(t, await addUser(t, 'xem', 'viewer'));
    before = { db: dumpDb(t.db), files: dir.names() };
    await refused(await upload(t, jpeg, { cookie: viewer }), 403, 'forbidden');
    const list = await api(t, 'GET', '/api/media', { cookie: viewer });
    expect(list.status).toBe(200);
  });

  it('lists media newest first with the items that show them', async () => {
    const res = await api(t, 'GET', '/api/media', { cookie });
    const { media } = (await res.json()) as { media: MediaEntry[] };
    const demo = media.filter((m) => m.usedBy.length > 0);
    expect(demo.map((m) => m.usedBy[0]!.kind).sort()).toEqual(['image', 'story', 'video']);
    expect(demo.find((m) => m.usedBy[0]!.kind === 'story')!.usedBy[0]).toMatchObject({ label: 'Trần Minh Khôi', draft: true, published: true });
    const one = await api(t, 'GET', `/api/media/${demo[0]!.id}`, { cookie });
    expect(await one.json()).toEqual(demo[0]);
  });
});

describe('a ward operator in the media library', () => {
  it('uploads for its ward and deletes only its ward\'s media', async () => {
    const t = await createTestApp({ admin: false });
    addWard(t, '00004', 'Phường Ba Đình');
    addWard(t, '00007', 'Phường Hoàn Kiếm');
    const opA = sessionFor(t, await addUser(t, 'op.a', 'ward_operator', '00004'));
    const opB = sessionFor(t, await addUser(t, 'op.b', 'ward_operator', '00007'));
    const mine = await uploaded(t, await picture(120, 80, 'webp', 90), { cookie: opA, name: 'phuong.webp' });
    expect(mine).toMatchObject({ ownerWard: '00004', type: 'image/webp', files: [expect.objectContaining({ width: 120 })] });
    const refused = await api(t, 'DELETE', `/api/media/${mine.id}`, { cookie: opB });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('forbidden');
    expect((await api(t, 'DELETE', `/api/media/${mine.id}`, { cookie: opA })).status).toBe(204);
    const audit = t.db.prepare("SELECT action, ward_code FROM audit_log WHERE object_type = 'media' ORDER BY id").all();
    expect(audit).toEqual([{ action: 'create', ward_code: '00004' }, { action: 'delete', ward_code: '00004' }]);
  });
});
