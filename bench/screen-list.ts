/**
 * `tsx bench/screen-list.ts [--screens N] [--runs R] [--path P]`: the fleet list's cost alone.
 * Seeds N screens (demo content, a device report and a viewport each, as a fleet that reported),
 * signs in and times `GET P` (default `/api/screens`) R times in-process (`app.request`, no
 * sockets), printing bytes, wall and CPU ms per request (CPU time: what the machine's other
 * work does not inflate). Run with `node --cpu-prof --import tsx` to see
 * where the time goes.
 */
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createApp } from '../server/app.ts';
import { manualClock } from '../server/clock.ts';
import { openDatabase } from '../server/db/connection.ts';
import { createHub } from '../server/app.ts';
import { hashToken } from '../server/ids.ts';
import { ensureAdmin, seedDemo } from '../server/seed/bootstrap.ts';
import { createServices } from '../server/services.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const screens = Number(arg('screens', '2000'));
const runs = Number(arg('runs', '20'));
const path = arg('path', '/api/screens');
const ORIGIN = 'http://localhost';

const db = openDatabase(':memory:');
const clock = manualClock(Date.parse('2026-11-26T09:00:00+07:00'));
const services = createServices(db, clock, {});
await seedDemo(services);
await ensureAdmin(services, 'correct horse battery');
const device = { secureContext: true, cacheBytes: 12_345_678, storage: { usageBytes: 20_000_000, quotaBytes: 2_000_000_000 }, memory: { usedBytes: 40_000_000, limitBytes: 512_000_000 }, plays: { queued: 0, dropped: 0 }, offlineCache: true, media: null };
db.transaction(() => {
  for (let i = 0; i < screens; i++) {
    const id = `s_bench${String(i).padStart(5, '0')}`;
    services.screens.insert({ id, name: `Bench screen ${i + 1}`, ward: i % 3 ? 'Phường Ba Đình' : 'Phường Hoàn Kiếm', locationKind: 'park', tags: ['bench'] }, hashToken(id), clock.now());
  }
})();
services.screens.recordSightings(services.screens.list().map((s) => ({
  id: s.id, lastSeenAt: clock.now() - 5_000, manifestVersion: 'v1', playerVersion: '0.1.0', viewport: { width: 1920, height: 1080 }, health: device as never,
})));
const hub = createHub(services, { deferPushes: false });
const app = createApp({ db, clock, hub, services, distDir: tmpdir() });
const signIn = await app.request(`${ORIGIN}/api/session`, {
  method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json' },
  body: JSON.stringify({ username: 'admin', password: 'correct horse battery' }),
});
const cookie = /bt_session=[^;]*/.exec(signIn.headers.get('set-cookie') ?? '')?.[0] ?? '';
if (signIn.status !== 200 || !cookie) throw new Error(`sign-in answered ${signIn.status}`);

const times: number[] = [];
const cpuTimes: number[] = [];
let bytes = 0;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const cpu = process.cpuUsage();
  const res = await app.request(`${ORIGIN}${path}`, { headers: { Cookie: cookie } });
  const body = await res.text();
  times.push(performance.now() - t0);
  const used = process.cpuUsage(cpu);
  cpuTimes.push((used.user + used.system) / 1000);
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${body.slice(0, 200)}`);
  bytes = Buffer.byteLength(body);
}
const pick = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
};
// The first request builds what later ones reuse: it is reported apart.
const later = (values: number[]) => values.slice(1);
console.log(JSON.stringify({
  screens, path, runs, bytes, firstMs: Math.round(times[0]! * 10) / 10,
  p50Ms: pick(later(times), 0.5), maxMs: pick(later(times), 1), cpuP50Ms: pick(later(cpuTimes), 0.5), cpuMaxMs: pick(later(cpuTimes), 1),
}));
process.exit(0);
