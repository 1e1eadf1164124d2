import { beforeEach, describe, expect, it } from 'vitest';
import type { ContentItem } from '../../playlists/index.ts';
import { AppError } from '../errors.ts';
import { createTestApp, dumpDb, slogan, type TestApp } from '../testing/helpers.ts';

const none = { added: [], changed: [], removed: [] };
const fieldsOf = ({ id: _id, ...fields }: ContentItem) => fields;

describe('Publisher', () => {
  let t: TestApp;
  let itemIds: string[];
  let playlistId: string;
  beforeEach(async () => {
    t = await createTestApp({ admin: false });
    itemIds = t.services.content.list().map((s) => s.item.id);
    playlistId = t.services.settings.get('default_playlist_id')!;
  });

  /** These tests write drafts through the repository: approve them as an approver would. */
  const approveAll = () => t.services.reviews.approveAllCity(null, t.clock.now());
  const publishedItem = (revision: number, id: string) =>
    t.services.revisions.snapshot(revision)!.items.find((i) => i.id === id);

  it('publishes the seeded demo as revision 1', () => {
    expect(t.services.revisions.list().map((r) => r.number)).toEqual([1]);
    const first = t.services.revisions.list()[0]!;
    expect(first.summary).toEqual({ items: { ...none, added: itemIds }, playlists: { ...none, added: [playlistId] }, schedules: none });
    expect(t.services.revisions.latest().snapshot.items.every((i) => i.revision === 1)).toBe(true);
  });

  it('turns pending drafts into revision N+1 with a summary of what changed', () => {
    const [a, b, c] = itemIds as [string, string, string];
    const old = t.services.content.get(a)!.item;
    t.services.content.update(a, { ...fieldsOf(old), durationMs: 12_000 } as never, t.clock.now());
    t.services.content.insert('c_new', slogan('Học nghề hôm nay, vững nghề ngày mai'), t.clock.now());
    t.services.playlists.update(playlistId, { name: 'Mặc định', itemIds: [c, a, 'c_new'] }, t.clock.now());
    t.services.content.delete(b);
    approveAll();

    expect(t.services.publisher.pending().summary).toEqual({
      items: { added: ['c_new'], changed: [a], removed: [b] },
      playlists: { ...none, changed: [playlistId] },
      schedules: none,
    });
    const result = t.services.publisher.publish(null);
    expect(result).toEqual({
      revision: 2,
      summary: { items: { added: ['c_new'], changed: [a], removed: [b] }, playlists: { ...none, changed: [playlistId] }, schedules: none },
    });
    expect(t.services.revisions.latest().number).toBe(2);
    expect(t.services.revisions.list()[0]!.summary).toEqual(result.summary);
    expect(t.services.publisher.pending().summary).toEqual({ items: none, playlists: none, schedules: none });
  });

  it('keeps the old revision on unchanged items and gives changed ones the new one', () => {
    const [a, b] = itemIds as [string, string];
    t.services.content.update(a, slogan('Một nghề cho chín còn hơn chín nghề'), t.clock.now());
    approveAll();
    t.services.publisher.publish(null);
    expect(publishedItem(2, a)!.revision).toBe(2);
    expect(publishedItem(2, b)!.revision).toBe(1);

    t.services.content.update(b, slogan('Tay nghề vững, tương lai sáng'), t.clock.now());
    approveAll();
    t.services.publisher.publish(null);
    expect(publishedItem(3, a)!.revision).toBe(2);
    expect(publishedItem(3, b)!.revision).toBe(3);
  });

  it('counts saving an item unchanged as no change', () => {
    const [a] = itemIds as [string];
    t.services.content.update(a, fieldsOf(t.services.content.get(a)!.item) as never, t.clock.now() + 1_000);
    expect(() => t.services.publisher.publish(null)).toThrow(AppError);
  });

  it('refuses to publish with nothing pending and writes no revision', () => {
    const before = dumpDb(t.db);
    let error: unknown;
    try {
      t.services.publisher.publish(null);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 409, code: 'nothing_to_publish' });
    expect(dumpDb(t.db)).toEqual(before);
  });

  it('publishes an earlier revision again as a new revision and resets the drafts to it', () => {
    const [a, b] = itemIds as [string, string];
    const original = t.services.content.get(a)!.item;
    t.services.content.update(a, slogan('Đổi ý'), t.clock.now());
    t.services.content.insert('c_new', slogan('Mới'), t.clock.now());
    t.services.playlists.update(playlistId, { name: 'Mới', itemIds: ['c_new', a] }, t.clock.now());
    t.services.content.delete(b);
    approveAll();
    t.services.publisher.publish(null);
    // An unpublished draft is dropped by the restore as well.
    t.services.content.insert('c_draft', slogan('Chưa đăng'), t.clock.now());

    const result = t.services.publisher.restore(1, null);
    expect(result).toEqual({
      revision: 3,
      summary: { items: { added: [b], changed: [a], removed: ['c_new'] }, playlists: { ...none, changed: [playlistId] }, schedules: none },
    });
    const rev1 = t.services.revisions.snapshot(1)!;
    const rev3 = t.services.revisions.snapshot(3)!;
    expect(rev3.playlists).toEqual(rev1.playlists);
    expect(rev3.items.map(({ revision: _r, ...rest }) => rest)).toEqual(rev1.items.map(({ revision: _r, ...rest }) => rest));
    expect(publishedItem(3, a)).toMatchObject({ ...original, revision: 3 });
    expect(publishedItem(3, itemIds[2]!)!.revision).toBe(1);

    expect(t.services.content.list().map((s) => s.item)).toEqual(rev1.items.map(({ revision: _r, ...rest }) => rest));
    expect(t.services.playlists.list().map((p) => p.playlist)).toEqual(rev1.playlists);
    expect(t.services.publisher.pending().summary).toEqual({ items: none, playlists: none, schedules: none });
  });

  it('refuses to restore a revision that does not exist and changes nothing', () => {
    t.services.content.insert('c_draft', slogan('Chưa đăng'), t.clock.now());
    const before = dumpDb(t.db);
    expect(() => t.services.publisher.restore(9, null)).toThrow(expect.objectContaining({ status: 404, code: 'revision_not_found' }));
    expect(dumpDb(t.db)).toEqual(before);
  });

  it('refuses to restore what screens already have and keeps the drafts', () => {
    t.services.content.insert('c_draft', slogan('Chưa đăng'), t.clock.now());
    const before = dumpDb(t.db);
    expect(() => t.services.publisher.restore(1, null)).toThrow(expect.objectContaining({ status: 409, code: 'nothing_to_publish' }));
    expect(dumpDb(t.db)).toEqual(before);
  });
});
