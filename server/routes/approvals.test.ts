import { beforeEach, describe, expect, it } from 'vitest';
import { resolve, type ApprovalQueue, type ContentEntry, type Pending } from '../../playlists/index.ts';
import { submissionVersion } from '../content/review-policy.ts';
import { addUser, addWard, sessionFor } from '../testing/accounts.ts';
import { api, connectPlayer, createTestApp, dumpDb, errorOf, type FakePlayer, lastManifest, slogan, type TestApp } from '../testing/helpers.ts';

const WARD = '00004';
type Who = 'admin' | 'editor' | 'editor2' | 'approver' | 'viewer' | 'ward';

describe('approval of city content', () => {
  let t: TestApp;
  let player: FakePlayer;
  let playlistId: string;
  const cookie = {} as Record<Who, string>;

  beforeEach(async () => {
    t = await createTestApp({ admin: false });
    addWard(t, WARD, 'Phường Ba Đình');
    for (const who of ['admin', 'editor', 'editor2', 'approver', 'viewer'] as const) {
      cookie[who] = sessionFor(t, await addUser(t, who, who === 'editor2' ? 'editor' : who));
    }
    cookie.ward = sessionFor(t, await addUser(t, 'ward', 'ward_operator', WARD));
    playlistId = t.services.settings.get('default_playlist_id')!;
    player = connectPlayer(t);
  });

  const as = (who: Who, method: string, path: string, body?: unknown) => api(t, method, path, { cookie: cookie[who], body });
  async function ok<T>(who: Who, method: string, path: string, body?: unknown): Promise<T> {
    const res = await as(who, method, path, body);
    if (res.status >= 300) throw new Error(`${who} ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
  /** An approve or reject body naming the submission as it is now (what the approver sees). */
  const saw = (id: string, extra: object = {}) => ({ version: submissionVersion(t.services.content.get(id)!.item), ...extra });
  const review = async (id: string) => (await ok<ContentEntry>('viewer', 'GET', `/api/content/${id}`)).review;
  const publishedText = (id: string) => {
    const item = t.services.revisions.latest().snapshot.items.find((i) => i.id === id);
    return item?.kind === 'slogan' ? item.text : item ? item.kind : undefined;
  };
  /** An editor's new item, listed at the end of the default playlist (playlists need no approval). */
  async function newItem(text: string, who: Who = 'editor'): Promise<string> {
    const { item } = await ok<ContentEntry>(who, 'POST', '/api/content', slogan(text, { durationMs: 2_000 }));
    const playlist = t.services.playlists.get(playlistId)!.playlist;
    await ok(who, 'PUT', `/api/playlists/${playlistId}`, { name: playlist.name, itemIds: [...playlist.itemIds, item.id] });
    return item.id;
  }
  const cityItem = () => t.services.content.list().find((s) => s.ownerWard === null)!.item.id;

  it("moves an editor's new item from draft through submitted to approved, and only then publishes it", async () => {
    const id = await newItem('Học nghề hôm nay, vững nghề ngày mai');
    expect(await review(id)).toMatchObject({ state: 'draft', hasApproved: false });
    expect((await ok<Pending>('viewer', 'GET', '/api/publish')).summary.items.added).toEqual([]);

    const submitted = await ok<ContentEntry>('editor', 'POST', `/api/content/${id}/submit`);
    expect(submitted.review).toMatchObject({ state: 'submitted', submittedBy: 'editor', submittedAt: '2026-11-26T09:00:00+07:00' });
    expect((await ok<Pending>('viewer', 'GET', '/api/publish')).awaitingApproval).toBe(1);

    t.clock.advance(60_000);
    const approved = await ok<ContentEntry>('approver', 'POST', `/api/content/${id}/approve`, saw(id));
    expect(approved.review).toMatchObject({ state: 'approved', reviewedBy: 'approver', reviewedAt: '2026-11-26T09:01:00+07:00', hasApproved: true });
    const pending = await ok<Pending>('viewer', 'GET', '/api/publish');
    expect(pending).toMatchObject({ awaitingApproval: 0, summary: { items: { added: [id] } } });
    await ok('approver', 'POST', '/api/publish');
    expect(publishedText(id)).toBe('Học nghề hôm nay, vững nghề ngày mai');
    expect(lastManifest(player).items.map((i) => i.id)).toContain(id);

    const actions = t.db.prepare<[string], { action: string; username: string }>(
      "SELECT action, username FROM audit_log WHERE object_id = ? AND action IN ('submit', 'approve') ORDER BY id",
    ).all(id);
    expect(actions).toEqual([{ action: 'submit', username: 'editor' }, { action: 'approve', username: 'approver' }]);
  });

  it('keeps the approved version on air while an edit waits, and sends the new one once approved', async () => {
    const id = cityItem();
    const before = publishedText(id);
    await ok('editor', 'PUT', `/api/content/${id}`, slogan('Bản sửa chờ duyệt'));
    expect(await review(id)).toMatchObject({ state: 'draft', hasApproved: true });
    // Something else is publishable: the edited item still goes out as approved.
    const other = await newItem('Tay nghề vững, tương lai sáng', 'admin');
    await ok('approver', 'POST', '/api/publish');
    expect(publishedText(id)).toBe(before);
    expect(publishedText(other)).toBe('Tay nghề vững, tương lai sáng');

    await ok('editor', 'POST', `/api/content/${id}/submit`);
    await ok('approver', 'POST', `/api/content/${id}/approve`, saw(id));
    await ok('approver', 'POST', '/api/publish');
    expect(publishedText(id)).toBe('Bản sửa chờ duyệt');
  });

  it('counts an edit back to the approved text as approved, with nothing to review', async () => {
    const id = cityItem();
    const { id: _id, ...fields } = t.services.content.get(id)!.item;
    await ok('editor', 'PUT', `/api/content/${id}`, slogan('Tạm sửa'));
    expect((await review(id))?.state).toBe('draft');
    await ok('editor', 'PUT', `/api/content/${id}`, fields);
    expect((await review(id))?.state).toBe('approved');
  });

  it('rejects with a reason shown to the editor, who edits and submits again', async () => {
    const id = await newItem('Khẩu hiệu chưa đạt');
    await ok('editor', 'POST', `/api/content/${id}/submit`);
    const rejected = await ok<ContentEntry>('approver', 'POST', `/api/content/${id}/reject`, saw(id, { reason: '  Sai chính tả ở dòng đầu  ' }));
    expect(rejected.review).toMatchObject({ state: 'rejected', reason: 'Sai chính tả ở dòng đầu', reviewedBy: 'approver' });
    expect((await ok<ContentEntry>('editor', 'GET', `/api/content/${id}`)).review?.reason).toBe('Sai chính tả ở dòng đầu');

    await ok('editor', 'PUT', `/api/content/${id}`, slogan('Khẩu hiệu đã sửa'));
    const draft = await review(id);
    expect(draft?.state).toBe('draft');
    expect(draft?.reason).toBeUndefined();
    await ok('editor', 'POST', `/api/content/${id}/submit`);
    await ok('approver', 'POST', `/api/content/${id}/approve`, saw(id));
    await ok('approver', 'POST', '/api/publish');
    expect(publishedText(id)).toBe('Khẩu hiệu đã sửa');
  });

  it('approves an admin\'s own save at once, with the admin as reviewer', async () => {
    const { item, review: r } = await ok<ContentEntry>('admin', 'POST', '/api/content', slogan('Tin của quản trị'));
    expect(r).toMatchObject({ state: 'approved', reviewedBy: 'admin' });
    expect((await ok<Pending>('viewer', 'GET', '/api/publish')).summary.items.added).toEqual([item.id]);
  });

  it('refuses an approver approving their own submission (403 own_submission) and changes nothing', async () => {
    const id = await newItem('Tin do quản trị gửi duyệt');
    await ok('admin', 'POST', `/api/content/${id}/submit`);
    const before = dumpDb(t.db);
    const res = await as('admin', 'POST', `/api/content/${id}/approve`, saw(id));
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('own_submission');
    expect(dumpDb(t.db)).toEqual(before);
    const queue = await ok<ApprovalQueue>('admin', 'GET', '/api/approvals');
    expect(queue.items.find((e) => e.id === id)?.own).toBe(true);
    expect((await ok<ContentEntry>('approver', 'POST', `/api/content/${id}/approve`, saw(id))).review?.state).toBe('approved');
  });

  it.each([
    ['editor', 'approve'],
    ['editor', 'reject'],
    ['viewer', 'submit'],
    ['viewer', 'archive'],
    ['approver', 'submit'],
    ['ward', 'submit'],
    ['ward', 'approve'],
    ['ward', 'archive'],
  ] as const)('answers 403 forbidden to a %s who tries to %s, and changes nothing', async (who, action) => {
    const id = await newItem('Tin chờ duyệt');
    await ok('editor2', 'POST', `/api/content/${id}/submit`);
    const before = dumpDb(t.db);
    const body = action === 'reject' ? saw(id, { reason: 'Không đạt' }) : action === 'approve' ? saw(id) : undefined;
    const res = await as(who, 'POST', `/api/content/${id}/${action}`, body);
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('forbidden');
    expect(dumpDb(t.db)).toEqual(before);
  });

  type Setup = 'draft' | 'submitted' | 'approved' | 'rejected' | 'archived';
  async function itemIn(state: Setup): Promise<string> {
    const id = await newItem(`Tin ở trạng thái ${state}`);
    if (state === 'draft') return id;
    if (state === 'archived') {
      await ok('editor', 'POST', `/api/content/${id}/archive`);
      return id;
    }
    await ok('editor', 'POST', `/api/content/${id}/submit`);
    if (state === 'approved') await ok('approver', 'POST', `/api/content/${id}/approve`, saw(id));
    if (state === 'rejected') await ok('approver', 'POST', `/api/content/${id}/reject`, saw(id, { reason: 'Chưa đạt' }));
    return id;
  }

  it.each([
    ['draft', 'approver', 'approve', 'not_submitted'],
    ['draft', 'approver', 'reject', 'not_submitted'],
    ['draft', 'editor', 'unarchive', 'not_archived'],
    ['submitted', 'editor', 'submit', 'not_submittable'],
    ['approved', 'editor', 'submit', 'not_submittable'],
    ['approved', 'approver', 'approve', 'not_submitted'],
    ['approved', 'approver', 'reject', 'not_submitted'],
    ['rejected', 'approver', 'approve', 'not_submitted'],
    ['rejected', 'approver', 'reject', 'not_submitted'],
    ['archived', 'editor', 'submit', 'not_submittable'],
    ['archived', 'approver', 'approve', 'not_submitted'],
    ['archived', 'editor', 'archive', 'already_archived'],
  ] as const)('refuses on a %s item: %s %s answers 409 %s and changes nothing', async (state, who, action, code) => {
    const id = await itemIn(state);
    const before = dumpDb(t.db);
    const body = action === 'reject' ? saw(id, { reason: 'Không đạt' }) : action === 'approve' ? saw(id) : undefined;
    const res = await as(who, 'POST', `/api/content/${id}/${action}`, body);
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe(code);
    expect(dumpDb(t.db)).toEqual(before);
  });

  it.each([
    [{}],
    [{ reason: '' }],
    [{ reason: '   ' }],
    [{ reason: 'x'.repeat(501) }],
    [{ reason: 'Được', extra: 1 }],
  ])('refuses a rejection without a valid reason (%j) and changes nothing', async (body) => {
    const id = await itemIn('submitted');
    const before = dumpDb(t.db);
    // With the right version, so only the reason is wrong.
    const res = await as('approver', 'POST', `/api/content/${id}/reject`, saw(id, body));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_request');
    expect(dumpDb(t.db)).toEqual(before);
  });

  it('answers 404 for an unknown item and 409 ward_content for a ward\'s local item, changing nothing', async () => {
    const { item } = await ok<ContentEntry>('ward', 'POST', '/api/content', slogan('Tin riêng của phường'));
    expect(item.id).toBeTruthy();
    expect((await ok<ContentEntry>('ward', 'GET', `/api/content/${item.id}`)).review).toBeNull();
    const before = dumpDb(t.db);
    for (const action of ['submit', 'approve', 'archive']) {
      const body = action === 'approve' ? saw(item.id) : undefined;
      const res = await as('admin', 'POST', `/api/content/${item.id}/${action}`, body);
      expect([action, res.status, (await errorOf(res)).code]).toEqual([action, 409, 'ward_content']);
      const missing = await as('admin', 'POST', `/api/content/c_missing/${action}`, body);
      expect([action, missing.status, (await errorOf(missing)).code]).toEqual([action, 404, 'item_not_found']);
    }
    expect(dumpDb(t.db)).toEqual(before);
    // A ward operator cannot even see a city item.
    expect((await as('ward', 'GET', `/api/content/${cityItem()}`)).status).toBe(404);
  });

  it('lists the queue oldest first, each submitted version beside the one on air', async () => {
    const edited = cityItem();
    const onAir = t.services.content.get(edited)!.item;
    const fresh = await newItem('Tin mới chờ duyệt');
    await ok('editor', 'POST', `/api/content/${fresh}/submit`);
    t.clock.advance(1_000);
    await ok('editor2', 'PUT', `/api/content/${edited}`, slogan('Bản sửa của biên tập viên 2'));
    await ok('editor2', 'POST', `/api/content/${edited}/submit`);
    await itemIn('draft');

    const queue = await ok<ApprovalQueue>('editor', 'GET', '/api/approvals');
    expect(queue.items.map((e) => e.id)).toEqual([fresh, edited]);
    const { id: _id, ...onAirFields } = onAir;
    expect(queue.items[0]).toMatchObject({ onAir: null, submitted: { text: 'Tin mới chờ duyệt' }, submittedBy: 'editor', own: true });
    expect(queue.items[1]).toMatchObject({ onAir: onAirFields, submitted: { text: 'Bản sửa của biên tập viên 2' }, submittedBy: 'editor2', own: false });
    expect((await as('ward', 'GET', '/api/approvals')).status).toBe(403);
  });

  it('never lets a rejected or never-approved item reach a screen, and the screen still plays', async () => {
    const rejected = await itemIn('rejected');
    const waiting = await itemIn('submitted');
    const draft = await itemIn('draft');
    const good = await itemIn('approved');
    await ok('approver', 'POST', '/api/publish');

    const manifest = lastManifest(player);
    const ids = manifest.items.map((i) => i.id);
    expect(ids).toContain(good);
    for (const id of [rejected, waiting, draft]) expect(ids).not.toContain(id);
    // The playlist names them; the manifest and the player skip what they cannot play.
    expect(manifest.playlists.find((p) => p.id === playlistId)?.itemIds).toEqual(expect.arrayContaining([rejected, waiting, draft]));
    const shown = new Set<string>();
    for (let at = t.clock.now(); at < t.clock.now() + 600_000; at += 1_000) {
      const item = resolve(manifest, at).main.item;
      expect(item, 'something is on screen').not.toBeNull();
      shown.add(item!.id);
    }
    expect(shown).toContain(good);
    for (const id of [rejected, waiting, draft]) expect(shown).not.toContain(id);
  });

  it('archives an item off screens at the next publish, and unarchives it as approved', async () => {
    const id = cityItem();
    expect((await ok<ContentEntry>('approver', 'POST', `/api/content/${id}/archive`)).review?.state).toBe('archived');
    // Saving an archived item keeps it archived.
    await ok('editor', 'PUT', `/api/content/${id}`, t.services.content.get(id)!.item.kind === 'slogan' ? slogan('Lưu trữ rồi vẫn sửa') : slogan('x'));
    expect((await review(id))?.state).toBe('archived');
    await ok('approver', 'POST', '/api/publish');
    expect(publishedText(id)).toBeUndefined();
    expect(lastManifest(player).items.map((i) => i.id)).not.toContain(id);

    // Edited while archived: back as a draft, and its approved version goes on air again.
    expect((await ok<ContentEntry>('editor', 'POST', `/api/content/${id}/unarchive`)).review?.state).toBe('draft');
    await ok('approver', 'POST', '/api/publish');
    expect(publishedText(id)).toBeDefined();
    expect(publishedText(id)).not.toBe('Lưu trữ rồi vẫn sửa');
  });

  it('keeps an emergency on air through the next publish (it is approved when sent)', async () => {
    const sent = await ok<{ scheduleId: string }>('approver', 'POST', '/api/emergencies', { text: 'Cảnh báo mưa lớn' });
    await newItem('Tin thường sau tin khẩn', 'admin');
    await ok('approver', 'POST', '/api/publish');
    const snapshot = t.services.revisions.latest().snapshot;
    const playlist = snapshot.playlists.find((p) => p.id === snapshot.schedules?.find((s) => s.id === sent.scheduleId)?.playlistId);
    expect(snapshot.items.filter((i) => playlist?.itemIds.includes(i.id)).map((i) => (i.kind === 'slogan' ? i.text : i.kind))).toEqual(['Cảnh báo mưa lớn']);
  });

  it('restores an earlier revision with its city items approved again', async () => {
    const id = cityItem();
    const original = publishedText(id);
    await ok('admin', 'PUT', `/api/content/${id}`, slogan('Bản quản trị'));
    await ok('admin', 'POST', '/api/publish');
    await ok('editor', 'PUT', `/api/content/${id}`, slogan('Bản nháp sau đó'));
    await ok('editor', 'POST', `/api/content/${id}/submit`);

    await ok('approver', 'POST', '/api/revisions/1/restore');
    expect(publishedText(id)).toBe(original);
    expect(await review(id)).toMatchObject({ state: 'approved', reviewedBy: 'approver', hasApproved: true });
    expect((await ok<Pending>('viewer', 'GET', '/api/publish')).awaitingApproval).toBe(0);
    const all = (await ok<{ items: ContentEntry[] }>('viewer', 'GET', '/api/content')).items;
    expect(all.every((e) => e.review?.state === 'approved')).toBe(true);
  });
});
