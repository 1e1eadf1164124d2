/**
 * `npm run gateway`: a player gateway (gateway.ts). BANGTIN_REDIS_URL (required) is the bus,
 * PORT and HOST where screens connect, BANGTIN_CONTROL_URL the control server for pairing and
 * media files (leave it unset when a reverse proxy routes those), BANGTIN_GATEWAY_ID its name in
 * presence (random by default), BANGTIN_DIST_DIR the build, BANGTIN_PLAYER_SOCKETS the gateways'
 * socket URLs the player page names (http/player-sockets.ts).
 */
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { startBenchStats } from '../bench-stats.ts';
import { playerSockets } from '../http/player-sockets.ts';
import { createGateway } from './gateway.ts';

const env = process.env;
if (!env.BANGTIN_REDIS_URL) {
  console.error('npm run gateway needs BANGTIN_REDIS_URL (the Redis the control server uses)');
  process.exit(1);
}
const port = Number(env.PORT ?? 8081);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not ${env.PORT}`);
  process.exit(1);
}
let sockets: string[];
try {
  sockets = playerSockets(env.BANGTIN_PLAYER_SOCKETS);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
if (env.BANGTIN_BENCH_STATS === '1') startBenchStats();

const gateway = createGateway({
  redisUrl: env.BANGTIN_REDIS_URL,
  distDir: resolve(env.BANGTIN_DIST_DIR ?? 'dist'),
  controlUrl: env.BANGTIN_CONTROL_URL || null,
  id: env.BANGTIN_GATEWAY_ID || undefined,
  playerSockets: sockets,
});
await gateway.start();
const server = serve({ fetch: gateway.app.fetch, port, hostname: env.HOST ?? '0.0.0.0' }, (info) => {
  console.log(`bangtin gateway ${gateway.id} listening on ${env.HOST ?? '0.0.0.0'}:${info.port} (players: /player/, /ws/player)`);
});
gateway.attach(server);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  await gateway.stop();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
