/**
 * A real redis-server for tests (TESTING.md, "Real services"): started on a free port in a
 * temporary directory, without persistence, so restarting it is "Redis lost its data".
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

/** Whether redis-server can run here; tests that need it are skipped (with a reason) when not. */
export function hasRedis(): boolean {
  return spawnSync(REDIS_SERVER, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A TCP port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class TestRedis {
  #child: ChildProcess | null = null;
  readonly #dir = mkdtempSync(join(tmpdir(), 'bangtin-redis-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<TestRedis> {
    const redis = new TestRedis(await freePort());
    await redis.#spawn();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Stops it (SIGKILL: whatever it held is gone) and starts it again, empty, on the same port. */
  async restartEmpty(): Promise<void> {
    await this.stop(false);
    await this.#spawn();
  }

  /** Starts it again after `stop(false)`, empty, on the same port. */
  async resume(): Promise<void> {
    await this.#spawn();
  }

  /** Stops the server; `removeDir` (default) also removes its directory. */
  async stop(removeDir = true): Promise<void> {
    const child = this.#child;
    this.#child = null;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    if (removeDir) rmSync(this.#dir, { recursive: true, force: true });
  }

  async #spawn(): Promise<void> {
    const child = spawn(
      REDIS_SERVER,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.#dir, '--loglevel', 'notice'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.#child = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`redis-server did not start on ${this.port}: ${out}`));
      }, 5000);
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        if (/Ready to accept connections/i.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}): ${out}`));
      });
    });
    // Nothing more is read; let the pipes drain so the child never blocks on a full one.
    child.stdout!.resume();
    child.stderr!.resume();
  }
}

/** Opens ioredis connections to a test Redis (reconnecting fast) and closes them all at the end. */
export function redisConnections(url: string) {
  const all: Redis[] = [];
  return {
    open(): Redis {
      const redis = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: () => 20, lazyConnect: false });
      // Errors while Redis is down are expected in these tests; ioredis reconnects by itself.
      redis.on('error', () => undefined);
      all.push(redis);
      return redis;
    },
    closeAll(): void {
      for (const redis of all.splice(0)) redis.disconnect();
    },
  };
}
