// `npm test`: type-check, unit tests, build, then end-to-end tests in Debian's Chromium.
// On a fresh machine it installs Chromium when it can (root), or says exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const bin = (name) => join(root, 'node_modules', '.bin', name);

function ensureChromium() {
  if (existsSync(chromium)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || process.env.CHROMIUM_PATH) {
    console.error(`Chromium is missing at ${chromium}. Install Debian's package as root:\n  apt-get update && apt-get install -y chromium\nor set CHROMIUM_PATH to a Chromium binary.`);
    process.exit(1);
  }
  console.log('Installing Debian chromium (apt-get)…');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** The report test reads printed PDFs back with pdftotext (Debian's poppler-utils). */
function ensurePoppler() {
  const found = spawnSync('sh', ['-c', 'command -v pdftotext && command -v pdftoppm'], { stdio: 'ignore' }).status === 0;
  if (found) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error('pdftotext is missing. Install Debian\'s package as root:\n  apt-get update && apt-get install -y poppler-utils');
    process.exit(1);
  }
  console.log('Installing Debian poppler-utils (apt-get)…');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'poppler-utils'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/**
 * The bus and gateway tests (server/bus, server/gateway, e2e gateway.spec.ts) start their own
 * redis-server (Debian's redis-server). As root it is
 * installed when missing; otherwise those tests are skipped, and this says so.
 */
function ensureRedis() {
  const redis = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';
  if (existsSync(redis)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || process.env.REDIS_SERVER_PATH) {
    console.warn(`redis-server is missing at ${redis}: skipping the Redis bus and gateway tests (server/bus, server/gateway, e2e gateway.spec.ts). Install Debian's package as root:\n  apt-get update && apt-get install -y redis-server`);
    return;
  }
  console.log('Installing Debian redis-server (apt-get)…');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function step(title, cmd, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TZ: 'UTC', ...env } });
  if (r.status !== 0) {
    console.error(`✗ ${title} failed`);
    process.exit(r.status ?? 1);
  }
}

ensureChromium();
ensurePoppler();
ensureRedis();
step('Type check', bin('tsc'), ['--noEmit', '-p', '.']);
step('Unit and route tests', bin('vitest'), ['run']);
step('Build', bin('vite'), ['build', '--logLevel', 'warn']);
step('Player JavaScript budget', process.execPath, [join(root, 'scripts', 'check-size.mjs'), join(root, 'dist')]);
step('End-to-end tests (Chromium)', bin('playwright'), ['test'], { CHROMIUM_PATH: chromium });
console.log('\n✓ all tests passed');
