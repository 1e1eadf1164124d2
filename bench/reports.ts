/**
 * Reports benchmark (issue 14), run by `npm run bench` after the fan-out, or alone:
 *   npx tsx bench/reports.ts [--screens 5000] [--plays 1000000]
 *
 * Generates a year of rollups for 5,000 screens in 126 wards — six items a screen a day, in
 * day and month rows; per-screen day rows; uptime day and month rows; QR scans; emergencies
 * with a receipt from every screen — in a database file, then measures through the real app:
 * - `reportMs`: `GET /api/reports/periodic/{id}` of the yearly report, drafted over its default
 *   period (the twelve whole months before 15/12), median of 3 (target ≤ 1,000 ms);
 * - `reportUnalignedMs`: the same over 15/12–14/12, whose ragged ends read day rows;
 * - `playoutCsvRowsPerSec`: `GET /api/reports/playout` over raw plays, the whole body read
 *   (target ≥ 200,000 rows/s);
 * - `retentionMaxBatchMs`: the longest one batch of the raw plays' retention held the event loop
 *   while deleting them all, and `retentionLoopMaxMs` the event loop's longest delay meanwhile.
 * Hourly rows are not generated: no report reads them. Last line: one JSON object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp, createHub } from '../server/app.ts';
import { hashPassword, TEST_HASH_COST } from '../server/auth/password.ts';
import { manualClock } from '../server/clock.ts';
import { openDatabase } from '../server/db/connection.ts';
import { dayOfDate, firstDayOfMonth, lastDayOfMonth, monthOfDay } from '../server/repos/rollup-periods.ts';
import { PlayRetention } from '../server/reports/retention.ts';
import { createServices } from '../server/services.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

const YEAR = 2026;
const ITEMS_PER_DAY = 6;
const WARDS = 126;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const log = (m: string) => process.stderr.write(`[reports bench] ${m}\n`);

export interface ReportBench {
  reportMs: number;
  reportUnalignedMs: number;
  reportScreens: number;
  reportRollupRows: number;
  playoutCsvRowsPerSec: number;
  playoutRows: number;
  retentionMaxBatchMs: number;
  retentionLoopMaxMs: number;
}

export async function runReportBench(options: { screens?: number; plays?: number } = {}): Promise<ReportBench> {
  const screens = options.screens ?? 5_000;
  const plays = options.plays ?? 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'bangtin-report-bench-'));
  try {
    const db = openDatabase(join(dir, 'bangtin.db'));
    db.pragma('synchronous = OFF');
    // Mid-December: the yearly report is due, its period over.
    const clock = manualClock(Date.parse(`${YEAR}-12-10T09:00:00+07:00`));
    const services = createServices(db, clock, { mediaDir: join(dir, 'media') });
    const started = performance.now();

    const from = dayOfDate(`${YEAR - 1}-12-01`);
    const to = dayOfDate(`${YEAR}-12-14`);
    db.transaction(() => {
      for (let w = 0; w < WARDS; w++) services.wards.insert({ code: `W${String(w).padStart(3, '0')}`, name: `Phường ${w}`, kind: 'phuong' }, 0);
      const kinds = ['park', 'station', 'street', 'public_transport', 'ward_office', 'school', 'bulletin_board'] as const;
      for (let i = 0; i < screens; i++) {
        services.screens.insert({ id: `s_bench${String(i).padStart(5, '0')}`, name: `Màn hình ${i}`, ward: null, wardCode: `W${String(i % WARDS).padStart(3, '0')}`,
          locationKind: kinds[i % kinds.length]!, tags: [] }, `hash-${i}`, Date.parse(`${YEAR - 2}-01-01T00:00:00+07:00`));
      }
    })();
    const seq = (name: string, n: number) => `${name}(v) AS (SELECT 0 UNION ALL SELECT v + 1 FROM ${name} WHERE v < ${n - 1})`;
    const item = `(s.v + k.v * 7) % 60`;
    const screen = `printf('s_bench%05d', s.v)`;
    const playsOf = `(60 + s.v % 13)`;
    db.exec(`WITH RECURSIVE ${seq('d', to - from + 1)}, ${seq('s', screens)}, ${seq('k', ITEMS_PER_DAY)}
      INSERT INTO play_rollup_daily SELECT ${from} + d.v, ${screen}, printf('c_item%03d', ${item}), 1 + ${item} % 7, 'normal', ${playsOf}, ${playsOf} - 2, ${playsOf} * 8000
      FROM d, s, k ORDER BY 1, 2, 3`);
    log(`day rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const months: [number, number][] = [];
    for (let m = monthOfDay(from); m <= monthOfDay(to); m++) months.push([m, Math.min(lastDayOfMonth(m), to) - Math.max(firstDayOfMonth(m), from) + 1]);
    const monthValues = months.map(([m, n]) => `(${m}, ${n})`).join(',');
    db.exec(`WITH RECURSIVE mo(m, n) AS (VALUES ${monthValues}), ${seq('s', screens)}, ${seq('k', ITEMS_PER_DAY)}
      INSERT INTO play_rollup_monthly SELECT mo.m, ${screen}, printf('c_item%03d', ${item}), 1 + ${item} % 7, 'normal', ${playsOf} * mo.n, (${playsOf} - 2) * mo.n, ${playsOf} * 8000 * mo.n
      FROM mo, s, k ORDER BY 1, 2, 3`);
    db.exec(`INSERT INTO play_rollup_item_daily SELECT day, item_id, theme, sum(plays), sum(completed), sum(airtime_ms) FROM play_rollup_daily GROUP BY 1, 2, 3`);
    db.exec(`INSERT INTO play_rollup_item_monthly SELECT month, item_id, theme, sum(plays), sum(completed), sum(airtime_ms) FROM play_rollup_monthly GROUP BY 1, 2, 3`);
    db.exec(`INSERT INTO play_rollup_screen_monthly SELECT month, screen_id, sum(plays), sum(completed), sum(airtime_ms) FROM play_rollup_monthly GROUP BY 1, 2`);
    db.exec(`WITH RECURSIVE ${seq('d', to - from + 1)}, ${seq('s', screens)}
      INSERT INTO play_rollup_screen_daily SELECT ${from} + d.v, ${screen}, ${playsOf} * ${ITEMS_PER_DAY}, (${playsOf} - 2) * ${ITEMS_PER_DAY}, ${playsOf} * 8000 * ${ITEMS_PER_DAY} FROM d, s ORDER BY 1, 2`);
    const open = 16 * 3_600_000;
    db.exec(`INSERT INTO play_rollup_city_daily SELECT day, sum(plays), sum(completed), sum(airtime_ms) FROM play_rollup_screen_daily GROUP BY 1`);
    db.exec(`WITH RECURSIVE ${seq('d', to - from + 1)}, ${seq('s', screens)}
      INSERT INTO screen_uptime_daily SELECT ${from} + d.v, ${screen}, ${open}, ${open} * (90 + s.v % 10) / 100 FROM d, s ORDER BY 1, 2`);
    db.exec(`WITH RECURSIVE mo(m, n) AS (VALUES ${monthValues}), ${seq('s', screens)}
      INSERT INTO screen_uptime_monthly SELECT mo.m, ${screen}, ${open} * mo.n, ${open} * mo.n * (90 + s.v % 10) / 100 FROM mo, s ORDER BY 1, 2`);
    db.exec(`WITH RECURSIVE ${seq('n', 100_000)}
      INSERT INTO qr_scans (screen_id, ward_code, item_id, scanned_at)
      SELECT printf('s_bench%05d', n.v % ${screens}), printf('W%03d', (n.v % ${screens}) % ${WARDS}), printf('c_item%03d', n.v % 60),
        ${Date.parse(`${YEAR - 1}-12-01T00:00:00+07:00`)} + n.v * 300000 FROM n`);
    db.prepare("INSERT INTO settings (key, value) VALUES ('reports.uptime_since', ?), ('reports.uptime_rolled_through', ?)").run(String(Date.parse(`${YEAR - 2}-01-01T00:00:00+07:00`)), String(to));
    seedEmergencies(services, screens);
    const rollupTables = ['daily', 'monthly', 'screen_daily', 'screen_monthly', 'item_daily', 'item_monthly', 'city_daily'];
    const rollupRows = rollupTables.reduce((n, t) => n + (db.prepare(`SELECT count(*) AS n FROM play_rollup_${t}`).get() as { n: number }).n, 0);
    log(`a year of rollups for ${screens} screens (${rollupRows} play rollup rows) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const hub = createHub(services);
    const app = createApp({ db, clock, hub, services, distDir: dir });
    services.users.insert('bench', await hashPassword('bench-password', TEST_HASH_COST), 'admin', false, clock.now());
    const session = await app.request('http://localhost/api/session', {
      method: 'POST', headers: { Origin: 'http://localhost', 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: 'bench-password' }),
    });
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    const get = (path: string) => app.request(`http://localhost${path}`, { headers: { Cookie: cookie } });
    const post = (path: string, body: unknown) => app.request(`http://localhost${path}`, { method: 'POST', headers: { Cookie: cookie, Origin: 'http://localhost', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

    const created = (await (await post('/api/reports/periodic', { kind: 'yearly', year: YEAR })).json()) as { id: string };
    const timed = async (path: string) => {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const res = await get(path);
        const body = (await res.json()) as { totals?: { plays: number }; data?: { totals: { plays: number } } };
        runs.push(performance.now() - t0);
        if (res.status !== 200 || !(body.data ?? body).totals!.plays) throw new Error(`report failed: ${res.status}`);
      }
      return median(runs);
    };
    const reportMs = await timed(`/api/reports/periodic/${created.id}`);
    const reportUnalignedMs = await timed(`/api/reports/summary?from=${YEAR - 1}-12-15&to=${YEAR}-12-14`);
    log(`yearly report ${reportMs.toFixed(0)} ms (15/12–14/12: ${reportUnalignedMs.toFixed(0)} ms)`);

    // Raw plays for the export: `plays` over the year, oldest first.
    const first = Date.parse(`${YEAR}-01-01T00:00:00+07:00`);
    const step = Math.floor((365 * 86_400_000) / plays);
    db.exec(`WITH RECURSIVE ${seq('n', plays)}
      INSERT INTO play_events (id, screen_id, item_id, item_revision, playlist_id, schedule_id, tier, theme, started_at, duration_ms, completed, received_at)
      SELECT printf('bench-play-%08d', n.v), printf('s_bench%05d', n.v % ${screens}), printf('c_item%03d', n.v % 60), 1, 'p_city', 'sch_city', 'normal',
        1 + n.v % 7, ${first} + n.v * ${step}, 8000, 1, ${first} FROM n`);
    const t0 = performance.now();
    const res = await get(`/api/reports/playout?from=${YEAR}-01-01&to=${YEAR}-12-31`);
    let rows = 0;
    const reader = res.body!.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      for (let i = r.value.indexOf(10); i !== -1; i = r.value.indexOf(10, i + 1)) rows += 1;
    }
    const playoutSeconds = (performance.now() - t0) / 1000;
    if (rows !== plays) throw new Error(`playout export: ${rows} records for ${plays} plays`);
    log(`playout export: ${rows} records in ${playoutSeconds.toFixed(2)} s`);

    clock.set(Date.parse(`${YEAR + 2}-06-01T00:00:00+07:00`));
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const retention = await new PlayRetention({ db, clock, days: 400 }).run();
    loop.disable();
    log(`retention: ${retention.deleted} plays in ${retention.batches} batches, longest ${retention.maxBatchMs.toFixed(1)} ms`);
    hub.stop();
    db.close();
    return {
      reportMs: Math.round(reportMs),
      reportUnalignedMs: Math.round(reportUnalignedMs),
      reportScreens: screens,
      reportRollupRows: rollupRows,
      playoutCsvRowsPerSec: Math.round(rows / playoutSeconds),
      playoutRows: rows,
      retentionMaxBatchMs: Math.round(retention.maxBatchMs * 10) / 10,
      retentionLoopMaxMs: Math.round((loop.max / 1e6) * 10) / 10,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Ten emergencies to every screen, each with a receipt from every screen. */
