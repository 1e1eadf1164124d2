import { beforeEach, describe, expect, it } from 'vitest';
import type { PlayEvent } from '../../playlists/index.ts';
import { openDatabase, type Db } from '../db/connection.ts';
import { PlayRepo } from './plays.ts';
import { ScreenRepo } from './screens.ts';

const play = (id: string, overrides: Partial<PlayEvent> = {}): PlayEvent => ({
  id,
  itemId: 'c_1',
  itemRevision: 1,
  playlistId: 'p_1',
  scheduleId: null,
  tier: 'fallback',
  theme: 3,
  startedAt: '2026-11-26T09:00:00+07:00',
  durationMs: 8_000,
  completed: true,
  ...overrides,
});

describe('PlayRepo', () => {
  let db: Db;
  let repo: PlayRepo;
  beforeEach(() => {
    db = openDatabase(':memory:');
    const screens = new ScreenRepo(db);
    screens.insert({ id: 's_1', name: 'A', ward: null, locationKind: 'park', tags: [] }, 'h1', 0);
    screens.insert({ id: 's_2', name: 'B', ward: null, locationKind: 'park', tags: [] }, 'h2', 0);
    repo = new PlayRepo(db);
  });

  it('stores each event with the instant it started and when it arrived', () => {
    expect(repo.insertBatch('s_1', [play('play-0001', { completed: false })], 42)).toEqual(['play-0001']);
    expect(db.prepare('SELECT * FROM play_events').all()).toEqual([
      {
        id: 'play-0001', screen_id: 's_1', item_id: 'c_1', item_revision: 1, playlist_id: 'p_1', schedule_id: null,
        tier: 'fallback', theme: 3, started_at: Date.parse('2026-11-26T02:00:00Z'), duration_ms: 8_000, completed: 0,
        received_at: 42,
      },
    ]);
  });

  it('stores the same id once, whether repeated in a batch or re-sent', () => {
    expect(repo.insertBatch('s_1', [play('play-0001'), play('play-0001'), play('play-0002')], 1)).toEqual([
      'play-0001', 'play-0001', 'play-0002',
    ]);
    expect(repo.insertBatch('s_1', [play('play-0001', { durationMs: 1 }), play('play-0003')], 2)).toEqual(['play-0001', 'play-0003']);
    expect(repo.count()).toBe(3);
    expect(db.prepare("SELECT duration_ms, received_at FROM play_events WHERE id = 'play-0001'").get()).toEqual({
      duration_ms: 8_000,
      received_at: 1,
    });
  });

  it('keeps the first screen when another sends an id already stored', () => {
    repo.insertBatch('s_1', [play('play-0001')], 1);
    expect(repo.insertBatch('s_2', [play('play-0001')], 2)).toEqual(['play-0001']);
    expect(db.prepare('SELECT screen_id FROM play_events').pluck().all()).toEqual(['s_1']);
  });

  it('stores nothing from a batch that fails part way', () => {
    expect(() => repo.insertBatch('s_missing', [play('play-0001')], 1)).toThrow(/FOREIGN KEY/);
    expect(repo.count()).toBe(0);
  });

  it('stores many batches in one transaction, each with its arrival time, rolling back only a batch that fails', () => {
    const results = repo.insertBatches([
      { screenId: 's_1', events: [play('play-0001'), play('play-0002')], receivedAt: 10 },
      { screenId: 's_missing', events: [play('play-0003'), play('play-0004')], receivedAt: 11 },
      { screenId: 's_2', events: [play('play-0005')], receivedAt: 12 },
    ]);
    expect(results.map((r) => r?.message ?? null)).toEqual([null, expect.stringMatching(/FOREIGN KEY/), null]);
    expect(db.prepare('SELECT id, screen_id, received_at FROM play_events ORDER BY id').all()).toEqual([
      { id: 'play-0001', screen_id: 's_1', received_at: 10 },
      { id: 'play-0002', screen_id: 's_1', received_at: 10 },
      { id: 'play-0005', screen_id: 's_2', received_at: 12 },
    ]);
  });

  it('stores none of the batches when the disk refuses the write', () => {
    db.pragma('query_only = ON');
    expect(() => repo.insertBatches([{ screenId: 's_1', events: [play('play-0001')], receivedAt: 1 }])).toThrow(/readonly/);
    db.pragma('query_only = OFF');
    expect(repo.count()).toBe(0);
  });
});
