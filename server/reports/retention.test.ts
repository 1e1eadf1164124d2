import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/helpers.ts';
import { PlayRetention, retentionDays } from './retention.ts';
import { addReportScreens, play } from '../testing/reports.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ admin: false, seed: false });
  addReportScreens(t);
});
afterEach(() => t.hub.stop());

const count = (sql: string) => (t.db.prepare(sql).get() as { n: number }).n;

describe('raw play retention', () => {
  it('deletes plays older than the retention in small batches and keeps the rollups', async () => {
    const old = Array.from({ length: 450 }, (_, i) => play(`2025-09-0${1 + (i % 9)}T10:00:00+07:00`, 4, 5_000));
    const recent = Array.from({ length: 30 }, () => play('2026-11-20T10:00:00+07:00', 4, 5_000));
    for (let i = 0; i < old.length; i += 100) t.services.plays.insertBatches([{ screenId: 's_a1', events: old.slice(i, i + 100), receivedAt: t.clock.now() }]);
    t.services.plays.insertBatches([{ screenId: 's_a1', events: recent, receivedAt: t.clock.now() }]);
    const rolled = count('SELECT sum(plays) AS n FROM play_rollup_daily');

    const run = await new PlayRetention({ db: t.db, clock: t.clock, days: 400, batch: 100 }).run();
    expect(run.deleted).toBe(450);
    expect(run.batches).toBe(6);
    expect(count('SELECT count(*) AS n FROM play_events')).toBe(30);
    expect(count('SELECT sum(plays) AS n FROM play_rollup_daily')).toBe(rolled);
    expect(count('SELECT sum(plays) AS n FROM play_rollup_monthly')).toBe(rolled);
  });

  it('reads BANGTIN_PLAYS_RETENTION_DAYS, never under the play guard\'s window', () => {
    expect(retentionDays({})).toBe(400);
    expect(retentionDays({ BANGTIN_PLAYS_RETENTION_DAYS: '90' })).toBe(90);
    expect(() => retentionDays({ BANGTIN_PLAYS_RETENTION_DAYS: '7' })).toThrow(/≥ 35/);
    expect(() => retentionDays({ BANGTIN_PLAYS_RETENTION_DAYS: 'lots' })).toThrow();
  });
});
