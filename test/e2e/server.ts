import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ADMIN_PASSWORD = 'e2e-admin-password';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A real bangtin server in a child process, on its own port and data dir. */
export class BangtinServer {
  private child: ChildProcess | null = null;
  demoPlayerUrl = '';
  adminUrl = '';
  /** Everything the process printed (stdout and stderr) since its last launch. */
  output = '';

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly env: Record<string, string> = {},
  ) {}

  /**
   * `dataDir`: where the data goes (a test's own file system); a fresh temporary dir by default.
   * `env`: more environment for the process (BANGTIN_EMBED_ORIGINS, …). `port`: a given one (a
   * server taking over another's address, so its players reconnect to it); a free one by default.
   */
  static async start(options: { dataDir?: string; env?: Record<string, string>; port?: number } = {}): Promise<BangtinServer> {
    const server = new BangtinServer(options.port ?? (await freePort()), options.dataDir ?? mkdtempSync(join(tmpdir(), 'bangtin-e2e-')), options.env);
    await server.launch();
    return server;
  }

  /** Whether the process is still running. */
  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  get origin(): string {
    return `http://localhost:${this.port}`;
  }

  /** Starts the process and waits for its startup lines. */
  async launch(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', BANGTIN_DATA_DIR: this.dataDir, BANGTIN_ADMIN_PASSWORD: ADMIN_PASSWORD, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.output = '';
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        this.output += chunk.toString();
        const admin = /^Admin: (\S+)$/m.exec(output);
        const demo = /^Demo player: (\S+)$/m.exec(output);
        if (admin && demo) {
          clearTimeout(timer);
          this.adminUrl = admin[1]!;
          this.demoPlayerUrl = demo[1]!;
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (c: Buffer) => {
        output += c.toString();
        this.output += c.toString();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${output}`));
      });
    });
    child.removeAllListeners('exit');
  }

  /** Stops the process: SIGTERM for a clean stop, SIGKILL for a crash. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    this.child = null;
  }

  async dispose(): Promise<void> {
    await this.stop('SIGKILL');
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
