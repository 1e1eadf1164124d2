import { resolve } from 'node:path';
import { z } from 'zod';
import { playerSockets } from './http/player-sockets.ts';

const Env = z.object({
  PORT: z.string().regex(/^\d{1,5}$/).transform(Number).default(8080),
  HOST: z.string().default('0.0.0.0'),
  BANGTIN_DATA_DIR: z.string().default('./data'),
  BANGTIN_ADMIN_PASSWORD: z.string().min(1).optional(),
  BANGTIN_TLS_CERT: z.string().optional(),
  BANGTIN_TLS_KEY: z.string().optional(),
  BANGTIN_DIST_DIR: z.string().default('./dist'),
  /** How many reverse proxies in front append to X-Forwarded-For; 0 trusts none. */
  BANGTIN_TRUST_PROXY: z.enum(['0', '1', '2', '3', 'false', 'true']).default('0'),
  /** A screen offline longer than this raises an alert on the dashboard. */
  BANGTIN_OFFLINE_ALERT_MINUTES: z.string().regex(/^\d{1,5}$/).transform(Number).default(10),
  /** Where fleet alerts are posted as JSON (alert-webhook.ts); unset: none. */
  BANGTIN_ALERT_WEBHOOK: z.url({ protocol: /^https?$/ }).optional(),
  /** Disk space (MB) held in the data directory for emergencies on a full disk (storage.ts); 0: none. */
  BANGTIN_DISK_RESERVE_MB: z.string().regex(/^\d{1,5}$/).transform(Number).default(8),
  /** Origins (space- or comma-separated) whose pages may frame /embed/ (CSP frame-ancestors). */
  BANGTIN_EMBED_ORIGINS: z.string().default(''),
  /** Gateways' player socket URLs (space- or comma-separated) the player page names (http/player-sockets.ts). */
  BANGTIN_PLAYER_SOCKETS: z.string().default(''),
  /** Where the nightly backup goes (backup/backup.ts); unset: no nightly backup. */
  BANGTIN_BACKUP_DIR: z.string().optional(),
  /** Scale-out (server/bus): control publishes onto this Redis; unset: one embedded process. */
  BANGTIN_REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** How many nightly backups are kept. */
  BANGTIN_BACKUP_KEEP: z.string().regex(/^\d{1,4}$/).transform(Number).refine((n) => n >= 1, 'keep at least 1').default(7),
  /** `1`: print event-loop delay and memory on SIGUSR2, for `npm run bench` (bench-stats.ts). */
  BANGTIN_BENCH_STATS: z.enum(['0', '1']).default('0'),
});

/** `https://portal.example.vn`-style origins; a path, a wildcard or another scheme is refused. */
export function embedOrigins(value: string): string[] {
  return value.split(/[\s,]+/).filter(Boolean).map((entry) => {
    const url = /^https?:\/\/[^/\s*]+\/?$/i.test(entry) ? new URL(entry) : null;
    if (!url || url.origin === 'null') throw new Error(`bad configuration: BANGTIN_EMBED_ORIGINS: ${entry} is not an http(s) origin`);
    return url.origin;
  });
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  distDir: string;
  adminPassword: string | undefined;
  tls: { cert: string; key: string } | null;
  /** Reverse proxies whose X-Forwarded-For entry names the client (BANGTIN_TRUST_PROXY). */
  trustedProxies: number;
  /** Minutes offline before a screen raises an alert (BANGTIN_OFFLINE_ALERT_MINUTES). */
  offlineAlertMinutes: number;
  /** The URL fleet alerts are posted to (BANGTIN_ALERT_WEBHOOK), or null. */
  alertWebhook: string | null;
  /** Bytes held for emergencies on a full disk (BANGTIN_DISK_RESERVE_MB). */
  diskReserveBytes: number;
  /** Origins that may frame the web portals' embed (BANGTIN_EMBED_ORIGINS). */
  embedOrigins: string[];
  /** The player sockets the player page names and fails over between (BANGTIN_PLAYER_SOCKETS); none: its own server. */
  playerSockets: string[];
  /** The nightly backup's directory and how many are kept (BANGTIN_BACKUP_DIR, BANGTIN_BACKUP_KEEP); null: none. */
  backup: { dir: string; keep: number } | null;
  /** Whether the bench's statistics are on (BANGTIN_BENCH_STATS). */
  benchStats: boolean;
  /** The Redis control publishes onto (BANGTIN_REDIS_URL); null: embedded, no Redis. */
  redisUrl: string | null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new Error(`bad configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  if (Boolean(e.BANGTIN_TLS_CERT) !== Boolean(e.BANGTIN_TLS_KEY)) {
    throw new Error('bad configuration: set both BANGTIN_TLS_CERT and BANGTIN_TLS_KEY, or neither');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.BANGTIN_DATA_DIR),
    distDir: resolve(e.BANGTIN_DIST_DIR),
    adminPassword: e.BANGTIN_ADMIN_PASSWORD,
    tls: e.BANGTIN_TLS_CERT && e.BANGTIN_TLS_KEY ? { cert: e.BANGTIN_TLS_CERT, key: e.BANGTIN_TLS_KEY } : null,
    trustedProxies: e.BANGTIN_TRUST_PROXY === 'true' ? 1 : e.BANGTIN_TRUST_PROXY === 'false' ? 0 : Number(e.BANGTIN_TRUST_PROXY),
    offlineAlertMinutes: e.BANGTIN_OFFLINE_ALERT_MINUTES,
    alertWebhook: e.BANGTIN_ALERT_WEBHOOK ?? null,
    diskReserveBytes: e.BANGTIN_DISK_RESERVE_MB * 1024 * 1024,
    embedOrigins: embedOrigins(e.BANGTIN_EMBED_ORIGINS),
    playerSockets: playerSockets(e.BANGTIN_PLAYER_SOCKETS),
    backup: e.BANGTIN_BACKUP_DIR ? { dir: resolve(e.BANGTIN_BACKUP_DIR), keep: e.BANGTIN_BACKUP_KEEP } : null,
    benchStats: e.BANGTIN_BENCH_STATS === '1',
    redisUrl: e.BANGTIN_REDIS_URL ?? null,
  };
}