function seedEmergencies(services: ReturnType<typeof createServices>, screens: number): void {
  const none = { added: [] as string[], changed: [] as string[], removed: [] as string[] };
  const insert = services.db.prepare('INSERT INTO emergency_receipts (schedule_id, screen_id, shown_at, received_at) VALUES (?, ?, ?, ?)');
  services.db.transaction(() => {
    for (let e = 0; e < 10; e++) {
      const at = Date.parse(`${YEAR}-0${1 + (e % 9)}-10T08:00:00+07:00`);
      const id = `sch_em${e}`;
      const schedule = { id, name: `Khẩn cấp ${e}`, playlistId: `p_em${e}`, tier: 'emergency', ownerWard: null,
        target: { all: true, wards: [], locationKinds: [], tags: [], screenIds: [] }, zone: 'main',
        time: { startDate: new Date(at + 7 * 3_600_000).toISOString().slice(0, 10), startsAt: new Date(at).toISOString(), weekdays: [], windows: [] } };
      services.revisions.insert(e + 1, at, null, { items: { ...none, added: [`c_em${e}`] }, playlists: { ...none, added: [`p_em${e}`] }, schedules: { ...none, added: [id] } },
        { items: [{ kind: 'slogan', id: `c_em${e}`, revision: e + 1, theme: 1, durationMs: 30_000, text: `Tin khẩn ${e}` }],
          playlists: [{ id: `p_em${e}`, name: `Khẩn ${e}`, itemIds: [`c_em${e}`] }], defaultPlaylistId: null, schedules: [schedule as never] });
      for (let i = 0; i < screens; i++) insert.run(id, `s_bench${String(i).padStart(5, '0')}`, at + 1000 + i * 3, at + 2000 + i * 3);
    }
  })();
}

if (process.argv[1]?.endsWith('reports.ts')) {
  const result = await runReportBench({ screens: arg('screens', 5_000), plays: arg('plays', 1_000_000) });
  console.log(JSON.stringify(result));
}
