/** The bare `ws` reference as a bench target (bench/bare-ws-server.ts): the floor on this machine. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measure, type PhaseResult } from './measure.ts';
import type { Options } from './options.ts';
import { ROOT, freePort, log, procLimitOpenFiles, spawnNode, stop, waitForLine } from './processes.ts';

export async function runBare(dir: string, frames: Record<string, string>, tokens: string[], opts: Options): Promise<PhaseResult> {
  const framesFile = join(dir, 'bare-frames.json');
  writeFileSync(framesFile, JSON.stringify(frames));
  const port = await freePort();
  log(`bare ws: starting reference server on 127.0.0.1:${port}`);
  const server = spawnNode(['--import', 'tsx', join(ROOT, 'bench/bare-ws-server.ts')], {
    PORT: String(port),
    HOST: '127.0.0.1',
    BARE_FRAMES: framesFile,
  }, false);
  try {
    await waitForLine(server, 'bare ws', /^Bare ws listening on /, 30_000);
    const pid = server.pid!;
    log(`bare ws: server pid ${pid}, open-file limit (soft): ${procLimitOpenFiles(pid)}`);
    const base = `http://127.0.0.1:${port}`;
    await fetch(`${base}/healthz`); // warm fetch up, as signing in does for bangtin
    return await measure(
      {
        name: 'bare ws',
        wsUrl: `ws://127.0.0.1:${port}/ws/player`,
        httpBase: base,
        pid,
        prepare: async () => {
          await fetch(`${base}/healthz`);
        },
        publish: async () => {
          const res = await fetch(`${base}/publish`, { method: 'POST' });
          await res.text();
          if (res.status !== 201) throw new Error(`bare ws publish answered ${res.status}`);
        },
      },
      tokens,
      opts,
    );
  } finally {
    await stop(server, 'bare ws server');
  }
}
