import { mkdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp, createHub } from './app.ts';
import { MAX_PENDING_HELLOS, attachPlayerSockets } from './hub/upgrade.ts';
import { Fleet } from './fleet/fleet.ts';
import { AlertWebhook } from './fleet/alert-webhook.ts';
import { ensureAdmin, seedDemo } from './seed/bootstrap.ts';
import { systemClock } from './clock.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { playerUrl } from './http/pages.ts';
import { NodeScheduler } from './scheduler.ts';
import { createServices } from './services.ts';
import { createReporting } from './reports/index.ts';
import { assertRoom, startupFailure } from './storage/storage.ts';
import { markDataDir } from './backup/pid-file.ts';
import { NightlyBackup } from './backup/nightly.ts';
import { startBenchStats } from './bench-stats.ts';
import { controlServerBus } from './bus/control-server.ts';
import { ControlHub } from './bus/control-hub.ts';
import { MANIFEST_REFRESH_AT } from './hub/options.ts';

/** Frames above this close the socket (ws answers 1009); a `plays` batch of 500 fits. */
const MAX_FRAME_BYTES = 512 * 1024;

const config = loadConfig();
// The event loop's delay and memory for `npm run bench` (bench-stats.ts); off unless asked for.
if (config.benchStats) startBenchStats();

/** Opens the data directory; a full or read-only disk ends the process with one clear line. */
async function open() {
  try {
    mkdirSync(config.dataDir, { recursive: true });
    assertRoom(config.dataDir);
    const db = openDatabase(join(config.dataDir, 'bangtin.db'));
    const services = createServices(db, systemClock, {
      mediaDir: join(config.dataDir, 'media'),
      storage: { dir: config.dataDir, reserveBytes: config.diskReserveBytes },
    });
    const { generated } = await ensureAdmin(services, config.adminPassword);
    // Temporary files and unreferenced media files a crash may have left behind.
    const swept = await services.media.sweep();
    if (swept.length) console.log(`media: removed ${swept.length} leftover file(s)`);
    await seedDemo(services);
    return { db, services, generated };
  } catch (err) {
    const line = startupFailure(err, config.dataDir);
    if (!line) throw err;
    console.error(line);
    process.exit(1);
  }
}
const { db, services, generated } = await open();
// While it runs, the data directory says so: a restore refuses to overwrite it (backup/pid-file.ts).
const releaseDataDir = markDataDir(config.dataDir);
process.once('exit', releaseDataDir);
// Puts the disk reserve in place, then watches free space (degraded on /healthz when full).
services.storage.check();
services.storage.start();

const scheduler = new NodeScheduler();
// Scale-out (server/bus): with BANGTIN_REDIS_URL this is the control server. What publishing
// commits is announced to the gateways, the screens' token hashes and settings go into the
// directory, plays and receipts come back through the inbound stream, presence feeds the fleet.
const controlBus = config.redisUrl ? controlServerBus(config.redisUrl, services, scheduler, MANIFEST_REFRESH_AT) : null;
const hub = controlBus ? createHub(services, {}, (s, o) => new ControlHub(s, o, controlBus.hubBus)) : createHub(services);
hub.start(scheduler);
if (controlBus) void controlBus.attach(hub as ControlHub).catch((err) => console.warn(`bus: starting the control side failed: ${String(err)}`));
// The fleet dashboard's judge. Alerts go to the log, and to BANGTIN_ALERT_WEBHOOK when set.
const webhook = config.alertWebhook ? new AlertWebhook({ url: config.alertWebhook, clock: systemClock }) : null;
const fleet = new Fleet(
  {
    ...services,
    hub,
    onAlert: (event) => {
      const { type, screen } = event;
      console.warn(
        type === 'raised'
          ? `fleet alert raised: screen ${screen.id} (${screen.name}) offline since ${screen.alert?.since}`
          : `fleet alert cleared: screen ${screen.id} (${screen.name}) is back`,
      );
      webhook?.notify(event);
    },
  },
  { alertAfterMs: config.offlineAlertMinutes * 60_000 },
);
fleet.start();
// Before the server listens: sessions a restart left open are closed at their last heartbeat.
const reporting = createReporting({ ...services, hub });
reporting.start(scheduler);
// The CAP feed an admin may set, polled every minute (cap/feed.ts).
services.capFeed.start(scheduler);
// The nightly backup, when BANGTIN_BACKUP_DIR is set (backup/nightly.ts).
if (config.backup) new NightlyBackup({ dataDir: config.dataDir, ...config.backup, clock: systemClock }).start(scheduler);
// Views of the playlists embedded on web portals, written once a minute (embed/portal-views.ts).
services.portalViews.start(scheduler);
const app = createApp({
  db, clock: systemClock, hub, services, fleet, reporting, distDir: config.distDir, trustedProxies: config.trustedProxies, embedOrigins: config.embedOrigins, playerSockets: config.playerSockets,
  // The admin page's banner says that publishing does not reach screens while Redis is down.
  healthReasons: () => (controlBus && !controlBus.onBus.reachable ? ['bus_unreachable'] : []),
});

/** The listening socket's accept queue; the kernel caps it at net.core.somaxconn. */
const LISTEN_BACKLOG = 4_096;
const tls = config.tls && { cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key) };
const server = createAdaptorServer({
  fetch: app.fetch,
  ...(tls ? { createServer: createHttpsServer, serverOptions: tls } : {}),
});
// A restart brings every screen back within seconds: connections the event loop has not taken
// yet wait in the kernel's accept queue (up to net.core.somaxconn) rather than have their SYNs
// dropped and retried a second or more later, as past Node's default of 511 (bench/reconnect-storm.ts).
server.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => {
  const info = server.address() as AddressInfo;
  const origin = `${tls ? 'https' : 'http'}://localhost:${info.port}`;
  console.log(`bangtin listening on ${config.host}:${info.port}, data in ${config.dataDir}`);
  console.log(`Admin: ${origin}/admin/`);
  const demoToken = services.settings.get('demo_screen_token');
  if (demoToken) console.log(`Demo player: ${playerUrl(origin, demoToken)}`);
  if (generated) {
    console.log(`Admin password (generated, shown only now; you must change it at first sign-in): ${generated}`);
  }
});
// Handshakes turned away for load (1013) are counted, and logged at most every 10 s.
let shed = 0;
const shedLog = setInterval(() => {
  if (shed) console.warn(`player sockets: ${shed} handshake(s) turned away for load (1013, try again later) in the last 10 s`);
  shed = 0;
}, 10_000);
shedLog.unref();
const wss = attachPlayerSockets(server, hub, { maxPayload: MAX_FRAME_BYTES, maxPendingHellos: MAX_PENDING_HELLOS, onShed: () => (shed += 1) });

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  fleet.stop();
  reporting.stop();
  services.portalViews.flush();
  services.storage.stop();
  hub.stop();
  void controlBus?.stop();
  scheduler.stop();
  wss.close();
  // Closing the database checkpoints the WAL and removes it and its shared-memory file.
  const exit = () => {
    if (db.open) db.close();
    process.exit(0);
  };
  server.close(exit);
  setTimeout(exit, 3000).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
