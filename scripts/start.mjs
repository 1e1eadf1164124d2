// `npm start`: build the pages when the build is stale, then run the server (TypeScript via tsx).
// `npm run gateway` runs a player gateway the same way: `node scripts/start.mjs gateway`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.built');

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const sources = ['player', 'admin', 'playlists', 'vite.config.ts', 'package-lock.json'].map((p) => join(root, p));
const stale = !existsSync(stamp) || sources.some((p) => existsSync(p) && newest(p) > statSync(stamp).mtimeMs);
if (stale) {
  console.log('Building the player and admin pages…');
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  execFileSync(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(stamp)}, new Date().toISOString())`]);
}

const { register } = await import('tsx/esm/api');
register();
await import(process.argv[2] === 'gateway' ? '../server/gateway/main.ts' : '../server/main.ts');
