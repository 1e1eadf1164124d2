import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../ids.ts';
import { createTestApp, type TestApp } from '../testing/helpers.ts';
import { TestRedis, hasRedis, redisConnections } from '../testing/redis.ts';
import { DirectoryEntry } from './messages.ts';
import { ScreenDirectory } from './screen-directory.ts';
import { until } from './test-fixtures.ts';

describe.skipIf(!hasRedis())('the screen directory (control → gateways, real Redis)', () => {
  let redis: TestRedis;
  let conns: ReturnType<typeof redisConnections>;
  let t: TestApp;
  let directory: ScreenDirectory;
  let n = 0;
  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(() => redis?.stop());
  afterEach(() => {
    directory?.stop();
    t?.hub.stop();
    conns.closeAll();
  });

  async function setUp() {
    conns = redisConnections(redis.url);
    t = await createTestApp({ admin: false });
    directory = new ScreenDirectory(conns.open(), t.services, { prefix: `dir${++n}:`, checkMs: 0 });
    const messages: unknown[] = [];
    const sub = conns.open();
    await sub.subscribe(directory.keys.control);
    sub.on('message', (_channel, raw: string) => messages.push(JSON.parse(raw)));
    await directory.start();
    const r = conns.open();
    const entry = async (id: string) => {
      const raw = await r.hget(directory.keys.directory, id);
      return raw === null ? null : DirectoryEntry.parse(JSON.parse(raw));
    };
    return { messages, r, entry };
  }

  it('holds every screen\'s token hash and settings, never a token', async () => {
    const { entry, r } = await setUp();
    const demo = t.services.screens.byTokenHash(hashToken(t.demoToken))!;
    expect(await entry(demo.id)).toMatchObject({ tokenHash: hashToken(t.demoToken), screen: { id: demo.id, name: demo.name } });
    const all = JSON.stringify(await r.hgetall(directory.keys.directory));
    expect(all).not.toContain(t.demoToken);
    expect(await r.hlen(directory.keys.directory)).toBe(t.services.screens.list().length);
  });

  it('writes and announces only the entries that changed: a rotated token, new settings, a screen gone', async () => {
    const { messages, entry } = await setUp();
    const demo = t.services.screens.byTokenHash(hashToken(t.demoToken))!;
    const start = messages.length;
    expect(await directory.sync()).toBe(0);
    t.services.screenTokens.replace(demo.id, hashToken('a-new-token-0123456789abcdef'));
    directory.touch(demo.id);
    await until(() => messages.length === start + 1);
    expect(messages.at(-1)).toMatchObject({ v: 1, type: 'screens', entries: { [demo.id]: { tokenHash: hashToken('a-new-token-0123456789abcdef') } } });
    expect((await entry(demo.id))!.tokenHash).toBe(hashToken('a-new-token-0123456789abcdef'));

    t.services.screens.setDetails(demo.id, { name: 'Nhà văn hoá phường', ward: null, locationKind: 'park', tags: ['LED'] });
    expect(await directory.sync([demo.id])).toBe(1);
    expect((await entry(demo.id))!.screen).toMatchObject({ name: 'Nhà văn hoá phường', tags: ['LED'] });
    // Heartbeat facts (last seen, versions) are not in it: a sighting changes nothing.
    t.services.screens.recordSightings([{ id: demo.id, lastSeenAt: t.clock.now(), manifestVersion: 'v', playerVersion: '1', viewport: null }]);
    expect(await directory.sync()).toBe(0);

    t.db.prepare('DELETE FROM screens WHERE id = ?').run(demo.id);
    expect(await directory.sync()).toBe(1);
    expect(await entry(demo.id)).toBeNull();
    expect(messages.at(-1)).toMatchObject({ type: 'screens', entries: { [demo.id]: null } });
  });

  it('writes a screen paired or created at once, and tells control to announce it', async () => {
    const { entry } = await setUp();
    const added: string[][] = [];
    directory.onAdded((ids) => added.push(ids));
    t.services.screens.onInserted((id) => directory.touch(id));
    t.services.screens.insert({ id: 's_new', name: 'Mới', ward: null, locationKind: 'park', tags: [] }, hashToken('new-screen-token-0123456789'), t.clock.now());
    await until(async () => (await entry('s_new')) !== null);
    expect(added).toEqual([['s_new']]);
  });

  it('writes everything again when Redis lost the directory', async () => {
    const { r } = await setUp();
    const count = t.services.screens.list().length;
    await r.del(directory.keys.directory);
    expect(await directory.check()).toBe(count);
    expect(await r.hlen(directory.keys.directory)).toBe(count);
  });

  it('compares every screen again only once the screens table changed (or every twelfth check)', async () => {
    await setUp();
    let listed = 0;
    const list = t.services.screens.list.bind(t.services.screens);
    t.services.screens.list = () => (listed++, list());
    expect(await directory.check()).toBe(0);
    expect(await directory.check()).toBe(0);
    const afterFirst = listed;
    t.services.screens.insert({ id: 's_check', name: 'Nhà văn hoá', ward: null, locationKind: 'park', tags: [] }, hashToken('check-token-0123456789abcdef'), t.clock.now());
    expect(await directory.check()).toBe(1);
    expect(listed).toBe(afterFirst + 1);
    expect(afterFirst).toBe(1);
  });
});
