import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection.ts';
import { ScreenRepo } from './screens.ts';

const screen = (id: string, name: string) => ({ id, name, ward: 'Phường Hoàn Kiếm', locationKind: 'park' as const, tags: ['demo'] });

describe('ScreenRepo', () => {
  let repo: ScreenRepo;
  beforeEach(() => {
    repo = new ScreenRepo(openDatabase(':memory:'));
    repo.insert(screen('s_1', 'Vườn hoa'), 'hash-1', 1_000);
    repo.insert(screen('s_2', 'Bến xe'), 'hash-2', 2_000);
  });

  it('finds a screen by id and by token hash', () => {
    const expected = { ...screen('s_1', 'Vườn hoa'), wardCode: null, createdAt: 1_000, lastSeenAt: null, manifestVersion: null, playerVersion: null, viewport: null, health: null,
      canvas: null, ticker: null, theme: 'outdoor', hours: null, dailyReloadAt: '03:30', fallbackPlaylistId: null, retiredAt: null };
    expect(repo.get('s_1')).toEqual(expected);
    expect(repo.byTokenHash('hash-1')).toEqual(expected);
    expect(repo.byTokenHash('hash-3')).toBeUndefined();
  });

  it('keeps a retired screen only for history: gone from lists and lookups, once', () => {
    expect(repo.retire('s_1', 5_000)).toBe(true);
    expect(repo.retire('s_1', 6_000)).toBe(false);
    expect(repo.retire('s_9', 6_000)).toBe(false);
    expect(repo.list().map((s) => s.id)).toEqual(['s_2']);
    expect(repo.get('s_1')).toBeUndefined();
    expect(repo.byTokenHash('hash-1')).toBeUndefined();
    expect(repo.listEver().map((s) => [s.id, s.retiredAt])).toEqual([['s_2', null], ['s_1', 5_000]]);
  });

  it('links a screen to a known ward by code and leaves its label alone', () => {
    const db = openDatabase(':memory:');
    const screens = new ScreenRepo(db);
    db.prepare("INSERT INTO wards (code, name, kind, created_at, updated_at) VALUES ('00070', 'Phường Hoàn Kiếm', 'phuong', 0, 0)").run();
    screens.insert({ ...screen('s_9', 'Hồ Gươm'), wardCode: '00070' }, 'hash-9', 1_000);
    expect(screens.get('s_9')).toMatchObject({ ward: 'Phường Hoàn Kiếm', wardCode: '00070' });
    expect(screens.setWardCode('s_9', null)).toBe(true);
    expect(screens.get('s_9')).toMatchObject({ ward: 'Phường Hoàn Kiếm', wardCode: null });
    expect(() => screens.setWardCode('s_9', '99999')).toThrow(/FOREIGN KEY/);
  });

  it('stores a layout and reads it back; an unknown screen changes nothing', () => {
    const layout = { canvas: { x: 100, y: 50, width: 384, height: 192 }, ticker: { position: 'top' as const, heightPx: 24 }, theme: 'indoor' as const };
    expect(repo.setLayout('s_1', layout)).toBe(true);
    expect(repo.get('s_1')).toMatchObject(layout);
    expect(repo.get('s_2')).toMatchObject({ canvas: null, ticker: null, theme: 'outdoor' });
    expect(repo.setLayout('s_9', layout)).toBe(false);
  });

  it('stores a screen\'s own fallback playlist and clears it; an unknown screen changes nothing', () => {
    expect(repo.setFallback('s_1', 'p_own')).toBe(true);
    expect(repo.get('s_1')?.fallbackPlaylistId).toBe('p_own');
    expect(repo.get('s_2')?.fallbackPlaylistId).toBeNull();
    expect(repo.setFallback('s_1', null)).toBe(true);
    expect(repo.get('s_1')?.fallbackPlaylistId).toBeNull();
    expect(repo.setFallback('s_9', 'p_own')).toBe(false);
  });

  it('reads a stored canvas that no longer parses as the whole viewport', () => {
    const db = openDatabase(':memory:');
    const screens = new ScreenRepo(db);
    screens.insert(screen('s_1', 'Vườn hoa'), 'hash-1', 1_000);
    db.prepare(`UPDATE screens SET canvas = '{"x":-5,"y":0,"width":1,"height":1}' WHERE id = 's_1'`).run();
    expect(screens.get('s_1')?.canvas).toBeNull();
    expect(() => db.prepare("UPDATE screens SET theme = 'neon' WHERE id = 's_1'").run()).toThrow(/CHECK/);
  });

  it('lists screens by name', () => {
    expect(repo.list().map((s) => s.id)).toEqual(['s_2', 's_1']);
  });

  it('refuses a second screen with the same token hash', () => {
    expect(() => repo.insert(screen('s_3', 'Trường'), 'hash-1', 3_000)).toThrow(/UNIQUE/);
    expect(repo.list()).toHaveLength(2);
  });

  it('records many sightings at once and leaves other screens alone', () => {
    repo.recordSightings([
      { id: 's_1', lastSeenAt: 5_000, manifestVersion: 'abc', playerVersion: '0.1.0', viewport: { width: 1920, height: 1080 } },
    ]);
    expect(repo.get('s_1')).toMatchObject({ lastSeenAt: 5_000, manifestVersion: 'abc', playerVersion: '0.1.0', viewport: { width: 1920, height: 1080 } });
    expect(repo.get('s_2')).toMatchObject({ lastSeenAt: null, manifestVersion: null, playerVersion: null, viewport: null });

    repo.recordSightings([{ id: 's_1', lastSeenAt: 6_000, manifestVersion: null, playerVersion: null, viewport: null }]);
    expect(repo.get('s_1')).toMatchObject({ lastSeenAt: 6_000, manifestVersion: null, viewport: null });
  });

  it('ignores a sighting of a screen that no longer exists', () => {
    expect(() => repo.recordSightings([{ id: 's_gone', lastSeenAt: 1, manifestVersion: null, playerVersion: null, viewport: null }])).not.toThrow();
    expect(repo.list()).toHaveLength(2);
  });
});
