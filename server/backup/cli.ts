// `npm run backup -- DIR` and `npm run restore -- DIR` (issue 17), on BANGTIN_DATA_DIR.
import { resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { BackupError, createBackup } from './backup.ts';
import { restoreBackup } from './restore.ts';

const [command, target] = process.argv.slice(2);
if ((command !== 'backup' && command !== 'restore') || !target) {
  console.error('usage: npm run backup -- DIR   |   npm run restore -- DIR   (on BANGTIN_DATA_DIR, default ./data)');
  process.exit(64);
}
const { dataDir } = loadConfig();
const dir = resolve(target);
const started = Date.now();
try {
  if (command === 'backup') {
    const manifest = await createBackup(dataDir, dir);
    const bytes = manifest.files.reduce((n, f) => n + f.bytes, 0);
    console.log(`backup: ${dataDir} → ${dir}: ${manifest.files.length} files, ${bytes} bytes, revision ${manifest.revision}, in ${Date.now() - started} ms`);
  } else {
    const { manifest, replacedInto } = await restoreBackup(dir, dataDir);
    console.log(`restore: ${dir} → ${dataDir}: ${manifest.files.length} files checked and restored, revision ${manifest.revision}, in ${Date.now() - started} ms`);
    if (replacedInto) console.log(`restore: the data it replaced is in ${replacedInto}`);
  }
} catch (err) {
  if (!(err instanceof BackupError)) throw err;
  console.error(`${command}: refused (${err.code}): ${err.message}`);
  process.exit(1);
}
