import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The server's mark on its data directory: `bangtin.pid` holds its process id while it runs
 * (written at start, removed at a clean stop). A restore refuses a directory whose mark names a
 * process that is alive; a mark a crash left behind names a dead one and is ignored.
 */
export const PID_FILE = 'bangtin.pid';

export function markDataDir(dataDir: string, now = Date.now()): () => void {
  const file = join(dataDir, PID_FILE);
  writeFileSync(file, `${JSON.stringify({ pid: process.pid, startedAt: new Date(now).toISOString() })}\n`);
  return () => {
    try {
      const held = JSON.parse(readFileSync(file, 'utf8')) as { pid?: number };
      if (held.pid === process.pid) rmSync(file, { force: true });
    } catch {
      // Gone already, or another server's now: leave it.
    }
  };
}

/** The live process whose mark is on `dataDir`, or null (no mark, or a stale one). */
export function runningServer(dataDir: string): { pid: number } | null {
  let pid: unknown;
  try {
    pid = (JSON.parse(readFileSync(join(dataDir, PID_FILE), 'utf8')) as { pid?: unknown }).pid;
  } catch {
    return null;
  }
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return { pid };
  } catch (err) {
    // EPERM: it lives, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? { pid } : null;
  }
}
