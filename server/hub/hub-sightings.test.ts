import { describe, expect, it } from 'vitest';
import { hashToken } from '../ids.ts';
import { connectPlayer, createTestApp } from '../testing/helpers.ts';

const SCREENS = 2_500;
const seenCount = (t: Awaited<ReturnType<typeof createTestApp>>) =>
  (t.db.prepare("SELECT count(*) AS n FROM screens WHERE id LIKE 's_sight_%' AND last_seen_at IS NOT NULL").get() as { n: number }).n;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('Hub.flush (sightings)', () => {
  it('writes a thousand sightings per turn of the event loop, the rest on the next turns', async () => {
    const t = await createTestApp({ admin: false });
    t.db.transaction(() => {
      for (let i = 0; i < SCREENS; i++) {
        t.services.screens.insert({ id: `s_sight_${i}`, name: `Màn hình ${i}`, ward: null, locationKind: 'park', tags: [] }, hashToken(`sight-${i}`), t.clock.now());
      }
    })();
    for (let i = 0; i < SCREENS; i++) connectPlayer(t, { token: `sight-${i}` });
    t.hub.flush();
    expect(seenCount(t)).toBe(1_000);
    await nextTurn();
    expect(seenCount(t)).toBe(2_000);
    await nextTurn();
    expect(seenCount(t)).toBe(SCREENS);
  });

  it('writes every sighting at once when the hub stops', async () => {
    const t = await createTestApp({ admin: false });
    t.db.transaction(() => {
      for (let i = 0; i < SCREENS; i++) {
        t.services.screens.insert({ id: `s_sight_${i}`, name: `Màn hình ${i}`, ward: null, locationKind: 'park', tags: [] }, hashToken(`sight-${i}`), t.clock.now());
      }
    })();
    for (let i = 0; i < SCREENS; i++) connectPlayer(t, { token: `sight-${i}` });
    t.hub.stop();
    expect(seenCount(t)).toBe(SCREENS);
  });
});
