import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, slogan, type TestApp } from '../testing/helpers.ts';
import type { Published } from './publisher.ts';

describe('the "published" event', () => {
  let t: TestApp;
  let told: Published[];
  /** What the latest revision was when each listener call came. */
  let seen: number[];
  beforeEach(async () => {
    t = await createTestApp({ admin: false });
    told = [];
    seen = [];
    t.services.publisher.onPublished((p) => {
      told.push(p);
      seen.push(t.services.revisions.latestNumber());
    });
  });

  const draftChange = () => {
    const first = t.services.content.list()[0]!.item.id;
    t.services.content.update(first, slogan('Học nghề – lập nghiệp'), t.clock.now());
    t.services.reviews.approve(first, null, t.clock.now(), ['approved']);
  };

  it('is told once per publish, after the revision is written', () => {
    draftChange();
    t.services.publisher.publish(null);
    expect(told).toEqual([{ revision: 2, screenIds: [] }]);
    expect(seen).toEqual([2]);
  });

  it('is told once for a restore, which publishes inside its own transaction', () => {
    draftChange();
    t.services.publisher.publish(null);
    t.services.publisher.restore(1, null);
    expect(told.map((p) => p.revision)).toEqual([2, 3]);
  });

  it("waits for the caller's transaction to end (a route's audit entry is written in it)", async () => {
    draftChange();
    t.db.transaction(() => {
      t.services.publisher.publish(null);
      expect(told).toEqual([]);
    })();
    expect(told).toEqual([]);
    await Promise.resolve();
    expect(told).toEqual([{ revision: 2, screenIds: [] }]);
  });

  it('is not told of a write that failed, nor of one its caller rolled back', async () => {
    expect(() => t.services.publisher.publish(null)).toThrow(expect.objectContaining({ code: 'nothing_to_publish' }));
    draftChange();
    expect(() =>
      t.db.transaction(() => {
        t.services.publisher.publish(null);
        throw new Error('the audit entry could not be written');
      })(),
    ).toThrow('audit entry');
    await Promise.resolve();
    // A listener hears of the state as committed: still revision 1, so the hub pushes nothing new.
    expect(seen.every((n) => n === 1)).toBe(true);
    expect(t.services.revisions.latestNumber()).toBe(1);
  });

  it('is told of the ward share and a screen fallback, which change manifests without a revision', () => {
    const screenId = t.services.screens.list()[0]!.id;
    t.services.publisher.setWardShare({ everyCityItems: 2, maxPercent: 20, wards: {} });
    t.services.publisher.setScreenFallback(screenId, null);
    expect(told).toEqual([{ revision: 1, screenIds: [] }, { revision: 1, screenIds: [screenId] }]);
  });

  it('is told of an emergency sent and cancelled, each a revision of its own', () => {
    const { scheduleId } = t.services.emergencies.send({ text: 'Khẩn: tạm dừng lớp học', wards: [] }, null);
    t.services.emergencies.cancel(scheduleId, null);
    expect(told.map((p) => p.revision)).toEqual([2, 3]);
  });
});
